package io.gevgate.simulator.stream;

import io.gevgate.acquisition.gvsp.Frame;
import io.gevgate.acquisition.gvsp.FrameStatus;
import io.gevgate.acquisition.gvsp.GvspReceiver;
import io.gevgate.acquisition.gvsp.GvspReceiverConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** Emitter → receiver on loopback, resend requests wired straight to the emitter. */
final class StreamHarness implements AutoCloseable {
    final GvspReceiver receiver;
    final GvspEmitter emitter;

    /** What one delivered frame looked like (copied out before release). */
    record Received(long blockId, FrameStatus status, long counter, String problem, int resent, int missing,
                    int packets) {
    }

    StreamHarness(String address, GvspReceiverConfig rc, GvspEmitterConfig ec, boolean resend) throws Exception {
        AtomicReference<GvspEmitter> ref = new AtomicReference<>();
        rc.bindAddress(address).port(0).packetSize(ec.packetSize());
        if (resend) {
            rc.resendRequester((block, first, last) -> {
                GvspEmitter e = ref.get();
                if (e != null) {
                    e.resend(block, first, last);
                }
            });
        }
        if (ec.payloadKind() == PayloadKind.GENDC) {
            rc.genDcFlowSizes(BlockLayout.of(ec).flowSizes);
        }
        receiver = GvspReceiver.start(rc);
        try {
            ec.destination(address, receiver.localPort()).source(address, 0);
            emitter = GvspEmitter.start(ec);
            ref.set(emitter);
        } catch (Exception e) {
            receiver.close();
            throw e;
        }
    }

    /** Collects up to {@code frames} frames, verifying each with {@link FrameCheck}; bounded by time. */
    List<Received> collect(int frames, long timeoutMillis, PayloadKind kind) throws InterruptedException {
        List<Received> out = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (out.size() < frames && System.nanoTime() < deadline) {
            Frame f = receiver.take(50, TimeUnit.MILLISECONDS);
            if (f == null) {
                continue;
            }
            try {
                FrameCheck.Result r = FrameCheck.check(f, kind);
                out.add(new Received(f.blockId(), f.status(), r.counter(), r.problem(), f.packetsResent(),
                        f.packetsMissing(), f.packetsReceived()));
            } finally {
                f.release();
            }
        }
        return out;
    }

    @Override
    public void close() {
        try {
            emitter.close();
        } finally {
            receiver.close();
        }
    }
}
