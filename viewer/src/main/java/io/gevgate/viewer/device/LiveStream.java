package io.gevgate.viewer.device;

import io.gevgate.acquisition.gvcp.GvcpClient;
import io.gevgate.acquisition.gvcp.StreamChannelRegisters;
import io.gevgate.acquisition.gvsp.Frame;
import io.gevgate.acquisition.gvsp.FrameStatus;
import io.gevgate.acquisition.gvsp.GvspCounter;
import io.gevgate.acquisition.gvsp.GvspReceiver;
import io.gevgate.acquisition.gvsp.GvspReceiverConfig;
import io.gevgate.acquisition.gvsp.ReceiverCounters;
import io.gevgate.linux.net.NativeSocketException;
import io.gevgate.viewer.image.LatestFrameSlot;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Live view of an opened camera: a GVSP receiver on the host address the GVCP client uses, stream
 * channel 0 pointed at it, AcquisitionStart; a pump thread converts each complete frame to ARGB and
 * drops it into a {@link LatestFrameSlot} (the FX pulse shows the newest and the rest are skipped).
 * This is the viewer's own wiring until the facade's {@code camera.stream()} lands.
 */
public final class LiveStream implements AutoCloseable {
    private static final int DEFAULT_PACKET_SIZE = 1500;

    private final DeviceSession session;
    private final GvspReceiver receiver;
    private final FrameRenderer renderer = new FrameRenderer();
    private final LatestFrameSlot slot;
    private final Thread pump;
    private final AtomicLong frames = new AtomicLong();
    private final AtomicLong incomplete = new AtomicLong();
    private final AtomicLong conversionErrors = new AtomicLong();
    private volatile String lastError;
    private volatile boolean running = true;

    private LiveStream(DeviceSession session, GvspReceiver receiver, LatestFrameSlot slot) {
        this.session = session;
        this.receiver = receiver;
        this.slot = slot;
        this.pump = Thread.ofPlatform().daemon().name("viewer-live-pump").unstarted(this::pumpLoop);
    }

    /** Starts the receiver, programs stream channel 0 and starts acquisition. Network I/O: background thread only. */
    public static LiveStream start(DeviceSession session, LatestFrameSlot slot) {
        var features = session.features();
        GvcpClient client = session.camera().client();
        StreamChannelRegisters sc = session.camera().bootstrap().streamChannel(0);
        int packetSize = sc.packetSize() & 0xFFFF;
        if (packetSize < 576) {
            packetSize = DEFAULT_PACKET_SIZE;
            sc.packetSize(packetSize);
        }
        long payload = features.has("PayloadSize") ? features.getInteger("PayloadSize") : 16L << 20;
        var host = client.localAddress().getAddress();
        GvspReceiver receiver;
        try {
            receiver = GvspReceiver.start(new GvspReceiverConfig()
                .bindAddress(host.getHostAddress())
                .port(0)
                .packetSize(packetSize)
                .frameBufferBytes(Math.max(payload, 4096) + 4096)
                .frameBufferCount(6)
                .handoffCapacity(1) // the pump converts the newest frame; older waiting ones are dropped
                .frameRetention(Duration.ofMillis(500))
                .resendRequester((block, first, last) -> client.packetResend(0, block, first, last))
                .threadName("viewer-gvsp"));
        } catch (NativeSocketException e) {
            throw new IllegalStateException("cannot open the GVSP receive socket on " + host.getHostAddress()
                    + ": " + e.getMessage(), e);
        }
        try {
            sc.destinationAddress(host);
            sc.hostPort(receiver.localPort());
            if (features.has("TLParamsLocked")) {
                features.setInteger("TLParamsLocked", 1);
            }
            features.execute("AcquisitionStart");
        } catch (RuntimeException e) {
            undoStart(session);
            receiver.close();
            throw e;
        }
        LiveStream s = new LiveStream(session, receiver, slot);
        s.pump.start();
        return s;
    }

    /** Best effort after a failed start: unlock the TL parameters and close the stream channel again. */
    private static void undoStart(DeviceSession session) {
        try {
            if (session.features().has("TLParamsLocked")) {
                session.features().setInteger("TLParamsLocked", 0);
            }
            session.camera().bootstrap().streamChannel(0).hostPort(0);
        } catch (RuntimeException ignored) {
            // the original failure is what the user needs to see
        }
    }

    private void pumpLoop() {
        while (running) {
            Frame f;
            try {
                f = receiver.take(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (f == null) {
                continue;
            }
            try {
                if (f.status() != FrameStatus.COMPLETE) {
                    incomplete.incrementAndGet();
                    continue;
                }
                slot.offer(renderer.render(f));
                frames.incrementAndGet();
            } catch (RuntimeException e) {
                conversionErrors.incrementAndGet();
                lastError = e.getMessage();
            } finally {
                f.release();
            }
        }
    }

    /**
     * Camera-side figures: frames completed by the receiver (not only those drawn), payload bytes,
     * resend packets requested, frames lost (incomplete, timed out, no buffer). Frames the display
     * skipped because a newer one was waiting are {@link #displaySkipped()}, not drops.
     */
    public StreamStats stats() {
        ReceiverCounters c = receiver.counters();
        long drops = c.get(GvspCounter.FRAMES_MISSING_PACKETS) + c.get(GvspCounter.FRAMES_TIMED_OUT)
                + c.get(GvspCounter.FRAMES_SIZE_MISMATCH) + c.get(GvspCounter.FRAMES_MALFORMED_PAYLOAD)
                + c.get(GvspCounter.FRAMES_DROPPED_NO_BUFFER);
        return new StreamStats(c.get(GvspCounter.FRAMES_COMPLETED), c.get(GvspCounter.PAYLOAD_BYTES),
                c.get(GvspCounter.RESEND_PACKETS_REQUESTED), drops, System.nanoTime());
    }

    /** Complete frames never converted because a newer one replaced them in the hand-off (newest wins). */
    public long displaySkipped() {
        return receiver.counters().get(GvspCounter.FRAMES_DROPPED_SLOW_CONSUMER);
    }

    /** Frames converted for display. */
    public long converted() {
        return frames.get();
    }

    /** Every receiver counter (packets, resends, frames per close reason, drops), for diagnostics. */
    public java.util.Map<GvspCounter, Long> receiverCounters() {
        return receiver.counters().snapshot();
    }

    /** The last conversion problem (an unsupported pixel format...), or null. */
    public String lastError() {
        return lastError;
    }

    public long conversionErrors() {
        return conversionErrors.get();
    }

    /** Stops acquisition, closes the stream channel and the receiver. Network I/O: background thread only. */
    @Override
    public void close() {
        running = false;
        RuntimeException failure = null;
        try {
            session.features().execute("AcquisitionStop");
            if (session.features().has("TLParamsLocked")) {
                session.features().setInteger("TLParamsLocked", 0);
            }
            session.camera().bootstrap().streamChannel(0).hostPort(0);
        } catch (RuntimeException e) {
            failure = e;
        }
        pump.interrupt();
        try {
            pump.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        receiver.close();
        renderer.close();
        if (failure != null) {
            throw failure;
        }
    }
}
