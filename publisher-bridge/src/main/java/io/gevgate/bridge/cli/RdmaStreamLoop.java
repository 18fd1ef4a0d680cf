package io.gevgate.bridge.cli;

import io.gevgate.acquisition.camera.CameraStream;
import io.gevgate.acquisition.frames.AcquiredFrame;
import io.gevgate.acquisition.roce.RoceCounter;
import io.gevgate.acquisition.roce.RoceCounters;
import io.gevgate.bridge.gateway.RateMeter;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** The receive loop of {@code gevgate stream --rdma}: counts complete/incomplete frames, status once a second. */
final class RdmaStreamLoop {
    private RdmaStreamLoop() {
    }

    static int run(CameraStream s, AtomicBoolean stop, long count, double durationSeconds, CountDownLatch testStop)
            throws InterruptedException {
        long deadline = durationSeconds > 0 ? System.nanoTime() + (long) (durationSeconds * 1e9) : Long.MAX_VALUE;
        long complete = 0;
        long incomplete = 0;
        long bytes = 0;
        RateMeter meter = new RateMeter();
        long nextStatus = System.nanoTime() + 1_000_000_000L;
        while (!stop.get() && (count == 0 || complete < count) && System.nanoTime() < deadline
                && (testStop == null || testStop.getCount() > 0)) {
            AcquiredFrame f = s.next(100, TimeUnit.MILLISECONDS);
            if (f != null) {
                try {
                    if (f.isComplete()) {
                        complete++;
                        for (int i = 0; i < f.genDcFlowCount(); i++) {
                            bytes += f.genDcFlow(i).byteSize();
                        }
                    } else {
                        incomplete++;
                    }
                } finally {
                    f.release();
                }
            } else if (s.receiverFailure() != null) {
                throw new CliException(ExitCodes.FAILURE, "RDMA receiver failed: " + s.receiverFailure().getMessage());
            }
            if (System.nanoTime() >= nextStatus) {
                meter.sample(complete, bytes);
                System.err.println(status(meter, s.rdma().counters(), complete, incomplete));
                nextStatus += 1_000_000_000L;
            }
        }
        meter.sample(complete, bytes);
        System.out.printf("stream: %d complete frames, %d incomplete (RDMA); %s%n", complete, incomplete,
                status(meter, s.rdma().counters(), complete, incomplete));
        return ExitCodes.OK;
    }

    static String status(RateMeter m, RoceCounters c, long complete, long incomplete) {
        return String.format("%7.1f fps %8.2f MB/s  psn gaps %d  decoder drops %d  incomplete %d  frames %d",
                m.fps(), m.megabytesPerSecond(), c.get(RoceCounter.PSN_GAPS), c.decoderDrops(), incomplete, complete);
    }
}
