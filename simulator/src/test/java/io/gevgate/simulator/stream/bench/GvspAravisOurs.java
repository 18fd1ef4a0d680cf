package io.gevgate.simulator.stream.bench;

import io.gevgate.acquisition.camera.Camera;
import io.gevgate.acquisition.camera.CameraStream;
import io.gevgate.acquisition.camera.Cameras;
import io.gevgate.acquisition.genapi.NodeMap;
import io.gevgate.acquisition.gvsp.Frame;
import io.gevgate.acquisition.gvsp.FrameStatus;
import io.gevgate.acquisition.gvsp.GvspCounter;
import io.gevgate.acquisition.gvsp.ReceiverCounters;
import io.gevgate.linux.net.UdpSocket;
import io.gevgate.simulator.stream.GvspEmitter;
import io.gevgate.simulator.stream.GvspEmitterConfig;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Our side of bench/gvsp-aravis.sh (never part of the test suite). Two modes:
 * <ul>
 *   <li>{@code receive ADDRESS PACKET WIDTH HEIGHT SECONDS RATE...}: opens the simulator (a separate
 *       process started by the script) through {@link Cameras#open} / {@code Camera.stream()} exactly
 *       like {@code gevgate stream}, and for each frame rate in turn (ascending) sets Width/Height/
 *       AcquisitionFrameRate, streams, and measures over a window after a warm-up: complete and
 *       failed frames, resend requests, MB/s and the whole JVM's CPU time (all threads, GC and JIT
 *       included, like the Aravis process's rusage). Stops after two failed steps in a row.</li>
 *   <li>{@code emitter ADDRESS PACKET WIDTH HEIGHT SECONDS [gso]}: the simulator's {@link GvspEmitter}
 *       alone, free-running into a bound socket nobody reads: what one emitter thread can offer
 *       (with {@code gso}: sending with UDP GSO, as {@code gevgate sim --udp-gso}).</li>
 * </ul>
 * One JSON object per line on stdout; the script parses them.
 */
public final class GvspAravisOurs {
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final double WARM_UP_SECONDS = 0.8;
    /** Frame buffers of our receiver: what arv-camera-test-0.8 allocates (50). */
    static final int BUFFERS = 50;

    public static void main(String[] args) throws Exception {
        if (args.length < 6 || !(args[0].equals("emitter") || args[0].equals("receive"))) {
            System.err.println("usage: receive ADDRESS PACKET WIDTH HEIGHT SECONDS RATE... | emitter ADDRESS PACKET WIDTH HEIGHT SECONDS");
            System.exit(2);
        }
        String address = args[1];
        int packet = Integer.parseInt(args[2]);
        int width = Integer.parseInt(args[3]);
        int height = Integer.parseInt(args[4]);
        double seconds = Double.parseDouble(args[5]);
        if (args[0].equals("emitter")) {
            emitterAlone(address, packet, width, height, seconds, args.length > 6 && args[6].equals("gso"));
            return;
        }
        try (Camera cam = Cameras.open(address)) {
            cam.takeControl();
            NodeMap features = cam.nodeMap();
            features.set("PixelFormat", "Mono8");
            features.setInteger("Width", width);
            features.setInteger("Height", height);
            // Two failed steps in a row end the search: one can be noise on a loaded host.
            int failedInARow = 0;
            for (int i = 6; i < args.length && failedInARow < 2; i++) {
                double rate = Double.parseDouble(args[i]);
                features.set("AcquisitionFrameRate", String.valueOf(rate));
                failedInARow = step(cam, features, packet, (long) width * height, rate, seconds) ? 0 : failedInARow + 1;
            }
        }
    }

    /**
     * One frame rate. Returns whether a higher rate is worth trying: false when a frame failed or was
     * dropped (loss, even after resends), or when the simulator did not reach 85 % of the rate
     * (emitter-bound: with nothing lost, the receiver was not what held it back).
     */
    private static boolean step(Camera cam, NodeMap features, int packet, long frameBytes, double rate, double seconds)
            throws InterruptedException {
        // 50 frame buffers, as arv-camera-test pushes (the default 16 run dry when the consumer
        // thread is descheduled for 8 frames on a loaded 2-core host: at 450 fps that is 18 ms)
        CameraStream.Options opts = CameraStream.Options.defaults().packetSize(packet).frameBufferCount(BUFFERS);
        try (CameraStream s = cam.stream(features, opts)) {
            long warmEnd = System.nanoTime() + (long) (WARM_UP_SECONDS * 1e9);
            while (System.nanoTime() < warmEnd) {
                drain(s, null);
            }
            ReceiverCounters c = s.counters();
            long[] tally = new long[2]; // complete, failed
            long resend0 = c.get(GvspCounter.RESEND_REQUESTS);
            long noBuf0 = c.get(GvspCounter.FRAMES_DROPPED_NO_BUFFER) + c.get(GvspCounter.FRAMES_DROPPED_SLOW_CONSUMER);
            long packets0 = c.get(GvspCounter.PACKETS_RECEIVED);
            long kernel0 = GvspBench.rcvbufErrors();
            long cpu0 = OS.getProcessCpuTime();
            long t0 = System.nanoTime();
            long end = t0 + (long) (seconds * 1e9);
            while (System.nanoTime() < end) {
                drain(s, tally);
            }
            long t1 = System.nanoTime();
            long cpu1 = OS.getProcessCpuTime();
            long resends = c.get(GvspCounter.RESEND_REQUESTS) - resend0;
            long dropped = c.get(GvspCounter.FRAMES_DROPPED_NO_BUFFER) + c.get(GvspCounter.FRAMES_DROPPED_SLOW_CONSUMER) - noBuf0;
            double secs = (t1 - t0) / 1e9;
            double gb = tally[0] * frameBytes / 1e9;
            // Resent packets are counted but are not loss: on a CPU-starved host an emitter stalled
            // mid-frame for > 1 ms triggers a (harmless) request; a frame never completed is loss.
            boolean loss = tally[1] > 0 || dropped > 0;
            boolean reached = tally[0] / secs >= 0.85 * rate;
            System.out.printf(Locale.ROOT, "{\"target_fps\": %.1f, \"fps\": %.1f, \"mb_s\": %.1f, \"frames_complete\": %d, "
                            + "\"frames_failed\": %d, \"frames_dropped\": %d, \"resend_requests\": %d, \"packets\": %d, "
                            + "\"host_rcvbuf_errors\": %d, \"cpu_s\": %.3f, \"seconds\": %.3f, \"cpu_s_per_gb\": %.4f, "
                            + "\"loss\": %b, \"reached\": %b, \"packet_size\": %d, \"extended_ids\": %b, \"rcvbuf\": %d, "
                            + "\"frame_buffers\": %d}%n",
                    rate, tally[0] / secs, tally[0] * frameBytes / 1e6 / secs, tally[0], tally[1], dropped, resends,
                    c.get(GvspCounter.PACKETS_RECEIVED) - packets0, GvspBench.rcvbufErrors() - kernel0,
                    (cpu1 - cpu0) / 1e9, secs, gb > 0 ? (cpu1 - cpu0) / 1e9 / gb : -1.0, loss, reached, s.packetSize(),
                    s.extendedIds(), s.receiver().receiveBufferBytes(), BUFFERS);
            System.out.flush();
            return !loss && reached;
        }
    }

    private static void drain(CameraStream s, long[] tally) throws InterruptedException {
        Frame f = s.take(20, TimeUnit.MILLISECONDS);
        if (f == null) {
            return;
        }
        try {
            if (tally != null) {
                tally[f.status() == FrameStatus.COMPLETE ? 0 : 1]++;
            }
        } finally {
            f.release();
        }
    }

    private static void emitterAlone(String address, int packet, int width, int height, double seconds, boolean gso)
            throws Exception {
        try (UdpSocket sink = UdpSocket.open()) {
            sink.bind(address, 0);
            sink.setReceiveBufferSize(1 << 16);
            GvspEmitterConfig ec = new GvspEmitterConfig().destination(address, sink.localPort()).source(address, 0)
                    .packetSize(packet).size(width, height).frameRate(0).sendBufferBytes(8 << 20).udpGso(gso);
            try (GvspEmitter e = GvspEmitter.start(ec)) {
                Thread.sleep(500); // warm-up (JIT)
                long f0 = e.counters().framesSent();
                long p0 = e.counters().packetsSent();
                long cpu0 = OS.getProcessCpuTime();
                long t0 = System.nanoTime();
                Thread.sleep((long) (seconds * 1000));
                long f1 = e.counters().framesSent();
                long p1 = e.counters().packetsSent();
                long cpu1 = OS.getProcessCpuTime();
                double secs = (System.nanoTime() - t0) / 1e9;
                double mb = (f1 - f0) * (double) width * height / 1e6;
                System.out.printf(Locale.ROOT, "{\"fps\": %.1f, \"mb_s\": %.1f, \"packets_s\": %.0f, \"cpu_s_per_gb\": %.4f, "
                                + "\"udp_gso\": %b}%n", (f1 - f0) / secs, mb / secs, (p1 - p0) / secs,
                        mb > 0 ? (cpu1 - cpu0) / 1e9 / (mb / 1e3) : -1.0, e.packetsPerSend() > 1);
            }
        }
    }

    private GvspAravisOurs() {
    }
}
