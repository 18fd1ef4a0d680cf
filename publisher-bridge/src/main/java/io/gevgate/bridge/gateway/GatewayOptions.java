package io.gevgate.bridge.gateway;

import io.gevgate.bridge.convert.YuvMatrix;
import io.gevgate.bridge.convert.YuvRange;
import io.gevgate.bridge.cuframes.Policy;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything {@code gevgate run} can set. Plain mutable settings: fill, then hand to
 * {@link Gateway}. Camera features left null keep the camera's own values.
 */
public final class GatewayOptions {
    /** Tests only: wraps the writer the gateway creates (to observe what it is asked to do). */
    java.util.function.UnaryOperator<SlotWriter> slotWriterWrapper = java.util.function.UnaryOperator.identity();
    String rdmaEngine;
    /** The built-in simulator's address when no camera is given. */
    public static final String DEFAULT_SIM_ADDRESS = "127.0.0.2";
    public static final String DEFAULT_KEY = "sim-0";

    InetAddress camera;                 // null = start the built-in simulator
    String simAddress = DEFAULT_SIM_ADDRESS;
    String key;
    PublishFormat format = PublishFormat.NV12;
    YuvMatrix matrix = YuvMatrix.BT601;
    YuvRange range = YuvRange.LIMITED;
    Policy policy = Policy.DROP_OLDEST;
    int ackTimeoutMs = 1000;
    int ringSize = 4;
    int pitchAlignment = 1;
    long maxFrames;                     // 0 = unlimited
    Duration maxDuration;               // null = unlimited
    Path runtimeDir;                    // null = CUFRAMES_RUNTIME_DIR or /run/cuframes
    Integer gpuDevice;                  // null = automatic (GPU 0 when a CUDA device is present)
    boolean noGpu;                      // true = CPU path even with a GPU
    int cpuThreads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    Integer width;
    Integer height;
    String pixelFormat;
    Double frameRate;
    int packetSize;                     // 0 = negotiate
    int waitForSubscribers;             // start acquisition only once this many subscribers are connected
    PublishListener publishListener;    // null = none (benchmarks hook in here)
    Duration reconnectMin = Duration.ofMillis(200);
    Duration reconnectMax = Duration.ofSeconds(5);
    java.util.function.Consumer<io.gevgate.acquisition.gvsp.GvspReceiverConfig> receiverTuning = c -> { };
    // the gateway is a latency product: awake while a frame is on the wire (docs/performance.md)
    io.gevgate.acquisition.frames.HandoffWait handoffWait = io.gevgate.acquisition.frames.HandoffWait.ADAPTIVE;
    boolean preload = true;             // move a frame's final prefix while it still arrives (SlotWriter.preload)
    int realtimePriority;               // 0 = normal scheduling; else SCHED_FIFO for receive + gateway threads
    Integer receiverCpu;                // null = not pinned
    Integer gatewayCpu;                 // null = not pinned

    public GatewayOptions camera(InetAddress v) {
        this.camera = v;
        return this;
    }

    public GatewayOptions simAddress(String v) {
        this.simAddress = Objects.requireNonNull(v);
        return this;
    }

    /** cuframes key; default {@code sim-0} with the built-in simulator, else {@code cam-<a-b-c-d>}. */
    public GatewayOptions key(String v) {
        this.key = v;
        return this;
    }

    public GatewayOptions format(PublishFormat v) {
        this.format = Objects.requireNonNull(v);
        return this;
    }

    public GatewayOptions yuv(YuvMatrix m, YuvRange r) {
        this.matrix = Objects.requireNonNull(m);
        this.range = Objects.requireNonNull(r);
        return this;
    }

    public GatewayOptions policy(Policy v, int ackTimeoutMs) {
        this.policy = Objects.requireNonNull(v);
        this.ackTimeoutMs = ackTimeoutMs;
        return this;
    }

    public GatewayOptions ringSize(int v) {
        this.ringSize = v;
        return this;
    }

    public GatewayOptions pitchAlignment(int v) {
        this.pitchAlignment = v;
        return this;
    }

    /** Stop after this many published frames (0 = no limit). */
    public GatewayOptions maxFrames(long v) {
        if (v < 0) {
            throw new IllegalArgumentException("frames must be >= 0, got " + v);
        }
        this.maxFrames = v;
        return this;
    }

    public GatewayOptions maxDuration(Duration v) {
        this.maxDuration = v;
        return this;
    }

    public GatewayOptions runtimeDir(Path v) {
        this.runtimeDir = v;
        return this;
    }

    public GatewayOptions gpuDevice(Integer v) {
        this.gpuDevice = v;
        return this;
    }

    /** Forces the CPU path (memfd slots) even when a CUDA device is present. */
    public GatewayOptions noGpu(boolean v) {
        this.noGpu = v;
        return this;
    }

    /** Called after every publish with the seq and the frame-complete time (benchmarks, tests). */
    public GatewayOptions cpuThreads(int v) {
        if (v < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + v);
        }
        this.cpuThreads = v;
        return this;
    }

    public GatewayOptions size(Integer w, Integer h) {
        this.width = w;
        this.height = h;
        return this;
    }

    /** GenApi PixelFormat entry name (e.g. Mono8, BayerRG8). */
    public GatewayOptions pixelFormat(String v) {
        this.pixelFormat = v;
        return this;
    }

    public GatewayOptions frameRate(Double v) {
        this.frameRate = v;
        return this;
    }

    public GatewayOptions packetSize(int v) {
        this.packetSize = v;
        return this;
    }

    /** Hold acquisition until {@code n} subscribers are connected (first session only). */
    public GatewayOptions waitForSubscribers(int n) {
        if (n < 0 || n > 31) {
            throw new IllegalArgumentException("subscribers to wait for must be 0..31, got " + n);
        }
        this.waitForSubscribers = n;
        return this;
    }

    /**
     * Called on the gateway thread after each publish (benchmarks measure latency with it): when
     * the receiver completed the frame, when the gateway thread took it from the stream, when the
     * writer started and finished the slot (slot acquired; conversion complete), and when it was
     * published (all {@code System.nanoTime}).
     */
    @FunctionalInterface
    public interface PublishListener {
        void published(long seq, long frameCompleteNanos, long takenNanos, long writeStartNanos, long writeEndNanos,
                       long publishedNanos);
    }

    public GatewayOptions publishListener(PublishListener l) {
        this.publishListener = l;
        return this;
    }

    public GatewayOptions reconnectBackoff(Duration min, Duration max) {
        this.reconnectMin = Objects.requireNonNull(min);
        this.reconnectMax = Objects.requireNonNull(max);
        return this;
    }

    /** How the gateway thread waits for the GVSP receiver's hand-off (default ADAPTIVE). */
    public GatewayOptions handoffWait(io.gevgate.acquisition.frames.HandoffWait v) {
        this.handoffWait = Objects.requireNonNull(v);
        return this;
    }

    /**
     * Whether the gateway thread hands a frame's already final prefix to the writer while the rest
     * still arrives (default true; needs an ADAPTIVE or SPIN hand-off wait; the GPU writer DMAs it).
     */
    public GatewayOptions preload(boolean v) {
        this.preload = v;
        return this;
    }

    /**
     * SCHED_FIFO priority (1..99) for the stream's receive thread and the gateway thread; 0 (the
     * default) leaves them normally scheduled. Needs CAP_SYS_NICE, else a warning.
     */
    public GatewayOptions realtimePriority(int v) {
        if (v < 0 || v > 99) {
            throw new IllegalArgumentException("real-time priority must be 0 (off) or 1..99, got " + v);
        }
        this.realtimePriority = v;
        return this;
    }

    /** Pins the receive thread and/or the gateway thread to one CPU each; null leaves it free. */
    public GatewayOptions cpus(Integer receiver, Integer gateway) {
        for (Integer c : new Integer[] {receiver, gateway}) {
            if (c != null && (c < 0 || c > 1023)) {
                throw new IllegalArgumentException("CPU number must be 0..1023, got " + c);
            }
        }
        this.receiverCpu = receiver;
        this.gatewayCpu = gateway;
        return this;
    }

    public GatewayOptions receiverTuning(java.util.function.Consumer<io.gevgate.acquisition.gvsp.GvspReceiverConfig> v) {
        this.receiverTuning = Objects.requireNonNull(v);
        return this;
    }

    /**
     * Stream over the RDMA profile (UseRdma = 1) with engine {@code soft}, {@code verbs} or
     * {@code auto} instead of GVSP; null engine = GVSP. The device must offer the profile.
     */
    public GatewayOptions rdma(String engine) {
        if (engine != null) {
            io.gevgate.acquisition.roce.RdmaEngine.parse(engine); // IllegalArgumentException names the choices
        }
        this.rdmaEngine = engine;
        return this;
    }

    /** The RDMA engine asked for, or null for GVSP streaming. */
    public String rdmaEngine() {
        return rdmaEngine;
    }

    /** The camera address, null for the built-in simulator. */
    public InetAddress camera() {
        return camera;
    }

    /** The key actually used. */
    public String effectiveKey() {
        if (key != null) {
            return key;
        }
        if (camera == null) {
            return DEFAULT_KEY;
        }
        return "cam-" + camera.getHostAddress().replace('.', '-');
    }
}
