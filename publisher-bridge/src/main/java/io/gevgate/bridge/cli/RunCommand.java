package io.gevgate.bridge.cli;

import io.gevgate.bridge.convert.YuvMatrix;
import io.gevgate.bridge.convert.YuvRange;
import io.gevgate.bridge.cuframes.Policy;
import io.gevgate.bridge.gateway.Gateway;
import io.gevgate.bridge.gateway.GatewayException;
import io.gevgate.acquisition.frames.HandoffWait;
import io.gevgate.bridge.gateway.GatewayOptions;
import io.gevgate.bridge.gateway.PublishFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code gevgate run}: the gateway. Camera (or the built-in simulator) → conversion → cuframes
 * ring, a status line once a second, orderly stop on SIGINT/SIGTERM or when a limit is reached.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run the gateway: camera -> conversion -> cuframes ring.",
                "Without --camera it starts the built-in simulated camera on 127.0.0.2 and publishes key sim-0.",
                "Exit status: 0 stopped (Ctrl-C, SIGTERM, --frames, --duration), 1 failure, 2 bad command line,",
                "3 invalid input (a format that cannot be published), 4 camera unreachable at start."})
public final class RunCommand implements Callable<Integer> {

    @Option(names = "--camera", defaultValue = "sim", description = "Camera IP address, or 'sim' for the built-in simulator (default).")
    String camera;

    @Option(names = "--sim-address", defaultValue = GatewayOptions.DEFAULT_SIM_ADDRESS,
            description = "Loopback address of the built-in simulator (default ${DEFAULT-VALUE}).")
    String simAddress;

    @Option(names = "--key", description = "cuframes key (default sim-0 for the simulator, cam-A-B-C-D for a camera).")
    String key;

    @Option(names = "--format", defaultValue = "nv12", description = "nv12, rgba or native (default ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--policy", defaultValue = "drop", description = "drop (overwrite the oldest) or wait (wait for subscriber acks) (default ${DEFAULT-VALUE}).")
    String policy;

    @Option(names = "--ack-timeout-ms", defaultValue = "1000", description = "With --policy wait: evict a subscriber after this long (default ${DEFAULT-VALUE}).")
    int ackTimeoutMs;

    @Option(names = "--frames", defaultValue = "0", description = "Stop after N published frames (default: run until Ctrl-C).")
    long frames;

    @Option(names = "--duration", description = "Stop after S seconds (default: run until Ctrl-C).")
    Double duration;

    @Option(names = "--width", description = "Camera Width feature to set.")
    Integer width;

    @Option(names = "--height", description = "Camera Height feature to set.")
    Integer height;

    @Option(names = "--pixel-format", description = "Camera PixelFormat to set (GenApi name, e.g. Mono8, BayerRG8).")
    String pixelFormat;

    @Option(names = "--fps", description = "Camera AcquisitionFrameRate to set.")
    Double fps;

    @Option(names = "--matrix", defaultValue = "bt601", description = "NV12 matrix: bt601 or bt709 (default ${DEFAULT-VALUE}).")
    String matrix;

    @Option(names = "--range", defaultValue = "limited", description = "NV12 range: limited or full (default ${DEFAULT-VALUE}).")
    String range;

    @Option(names = "--ring", defaultValue = "4", description = "Ring slots, 2..16 (default ${DEFAULT-VALUE}).")
    int ring;

    @Option(names = "--packet-size", defaultValue = "0", description = "Fixed GVSP packet size; 0 negotiates (default).")
    int packetSize;

    @Option(names = "--runtime-dir", description = "cuframes runtime directory (default $CUFRAMES_RUNTIME_DIR or /run/cuframes).")
    Path runtimeDir;

    @Option(names = "--no-gpu", description = "Use the CPU conversion and memfd slots even when a CUDA device is present.")
    boolean noGpu;

    @Option(names = "--device", description = "CUDA device for the GPU path (default: device 0 when one is present; fails if there is none).")
    Integer device;

    @Option(names = "--wait-subscribers", defaultValue = "0", description = "Start acquisition only once N subscribers are connected.")
    int waitSubscribers;

    @Option(names = "--rdma", description = "Stream over the gevgate RDMA profile (GenDC over RoCEv2, docs/rdma-profile.md) instead of GVSP; the camera (or the built-in simulator) must offer it.")
    boolean rdma;

    @Option(names = "--rdma-engine", description = "With --rdma: soft (pure-Java soft RoCE), verbs (libibverbs, RDMA NIC) or auto (verbs, else soft; default).")
    String rdmaEngine;

    @Option(names = "--handoff-wait", defaultValue = "adaptive",
            description = "How the gateway thread waits for a received frame: block (least CPU), adaptive (awake while a frame is on the wire; default) or spin (busy while a frame is on the wire).")
    String handoffWait;

    @Option(names = "--no-preload", description = "Do not start converting (or, on the GPU, copying) a frame before it has completely arrived.")
    boolean noPreload;

    @Option(names = "--rt-priority", defaultValue = "0", paramLabel = "N",
            description = "SCHED_FIFO priority 1..99 for the receive thread and the gateway thread (needs CAP_SYS_NICE; 0 = normal scheduling, the default).")
    int rtPriority;

    @Option(names = "--receiver-cpu", paramLabel = "CPU", description = "Pin the stream's receive thread to this CPU.")
    Integer receiverCpu;

    @Option(names = "--gateway-cpu", paramLabel = "CPU", description = "Pin the gateway thread (hand-off, conversion, publish) to this CPU.")
    Integer gatewayCpu;

    @Option(names = "--quiet", description = "No status line.")
    boolean quiet;

    /** Set by tests: receives the gateway as soon as it exists (to stop it or read its stats). */
    static volatile java.util.function.Consumer<Gateway> onStartForTests;

    @Override
    public Integer call() throws Exception {
        GatewayOptions o = options();
        Gateway gw;
        try {
            gw = new Gateway(o);
        } catch (GatewayException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage(), e);
        }
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            gw.requestStop();
            try {
                done.await(15, TimeUnit.SECONDS); // let run() stop acquisition and shut the ring down
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "gevgate-run-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        Thread status = quiet ? null : Thread.ofPlatform().daemon().name("gevgate-run-status").start(() -> {
            try {
                while (true) {
                    Thread.sleep(1000);
                    System.err.println(gw.statusLine());
                }
            } catch (InterruptedException e) {
                // stopped
            }
        });
        var hookForTests = onStartForTests;
        if (hookForTests != null) {
            hookForTests.accept(gw);
        }
        try {
            System.err.println("gevgate run: key '" + gw.key() + "', " + (o.camera() == null
                    ? "built-in simulator on " + simAddress : "camera " + camera) + ", format " + format
                    + ", policy " + policy + (rdma ? ", RDMA (" + o.rdmaEngine() + ")" : "") + ", " + gw.conversionPath().reason() + "; Ctrl-C stops");
            Gateway.Outcome outcome = gw.run();
            System.out.println("gevgate run: " + outcome.name().toLowerCase(Locale.ROOT).replace('_', ' ') + "; "
                    + gw.stats().framesPublished() + " frames published, " + gw.stats().framesIncomplete()
                    + " incomplete, " + gw.stats().blockIdGaps() + " block-id gaps, " + gw.stats().cameraLosses()
                    + " camera losses");
            return ExitCodes.OK;
        } catch (GatewayException e) {
            String m = e.getMessage();
            // the camera answered but RDMA could not be set up (no profile, no RDMA device): not "unreachable"
            boolean rdmaSetup = rdma && (m.contains("RdmaEngine") || m.contains("RDMA streaming profile"));
            int code = rdmaSetup ? ExitCodes.FAILURE : m.startsWith("camera ") ? ExitCodes.DEVICE_UNREACHABLE
                    : m.contains("pixel format") || m.startsWith("--format") ? ExitCodes.INVALID_INPUT : ExitCodes.FAILURE;
            throw new CliException(code, m, e);
        } finally {
            if (status != null) {
                status.interrupt();
            }
            gw.close();
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running and waits for 'done'
            }
        }
    }

    private GatewayOptions options() {
        GatewayOptions o = new GatewayOptions();
        if (!"sim".equals(camera)) {
            try {
                o.camera(InetAddress.getByName(camera));
            } catch (UnknownHostException e) {
                throw new CliException(ExitCodes.USAGE, "--camera: not an IP address or 'sim': " + camera);
            }
        }
        if (noGpu && device != null) {
            throw new CliException(ExitCodes.USAGE, "--no-gpu and --device exclude each other");
        }
        if (rdmaEngine != null && !rdma) {
            throw new CliException(ExitCodes.USAGE, "--rdma-engine needs --rdma");
        }
        if (frames < 0 || duration != null && duration <= 0) {
            throw new CliException(ExitCodes.USAGE, "--frames must be >= 0 and --duration > 0");
        }
        try {
            o.simAddress(simAddress).key(key).format(PublishFormat.parse(format))
                    .policy(switch (policy) {
                        case "drop" -> Policy.DROP_OLDEST;
                        case "wait" -> Policy.STRICT_WAIT;
                        default -> throw new IllegalArgumentException("--policy: expected drop or wait, got '" + policy + "'");
                    }, ackTimeoutMs)
                    .yuv(switch (matrix) {
                        case "bt601" -> YuvMatrix.BT601;
                        case "bt709" -> YuvMatrix.BT709;
                        default -> throw new IllegalArgumentException("--matrix: expected bt601 or bt709, got '" + matrix + "'");
                    }, switch (range) {
                        case "limited" -> YuvRange.LIMITED;
                        case "full" -> YuvRange.FULL;
                        default -> throw new IllegalArgumentException("--range: expected limited or full, got '" + range + "'");
                    })
                    .ringSize(ring).maxFrames(frames).size(width, height).pixelFormat(pixelFormat).frameRate(fps)
                    .packetSize(packetSize).runtimeDir(runtimeDir).gpuDevice(device).noGpu(noGpu)
                    .waitForSubscribers(waitSubscribers).handoffWait(switch (handoffWait) {
                        case "block" -> HandoffWait.BLOCK;
                        case "adaptive" -> HandoffWait.ADAPTIVE;
                        case "spin" -> HandoffWait.SPIN;
                        default -> throw new IllegalArgumentException("--handoff-wait: expected block, adaptive or spin, got '" + handoffWait + "'");
                    })
                    .rdma(rdma ? (rdmaEngine == null ? "auto" : rdmaEngine) : null)
                    .realtimePriority(rtPriority).cpus(receiverCpu, gatewayCpu).preload(!noPreload);
            if (duration != null) {
                o.maxDuration(Duration.ofMillis((long) (duration * 1000)));
            }
            if (ring < 2 || ring > 16) {
                throw new IllegalArgumentException("--ring must be 2..16, got " + ring);
            }
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage(), e);
        }
        return o;
    }
}
