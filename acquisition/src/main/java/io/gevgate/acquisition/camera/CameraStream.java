package io.gevgate.acquisition.camera;

import io.gevgate.acquisition.frames.HandoffWait;

import io.gevgate.acquisition.frames.AcquiredFrame;
import io.gevgate.acquisition.genapi.Features;
import io.gevgate.acquisition.genapi.GenApiException;
import io.gevgate.acquisition.gvcp.BootstrapRegisters;
import io.gevgate.acquisition.gvcp.GvcpClient;
import io.gevgate.acquisition.gvcp.GvcpException;
import io.gevgate.acquisition.gvcp.StreamChannelRegisters;
import io.gevgate.acquisition.gvsp.Frame;
import io.gevgate.acquisition.gvsp.GvspReceiver;
import io.gevgate.acquisition.gvsp.GvspReceiverConfig;
import io.gevgate.acquisition.gvsp.ReceiverCounters;
import io.gevgate.linux.net.NativeSocketException;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Stream channel 0 of a {@link Camera}, set up through the bootstrap registers and delivering
 * {@link Frame}s: control privilege taken (and held while streaming), extended-id mode when the
 * device offers it (GigE Vision 2.0+ and GVSP configuration 0x0960 accepts the bit), packet size
 * negotiated with test packets ({@link PacketSizeNegotiator}), inter-packet delay, SCDA/SCP aimed
 * at a {@link GvspReceiver}, the GVCP client as its resend requester, GenDC streaming selected
 * and its flow mapping table read back into the receiver ({@link GenDcStreamSetup}),
 * AcquisitionStart/Stop through the GenApi features.
 */
public final class CameraStream implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(CameraStream.class.getName());

    /** Stream set-up options. */
    public static final class Options {
        private int packetSize;            // 0 = negotiate
        private int maxPacketSize = 9000;
        private int packetDelayTicks;
        private boolean extendedIds = true;
        private int frameBufferCount = 16;
        private boolean startAcquisition = true;
        private Duration testPacketWait = Duration.ofMillis(50);
        private Consumer<GvspReceiverConfig> receiverTuning = c -> { };
        private Boolean genDcStreaming;     // null = leave the device's setting as it is
        private HandoffWait handoffWait = HandoffWait.BLOCK;

        public static Options defaults() {
            return new Options();
        }

        /** A fixed SCPS (no negotiation); 0 negotiates. */
        public Options packetSize(int v) {
            if (v != 0 && (v < PacketSizeNegotiator.MIN_PACKET_SIZE || v > 65535)) {
                throw new IllegalArgumentException("packet size must be 0 or 576..65535, got " + v);
            }
            this.packetSize = v;
            return this;
        }

        /** Upper bound of the negotiation (the path MTU caps it too). */
        public Options maxPacketSize(int v) {
            if (v < PacketSizeNegotiator.MIN_PACKET_SIZE) {
                throw new IllegalArgumentException("max packet size must be >= 576, got " + v);
            }
            this.maxPacketSize = v;
            return this;
        }

        /** SCPD in timestamp ticks. */
        public Options packetDelayTicks(int v) {
            if (v < 0) {
                throw new IllegalArgumentException("packet delay must be >= 0, got " + v);
            }
            this.packetDelayTicks = v;
            return this;
        }

        /** Use extended ids when the device offers them (default true). */
        public Options extendedIds(boolean v) {
            this.extendedIds = v;
            return this;
        }

        public Options frameBufferCount(int v) {
            if (v < 2) {
                throw new IllegalArgumentException("frame buffer count must be >= 2, got " + v);
            }
            this.frameBufferCount = v;
            return this;
        }

        /** Execute AcquisitionStart at the end of {@link CameraStream#open} (default true). */
        public Options startAcquisition(boolean v) {
            this.startAcquisition = v;
            return this;
        }

        public Options testPacketWait(Duration v) {
            this.testPacketWait = Objects.requireNonNull(v);
            return this;
        }

        /**
         * Switch GenDC streaming on (GenDCStreamingMode = On, or SCCFG0 bit 0x80) or off before the
         * stream starts; by default the device's setting is left alone. Either way, when the device
         * streams GenDC its flow mapping table is read back and configures the receiver.
         */
        public Options genDcStreaming(boolean v) {
            this.genDcStreaming = v;
            return this;
        }

        /**
         * How {@link CameraStream#next} waits for a frame (default BLOCK, the least CPU; ADAPTIVE
         * is awake while a frame is on the wire: lower and steadier latency, see {@link HandoffWait}).
         */
        public Options handoffWait(HandoffWait v) {
            this.handoffWait = Objects.requireNonNull(v);
            return this;
        }

        /** Last say on the receiver configuration (timings, resend budget, hand-off). */
        public Options receiverTuning(Consumer<GvspReceiverConfig> v) {
            this.receiverTuning = Objects.requireNonNull(v);
            return this;
        }
    }

    private final Camera camera;
    private final Features features;
    private final GvspReceiver receiver;
    private final StreamChannelRegisters channel;
    private final int packetSize;
    private final boolean extendedIds;
    private final boolean tookControl;
    private final PacketSizeNegotiator.Result negotiation;
    private final RdmaStreamSource rdma;   // non-null: frames come over the RDMA profile, not GVSP
    private final GenDcStreamSetup.Result genDc;
    private volatile boolean acquiring;
    private boolean closed;

    private CameraStream(Camera camera, Features features, GvspReceiver receiver, StreamChannelRegisters channel,
                         int packetSize, boolean extendedIds, boolean tookControl, PacketSizeNegotiator.Result negotiation,
                         GenDcStreamSetup.Result genDc) {
        this.genDc = genDc;
        this.camera = camera;
        this.features = features;
        this.receiver = receiver;
        this.channel = channel;
        this.packetSize = packetSize;
        this.extendedIds = extendedIds;
        this.tookControl = tookControl;
        this.negotiation = negotiation;
        this.rdma = null;
    }

    private CameraStream(Camera camera, Features features, RdmaStreamSource rdma, boolean tookControl) {
        this.camera = camera;
        this.features = features;
        this.receiver = null;
        this.channel = null;
        this.packetSize = 0;
        this.extendedIds = false;
        this.tookControl = tookControl;
        this.negotiation = null;
        this.rdma = rdma;
        this.genDc = GenDcStreamSetup.Result.OFF;
    }

    /** Sets up stream channel 0 and (by default) starts acquisition. */
    public static CameraStream open(Camera camera, Features features, Options options) {
        boolean took = false;
        if (!camera.control().isHeld()) {
            camera.takeControl();
            took = true;
        }
        GvcpClient client = camera.client();
        if (camera.hostParameters().useRdma()) {
            return openRdma(camera, features, options, took);
        }
        GvspReceiver receiver = null;
        try {
            InetAddress local = client.localAddress().getAddress();
            boolean ei = options.extendedIds && enableExtendedIds(camera);
            client.extendedIdMode(ei);
            StreamChannelRegisters sc = camera.bootstrap().streamChannel(0);
            PacketSizeNegotiator.Result neg = null;
            int size;
            if (options.packetSize > 0) {
                sc.packetSize(options.packetSize);
                size = sc.packetSize();
            } else {
                neg = new PacketSizeNegotiator(client, 0, local, options.testPacketWait, 3)
                        .negotiate(options.maxPacketSize);
                size = neg.packetSize();
            }
            sc.packetDelay(options.packetDelayTicks);
            if (options.genDcStreaming != null) {
                GenDcStreamSetup.select(features, sc, options.genDcStreaming, ei);
            }
            GenDcStreamSetup.Result genDc = GenDcStreamSetup.read(features, sc, client);
            if (Boolean.TRUE.equals(options.genDcStreaming) && !genDc.active()) {
                throw new IllegalStateException("GenDC streaming was asked for but the camera does not stream GenDC "
                        + "(GenDCStreamingStatus / SCCFG0 bit 0x80 stays off: SCC0 = 0x" + Integer.toHexString(sc.capability()) + ")");
            }
            long payload = features.has("PayloadSize") ? features.getInteger("PayloadSize") : 64L << 20;
            // flows are placed back to back by the table: the buffer needs their sum at least
            payload = Math.max(payload, genDc.flowBytes());
            GvspReceiverConfig cfg = new GvspReceiverConfig()
                    .bindAddress(local.getHostAddress())
                    .port(0)
                    .packetSize(size)
                    .frameBufferCount(options.frameBufferCount)
                    .handoffCapacity(Math.max(1, options.frameBufferCount / 2))
                    // chunk data and GenDC descriptors come on top of the image payload
                    .frameBufferBytes(Math.max(64, payload + 64 * 1024))
                    .resendRequester((block, first, last) -> client.packetResend(0, block, first, last))
                    .threadName("gvsp-" + client.device().getAddress().getHostAddress());
            if (genDc.flowSizes() != null) {
                cfg.genDcFlowSizes(genDc.flowSizes());
            }
            cfg.handoffWait(options.handoffWait);
            options.receiverTuning.accept(cfg);
            receiver = GvspReceiver.start(cfg);
            sc.destinationAddress(local);
            sc.hostPort(receiver.localPort());
            CameraStream s = new CameraStream(camera, features, receiver, sc, size, ei, took, neg, genDc);
            if (options.startAcquisition) {
                s.startAcquisition();
            }
            return s;
        } catch (NativeSocketException e) {
            cleanupAfterFailure(camera, receiver, took);
            throw new IllegalStateException("cannot open the GVSP receive socket: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            cleanupAfterFailure(camera, receiver, took);
            throw e;
        }
    }

    /** UseRdma = 1: the RDMA streaming profile instead of stream channel 0 (see {@link RdmaStreamSource}). */
    private static CameraStream openRdma(Camera camera, Features features, Options options, boolean took) {
        RdmaStreamSource source = null;
        try {
            GvcpClient client = camera.client();
            source = RdmaStreamSource.open(features, client.device().getAddress().getHostAddress(),
                    client.localAddress().getAddress().getHostAddress(), camera.hostParameters());
            CameraStream s = new CameraStream(camera, features, source, took);
            if (options.startAcquisition) {
                s.startAcquisition();
            }
            return s;
        } catch (RuntimeException e) {
            if (source != null) {
                source.close();
            }
            cleanupAfterFailure(camera, null, took);
            throw e;
        }
    }

    private static void cleanupAfterFailure(Camera camera, GvspReceiver receiver, boolean took) {
        if (receiver != null) {
            receiver.close();
        }
        if (took) {
            try {
                camera.releaseControl();
            } catch (RuntimeException ignored) {
                // the original failure is what the caller needs to see
            }
        }
    }

    /** Extended ids need GigE Vision 2.0+ and a GVSP configuration register that takes the bit. */
    private static boolean enableExtendedIds(Camera camera) {
        GvcpClient client = camera.client();
        try {
            int version = client.readRegister(BootstrapRegisters.VERSION);
            if ((version >>> 16) < 2) {
                return false;
            }
            client.writeRegister(BootstrapRegisters.GVSP_CONFIGURATION, BootstrapRegisters.GVSP_CONFIG_EXTENDED_ID);
            return (client.readRegister(BootstrapRegisters.GVSP_CONFIGURATION)
                    & BootstrapRegisters.GVSP_CONFIG_EXTENDED_ID) != 0;
        } catch (GvcpException e) {
            return false;
        }
    }

    /** Locks the transport parameters (when the camera has TLParamsLocked) and executes AcquisitionStart. */
    public synchronized void startAcquisition() {
        setIfPresent("TLParamsLocked", 1);
        features.execute("AcquisitionStart");
        acquiring = true;
    }

    /** Executes AcquisitionStop and unlocks the transport parameters. */
    public synchronized void stopAcquisition() {
        if (!acquiring) {
            return;
        }
        acquiring = false;
        features.execute("AcquisitionStop");
        setIfPresent("TLParamsLocked", 0);
    }

    private void setIfPresent(String name, long v) {
        if (!features.has(name)) {
            return;
        }
        try {
            features.setInteger(name, v);
        } catch (GenApiException e) {
            LOG.log(System.Logger.Level.DEBUG, name + " not set: " + e.getMessage());
        }
    }

    /**
     * Waits up to {@code timeout} for a finished frame of either path (GVSP {@link Frame} or RDMA
     * {@link io.gevgate.acquisition.roce.RoceFrame}, any status); null if none. Release it.
     */
    public AcquiredFrame next(long timeout, TimeUnit unit) throws InterruptedException {
        return next(timeout, unit, null);
    }

    /**
     * {@link #next(long, TimeUnit)} that runs {@code whileReceiving} on this thread while a GVSP
     * frame is on the wire and the receiver's hand-off wait is ADAPTIVE or SPIN
     * ({@link GvspReceiver#take(long, TimeUnit, Runnable)}); the RDMA path never calls it.
     */
    public AcquiredFrame next(long timeout, TimeUnit unit, Runnable whileReceiving) throws InterruptedException {
        return rdma != null ? rdma.take(timeout, unit) : receiver.take(timeout, unit, whileReceiving);
    }

    /** Waits up to {@code timeout} for a finished GVSP frame (any status); null if none. Release it. */
    public Frame take(long timeout, TimeUnit unit) throws InterruptedException {
        return gvsp().take(timeout, unit);
    }

    public Frame poll() {
        return gvsp().poll();
    }

    public ReceiverCounters counters() {
        return gvsp().counters();
    }

    public GvspReceiver receiver() {
        return gvsp();
    }

    private GvspReceiver gvsp() {
        if (receiver == null) {
            throw new IllegalStateException("this stream runs over RDMA (UseRdma = 1): use next() and rdma()");
        }
        return receiver;
    }

    /** True when frames come over the RDMA profile (UseRdma = 1). */
    public boolean isRdma() {
        return rdma != null;
    }

    /** The RDMA side (engine, programmed profile, counters), or null on GVSP. */
    public RdmaStreamSource rdma() {
        return rdma;
    }

    /** The receive thread's failure (either path), else null. */
    public Throwable receiverFailure() {
        return rdma != null ? rdma.failure() : receiver.failure();
    }

    /** The SCPS in use (IP datagram size). */
    public int packetSize() {
        return packetSize;
    }

    public boolean extendedIds() {
        return extendedIds;
    }

    /** True when the device streams GenDC containers (GenDCStreamingStatus On, or SCCFG0 bit 0x80). */
    public boolean genDcStreaming() {
        return genDc.active();
    }

    /**
     * The GenDC flow sizes read from the device's GenDCFlowMappingTable and given to the receiver
     * (flow 0 = descriptor); null when the device does not stream GenDC or has no table.
     */
    public long[] genDcFlowSizes() {
        return genDc.flowSizes() == null ? null : genDc.flowSizes().clone();
    }

    /** The device's prefetch GenDCDescriptor (checked against its flow table), or null. */
    public java.lang.foreign.MemorySegment genDcPrefetchDescriptor() {
        return genDc.prefetchDescriptor() == null ? null : genDc.prefetchDescriptor().asReadOnly();
    }

    /** The test-packet search result; null when a fixed packet size was given. */
    public PacketSizeNegotiator.Result negotiation() {
        return negotiation;
    }

    public boolean acquiring() {
        return acquiring;
    }

    /**
     * Closes the receiver without a word to the device: for a device that vanished (heartbeat
     * lost), where every GVCP command would only wait out its retries.
     */
    public synchronized void abandon() {
        if (closed) {
            return;
        }
        closed = true;
        acquiring = false;
        if (rdma != null) {
            rdma.abandon();
        } else {
            receiver.close();
        }
    }

    /**
     * Stops acquisition, closes the stream channel (SCP = 0) and the receiver, and releases control
     * if this stream took it. Device errors here are logged, not thrown: the device may be gone.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            stopAcquisition();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "AcquisitionStop failed: " + e.getMessage());
        }
        if (rdma != null) {
            rdma.close();
        } else {
            try {
                channel.hostPort(0);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "closing SCP failed: " + e.getMessage());
            }
            receiver.close();
        }
        if (tookControl) {
            try {
                camera.releaseControl();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "releasing control failed: " + e.getMessage());
            }
        }
    }
}
