package io.gevgate.bridge.cli;

import io.gevgate.acquisition.camera.Camera;
import io.gevgate.acquisition.camera.CameraStream;
import io.gevgate.acquisition.camera.Cameras;
import io.gevgate.acquisition.camera.GenApiDevicePort;
import io.gevgate.acquisition.genapi.GenApiException;
import io.gevgate.acquisition.genapi.NodeMap;
import io.gevgate.acquisition.gvsp.Frame;
import io.gevgate.acquisition.gvsp.FrameStatus;
import io.gevgate.acquisition.gvsp.GenDcContainer;
import io.gevgate.acquisition.gvsp.GvspCounter;
import io.gevgate.acquisition.gvsp.ReceiverCounters;
import io.gevgate.bridge.convert.ConversionException;
import io.gevgate.bridge.convert.ConversionSpec;
import io.gevgate.bridge.convert.FrameConverter;
import io.gevgate.bridge.convert.InputLayout;
import io.gevgate.bridge.gateway.RateMeter;
import io.gevgate.gendc.GenDcFormatException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/** {@code gevgate stream}: receives frames from a camera, prints a status line once a second, optionally saves them. */
@Command(name = "stream", mixinStandardHelpOptions = true,
        description = "Stream from a GigE Vision camera (GVSP with resend); status line once a second.")
public final class StreamCommand implements Callable<Integer> {

    enum SaveAs { png, raw, gendc }

    @Mixin
    DeviceOptions device = new DeviceOptions();

    @Option(names = "--count", description = "Stop after N complete frames (default: until Ctrl-C).")
    long count;

    @Option(names = "--duration", description = "Stop after S seconds (default: no limit).")
    double durationSeconds;

    @Option(names = "--save", description = "Directory to save complete frames into.")
    Path saveDir;

    @Option(names = "--as", defaultValue = "raw", description = "File format with --save: png, raw or gendc (default ${DEFAULT-VALUE}).")
    SaveAs saveAs;

    @Option(names = "--packet-size", defaultValue = "0", description = "Fixed SCPS; 0 negotiates with test packets (default).")
    int packetSize;

    @Option(names = "--rdma", description = "Stream over the gevgate RDMA profile (RoCEv2, docs/rdma-profile.md) instead of GVSP; "
            + "the camera must offer it.")
    boolean rdma;

    @Option(names = "--rdma-engine", defaultValue = "auto", description = "With --rdma: soft (pure-Java soft RoCE), verbs "
            + "(RDMA NIC, hardware-unverified) or auto (verbs when an RDMA device is usable; default ${DEFAULT-VALUE}).")
    String rdmaEngine;

    @Option(names = "--rdma-frame-timeout", paramLabel = "MS", defaultValue = "200", description = "With --rdma: an open "
            + "frame with no packet for this long closes incomplete (1..60000 ms; default ${DEFAULT-VALUE}).")
    String rdmaFrameTimeoutMs;

    /** Set by tests to stop the command without a signal. */
    static volatile java.util.concurrent.CountDownLatch stopForTests;

    @Override
    public Integer call() throws Exception {
        if (count < 0 || durationSeconds < 0) {
            throw new CliException(ExitCodes.USAGE, "--count and --duration must be >= 0");
        }
        if (rdma && saveDir != null) {
            throw new CliException(ExitCodes.USAGE, "--save is not available with --rdma yet (frames stay in the registered pages)");
        }
        if (saveDir != null) {
            Files.createDirectories(saveDir);
        }
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.set(true);
            try {
                done.await(10, TimeUnit.SECONDS); // acquisition stopped and control released first
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "gevgate-stream-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try (Camera cam = Cameras.open(device.inet(), device.clientOptions())) {
            cam.takeControl();
            NodeMap features = GenApiDevicePort.nodeMap(cam);
            CameraStream.Options opts = CameraStream.Options.defaults().packetSize(packetSize);
            boolean genDc = saveAs == SaveAs.gendc && saveDir != null;
            if (genDc) {
                // GenDCStreamingMode On (or SCCFG0 bit 0x80); Camera.stream() reads the flow table back
                opts.genDcStreaming(true);
            }
            if (rdma) {
                try {
                    cam.setParameter("RdmaEngine", rdmaEngine);
                } catch (IllegalArgumentException e) {
                    throw new CliException(ExitCodes.USAGE, "--rdma-engine: " + e.getMessage(), e);
                }
                try {
                    cam.setParameter("RdmaFrameTimeout", rdmaFrameTimeoutMs);
                } catch (IllegalArgumentException e) {
                    throw new CliException(ExitCodes.USAGE, "--rdma-frame-timeout: " + e.getMessage(), e);
                }
                cam.setParameter("UseRdma", "1");
                try (CameraStream s = cam.stream(features, opts)) {
                    System.err.printf("stream: %s over RDMA (%s engine), QP 0x%06x, MTU %d, %d pages x %d flows%n",
                            cam.info().model(), s.rdma().engine().label(), s.rdma().profile().queuePair(),
                            s.rdma().profile().pathMtu(), s.rdma().profile().pageCount(), s.rdma().profile().flowCount());
                    return RdmaStreamLoop.run(s, stop, count, durationSeconds, stopForTests);
                } catch (IllegalStateException e) {
                    throw new CliException(ExitCodes.FAILURE, e.getMessage(), e);
                }
            }
            CameraStream stream;
            try {
                stream = cam.stream(features, opts);
            } catch (IllegalStateException e) {
                if (genDc) {
                    throw new CliException(ExitCodes.INVALID_INPUT, "--as gendc: " + e.getMessage(), e);
                }
                throw e;
            }
            try (CameraStream s = stream) {
                System.err.printf("stream: %s, packet size %d%s, extended ids %s%s%n",
                        cam.info().model(), s.packetSize(),
                        s.negotiation() == null ? " (fixed)" : s.negotiation().deviceSendsTestPackets()
                                ? " (test packets, path MTU " + s.negotiation().pathMtu() + ")" : " (device sends no test packets: kept)",
                        s.extendedIds() ? "on" : "off",
                        !s.genDcStreaming() ? "" : s.genDcFlowSizes() == null ? ", GenDC (no flow table)"
                                : ", GenDC in " + s.genDcFlowSizes().length + " flows " + java.util.Arrays.toString(s.genDcFlowSizes()));
                return loop(s, stop);
            }
        } catch (GenApiException e) {
            throw new CliException(ExitCodes.FAILURE, e.getMessage(), e);
        } catch (RuntimeException e) {
            throw GvcpErrors.toCli(e);
        } finally {
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running
            }
        }
    }

    private int loop(CameraStream s, java.util.concurrent.atomic.AtomicBoolean stop) throws InterruptedException {
        long deadline = durationSeconds > 0 ? System.nanoTime() + (long) (durationSeconds * 1e9) : Long.MAX_VALUE;
        long complete = 0;
        long incomplete = 0;
        long bytes = 0;
        long saved = 0;
        int malformedReported = 0;
        RateMeter meter = new RateMeter();
        long nextStatus = System.nanoTime() + 1_000_000_000L;
        java.util.concurrent.CountDownLatch testStop = stopForTests;
        while (!stop.get() && (count == 0 || complete < count) && System.nanoTime() < deadline
                && (testStop == null || testStop.getCount() > 0)) {
            Frame f = s.take(100, TimeUnit.MILLISECONDS);
            if (f != null) {
                try {
                    if (f.status() == FrameStatus.COMPLETE) {
                        complete++;
                        bytes += f.payloadSize();
                        if (saveDir != null) {
                            save(f, complete);
                            saved++;
                        }
                    } else {
                        incomplete++;
                        if (f.status() == FrameStatus.MALFORMED_PAYLOAD && malformedReported++ < 3) {
                            System.err.println("stream: frame " + f.blockId() + ": " + malformedReason(f));
                        }
                    }
                } finally {
                    f.release();
                }
            }
            if (System.nanoTime() >= nextStatus) {
                meter.sample(complete, bytes);
                System.err.println(status(meter, s.counters(), complete, incomplete));
                nextStatus += 1_000_000_000L;
            }
        }
        meter.sample(complete, bytes);
        System.out.printf("stream: %d complete frames, %d incomplete, %d saved; %s%n", complete, incomplete, saved,
                status(meter, s.counters(), complete, incomplete));
        return ExitCodes.OK;
    }

    static String status(RateMeter m, ReceiverCounters c, long complete, long incomplete) {
        long drops = c.get(GvspCounter.FRAMES_DROPPED_NO_BUFFER) + c.get(GvspCounter.FRAMES_DROPPED_SLOW_CONSUMER) + incomplete;
        return String.format("%7.1f fps %8.2f MB/s  resends %d (packets %d)  drops %d  frames %d",
                m.fps(), m.megabytesPerSecond(), c.get(GvspCounter.RESEND_REQUESTS),
                c.get(GvspCounter.RESENT_PACKETS_RECEIVED), drops, complete);
    }

    private void save(Frame f, long n) {
        Path file = saveDir.resolve(String.format("frame-%06d.%s", n, saveAs.name()));
        try {
            switch (saveAs) {
                case raw -> Files.write(file, f.payload().toArray(ValueLayout.JAVA_BYTE));
                case gendc -> Files.write(file, linearGenDc(f));
                case png -> ImageIO.write(toImage(f), "png", file.toFile());
            }
        } catch (IOException e) {
            throw new CliException(ExitCodes.FAILURE, "cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The frame's GenDC container laid out linearly (descriptor, then each part at its DataOffset):
     * a {@code .gendc} file. With several flows the frame buffer holds the flows back to back, not
     * the linear container, so the parts are gathered through the validated descriptor.
     */
    static byte[] linearGenDc(Frame f) {
        if (!f.isGenDc()) {
            throw new CliException(ExitCodes.INVALID_INPUT, "--as gendc: frame " + f.blockId() + " is not a GenDC container");
        }
        try {
            GenDcContainer c = f.genDc();
            long size = c.linearSize();
            if (size > Integer.MAX_VALUE - 8) {
                throw new CliException(ExitCodes.INVALID_INPUT, "--as gendc: container of " + size + " bytes is too large to save");
            }
            byte[] out = new byte[(int) size];
            c.writeLinear(MemorySegment.ofArray(out));
            return out;
        } catch (GenDcFormatException e) {
            throw new CliException(ExitCodes.INVALID_INPUT, "--as gendc: frame " + f.blockId() + ": " + e.getMessage(), e);
        }
    }

    private static String malformedReason(Frame f) {
        try {
            f.genDc();
            return "malformed payload";
        } catch (GenDcFormatException e) {
            return "malformed GenDC container: " + e.getMessage();
        } catch (IllegalStateException e) {
            return e.getMessage();
        }
    }

    /** Mono8 as a grey PNG; every other supported format through the RGBA conversion. */
    static BufferedImage toImage(Frame f) {
        int w = (int) f.width();
        int h = (int) f.height();
        InputLayout layout;
        try {
            layout = InputLayout.fromPfnc(f.pixelFormat());
        } catch (ConversionException e) {
            throw new CliException(ExitCodes.INVALID_INPUT, "--as png: " + e.getMessage(), e);
        }
        if (layout == InputLayout.MONO8) {
            long stride = w + f.paddingX();
            BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
            byte[] row = new byte[w];
            for (int y = 0; y < h; y++) {
                MemorySegment.copy(f.payload(), ValueLayout.JAVA_BYTE, y * stride, row, 0, w);
                img.getRaster().setDataElements(0, y, w, 1, row);
            }
            return img;
        }
        try (FrameConverter conv = FrameConverter.create(ConversionSpec.of(layout, w, h), 1);
             Arena arena = Arena.ofConfined()) {
            long stride = conv.sourceRowBytes() + f.paddingX();
            MemorySegment rgba = arena.allocate(4L * w * h);
            conv.toRgba(f.payload(), stride, rgba, 4L * w);
            BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    long o = 4L * ((long) y * w + x);
                    int r = rgba.get(ValueLayout.JAVA_BYTE, o) & 0xFF;
                    int g = rgba.get(ValueLayout.JAVA_BYTE, o + 1) & 0xFF;
                    int b = rgba.get(ValueLayout.JAVA_BYTE, o + 2) & 0xFF;
                    img.setRGB(x, y, 0xFF000000 | r << 16 | g << 8 | b);
                }
            }
            return img;
        }
    }
}
