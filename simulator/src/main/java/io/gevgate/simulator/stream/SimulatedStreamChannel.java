package io.gevgate.simulator.stream;

import io.gevgate.acquisition.gvcp.BootstrapRegisters;
import io.gevgate.linux.net.DatagramRing;
import io.gevgate.linux.net.NativeSocketException;
import io.gevgate.linux.net.UdpSocket;
import io.gevgate.simulator.SimulatedDevice;
import io.gevgate.simulator.registers.FeatureRegisters;
import io.gevgate.simulator.registers.RegisterSpace;


import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ObjLongConsumer;

/**
 * Wires a {@link SimulatedDevice}'s register space to a {@link GvspEmitter}: stream channel 0
 * (SCDA/SCP/SCPS/SCPD/SCCFG), AcquisitionStart/Stop, Width/Height/PixelFormat/frame rate/
 * acquisition mode/trigger features, PACKETRESEND and the SCPS "fire test packet" bit.
 *
 * <p>The emitter is created on AcquisitionStart from the registers as they are at that moment
 * (a real device latches its transport parameters the same way) and closed on AcquisitionStop,
 * when the host closes the channel (SCP = 0) or when control is dropped (heartbeat expiry).
 *
 * <p>Capability bits are only what the emitter implements: SCC0 = GenDC, multi-part, all-in,
 * extended chunk. GenDC and multi-part need extended ids (their headers live in the EI layout),
 * so with extended-id mode off those SCCFG bits are ignored and a single-part image is sent.
 * SCCFG bits that SCC0 does not advertise are ignored (arv-camera-test writes the multi-part bit
 * unconditionally).
 */
public final class SimulatedStreamChannel implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SimulatedStreamChannel.class.getName());

    /** SCCx bits this channel implements. */
    public static final int CAPABILITIES = 0x80 /* GenDC */ | 0x40 /* multi-part */ | 0x04 /* all-in */
            | 0x01 /* extended chunk */;
    static final int SCCFG_GENDC = 0x80;
    static final int SCCFG_MULTIPART = 0x40;
    static final int SCCFG_ALL_IN = 0x04;
    static final int SCPS_FIRE_TEST_PACKET = 0x8000_0000;
    /** IP (20) + UDP (8): SCPS counts the IP datagram, the test packet's UDP payload is SCPS - 28. */
    static final int IP_UDP_HEADERS = 28;

    /**
     * Simulator-side stream options that have no register (test knobs). {@code historyDepth} is the
     * minimum number of blocks kept for PACKETRESEND; at a set frame rate the channel keeps at least
     * {@link #HISTORY_SECONDS} worth (within {@link #HISTORY_MAX_BYTES}). {@code udpGso} sends with UDP
     * GSO ({@link GvspEmitterConfig#udpGso}): cheaper, but a capture on {@code lo} or a packet-socket
     * receiver then sees unsegmented messages. {@code genDcDescriptorFault} breaks GenDC descriptors
     * ({@link GvspEmitterConfig#genDcDescriptorFault}); {@code genDcPreliminaryDescriptor} sends each
     * GenDC descriptor as a preliminary one first and the final one after the data
     * ({@link GvspEmitterConfig#genDcPreliminaryDescriptor}).
     */
    public record Options(LossInjection loss, int historyDepth, String threadName, boolean udpGso,
                          ObjLongConsumer<MemorySegment> genDcDescriptorFault, boolean genDcPreliminaryDescriptor) {
        public Options {
            Objects.requireNonNull(loss, "loss");
            if (historyDepth < 1) {
                throw new IllegalArgumentException("history depth must be >= 1, got " + historyDepth);
            }
            Objects.requireNonNull(threadName, "threadName");
        }

        public Options(LossInjection loss, int historyDepth, String threadName) {
            this(loss, historyDepth, threadName, false, null, false);
        }

        public static Options defaults() {
            return new Options(LossInjection.NONE, 32, "sim-gvsp", false, null, false);
        }

        public Options withLoss(LossInjection l) {
            return new Options(l, historyDepth, threadName, udpGso, genDcDescriptorFault, genDcPreliminaryDescriptor);
        }

        public Options withUdpGso(boolean on) {
            return new Options(loss, historyDepth, threadName, on, genDcDescriptorFault, genDcPreliminaryDescriptor);
        }

        /** A device that breaks its GenDC descriptors: see {@link GvspEmitterConfig#genDcDescriptorFault}. */
        public Options withGenDcDescriptorFault(ObjLongConsumer<MemorySegment> fault) {
            return new Options(loss, historyDepth, threadName, udpGso, fault, genDcPreliminaryDescriptor);
        }

        /** A device with variable GenDC containers: preliminary descriptor, data, final descriptor. */
        public Options withGenDcPreliminaryDescriptor(boolean on) {
            return new Options(loss, historyDepth, threadName, udpGso, genDcDescriptorFault, on);
        }
    }

    /**
     * Seconds of stream the resend history covers at a set frame rate. A count alone is not enough:
     * a receiver starved of CPU works through a full socket buffer late (16 MiB hold 30+ VGA frames)
     * and must still find the blocks it asks for, or frames end MISSING_PACKETS although the device
     * could have resent them.
     */
    static final double HISTORY_SECONDS = 2.0;
    /** Memory cap of the time-based history (the count-based minimum applies regardless). */
    static final long HISTORY_MAX_BYTES = 128L << 20;

    private final SimulatedDevice device;
    private final RegisterSpace regs;
    private final Options options;
    private final String address;
    private final int sourcePort;
    private final Object lock = new Object();
    private final AtomicLong testPacketsSent = new AtomicLong();
    private final AtomicLong acquisitionsStarted = new AtomicLong();
    private volatile GvspEmitter emitter;
    private volatile boolean closed;

    private SimulatedStreamChannel(SimulatedDevice device, Options options) {
        this.device = device;
        this.regs = device.registers();
        this.options = options;
        this.address = device.config().address().getHostAddress();
        this.sourcePort = reservePort(device.config().address());
    }

    /** Attaches a stream channel with default options. */
    public static SimulatedStreamChannel attach(SimulatedDevice device) {
        return attach(device, Options.defaults());
    }

    public static SimulatedStreamChannel attach(SimulatedDevice device, Options options) {
        SimulatedStreamChannel c = new SimulatedStreamChannel(device, options);
        c.warmUpNativeSend();
        c.wire();
        return c;
    }

    /**
     * Links the native socket calls once now: the first {@code sendmmsg} downcall costs hundreds of
     * milliseconds on a loaded host, and paying it inside AcquisitionStart delays the GVCP acknowledge
     * past the host's timeout (Aravis then repeats the command).
     */
    private void warmUpNativeSend() {
        try (UdpSocket s = UdpSocket.open(); DatagramRing ring = new DatagramRing(1, 64)) {
            s.bind(address, 0);
            ring.setDestination(address, s.localPort()); // to itself: discarded when the socket closes
            ring.setSendLength(0, 16);
            s.send(ring, 1);
        } catch (NativeSocketException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "native send warm-up failed: " + e.getMessage());
        }
    }

    /**
     * One fixed source port for the life of the channel, so SCSP0 can be read before acquisition
     * starts (Aravis reads it right after writing SCP0).
     */
    private static int reservePort(InetAddress address) {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(address, 0))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reserve a GVSP source port on " + address.getHostAddress(), e);
        }
    }

    private static int sc(int offset) {
        return BootstrapRegisters.streamChannel(0, offset);
    }

    private void wire() {
        regs.set(sc(BootstrapRegisters.SC_SOURCE_PORT), sourcePort);
        regs.set(sc(BootstrapRegisters.SC_CAPABILITY), CAPABILITIES);
        regs.addListener(FeatureRegisters.ACQUISITION_START, (a, o, v) -> startAcquisition());
        regs.addListener(FeatureRegisters.ACQUISITION_STOP, (a, o, v) -> stopAcquisition("AcquisitionStop"));
        regs.addListener(FeatureRegisters.TRIGGER_SOFTWARE, (a, o, v) -> {
            GvspEmitter e = emitter;
            if (e != null) {
                e.trigger();
            }
        });
        regs.addListener(sc(BootstrapRegisters.SC_PORT), (a, o, v) -> {
            if ((v & 0xFFFF) == 0) {
                stopAcquisition("stream channel closed (SCP0 = 0)");
            }
        });
        regs.addListener(sc(BootstrapRegisters.SC_PACKET_SIZE), (a, o, v) -> {
            if ((v & SCPS_FIRE_TEST_PACKET) != 0) {
                fireTestPacket(v & 0xFFFF);
                // the bit is self-clearing: the next read shows the plain size
                regs.set(a, v & ~SCPS_FIRE_TEST_PACKET);
            }
        });
        device.resendHandler((channel, block, first, last, extendedId, requester) -> {
            GvspEmitter e = emitter;
            if (channel == 0 && e != null) {
                e.resend(block, first, last);
            }
        });
        device.onControlDropped(reason -> stopAcquisition("control dropped: " + reason));
        exposeGenDc();
    }

    /**
     * The SFNC GenDC registers of what this channel would stream as GenDC: GenDCDescriptor (the
     * prefetch descriptor: same layout as every container, id and timestamps 0) and
     * GenDCFlowMappingTable (flow 0 = descriptor, flow 1 = intensity, flow 2 = range + confidence,
     * flow 3 = chunk metadata), also found through SCEBA0 (extended bootstrap block: addresses and sizes),
     * refreshed whenever Width, Height or PixelFormat change; PayloadSize becomes the
     * container size while GenDC is in effect (the host sizes its buffers from it).
     */
    private void exposeGenDc() {
        // the image formula of DeviceRegisterMap, kept for when GenDC is off
        java.util.function.IntSupplier imageSize = () -> (int) ((long) regs.value(FeatureRegisters.WIDTH)
                * regs.value(FeatureRegisters.HEIGHT) * FeatureRegisters.bitsPerPixel(regs.value(FeatureRegisters.PIXEL_FORMAT)) / 8);
        regs.defineComputed(FeatureRegisters.PAYLOAD_SIZE, "PayloadSize",
                () -> genDcInEffect() ? (int) genDcLayout().totalSize : imageSize.getAsInt());
        refreshGenDcRegisters();
        regs.addListener((a, o, v) -> {
            if (a == FeatureRegisters.WIDTH || a == FeatureRegisters.HEIGHT || a == FeatureRegisters.PIXEL_FORMAT) {
                refreshGenDcRegisters();
            }
        });
    }

    private boolean genDcInEffect() {
        return regs.value(FeatureRegisters.GENDC_STREAMING_STATUS) == 1;
    }

    /** The GenDC block layout for the current Width/Height/PixelFormat. */
    private BlockLayout genDcLayout() {
        return BlockLayout.of(new GvspEmitterConfig().extendedIds(true).payloadKind(PayloadKind.GENDC)
                .pixelFormat(regs.value(FeatureRegisters.PIXEL_FORMAT))
                .size(regs.value(FeatureRegisters.WIDTH), regs.value(FeatureRegisters.HEIGHT)));
    }

    private void refreshGenDcRegisters() {
        BlockLayout layout = genDcLayout();
        byte[] descriptor = new byte[layout.descriptorSize];
        layout.genDc.writeDescriptor(MemorySegment.ofArray(descriptor), 0, 0);
        byte[] table = new byte[(int) layout.genDc.flowTableSize()];
        layout.genDc.writeFlowTable(MemorySegment.ofArray(table));
        regs.setArea(FeatureRegisters.GENDC_DESCRIPTOR, descriptor);
        regs.setArea(FeatureRegisters.GENDC_FLOW_TABLE, table);
        // the same two structures through SCEBA0 (GigE Vision's own way to find them)
        regs.set(FeatureRegisters.GENDC_EB_DESCRIPTOR_SIZE, descriptor.length);
        regs.set(FeatureRegisters.GENDC_EB_FLOW_TABLE_SIZE, table.length);
    }

    /** The UDP source port of the stream (SCSP0). */
    public int sourcePort() {
        return sourcePort;
    }

    /** The running emitter, or null while acquisition is stopped. */
    public GvspEmitter emitter() {
        return emitter;
    }

    public long testPacketsSent() {
        return testPacketsSent.get();
    }

    public long acquisitionsStarted() {
        return acquisitionsStarted.get();
    }

    /** Builds the emitter configuration from the registers as they are now. */
    GvspEmitterConfig configFromRegisters() {
        int port = regs.value(sc(BootstrapRegisters.SC_PORT)) & 0xFFFF;
        int da = regs.value(sc(BootstrapRegisters.SC_DESTINATION_ADDRESS));
        boolean ei = (regs.value(BootstrapRegisters.GVSP_CONFIGURATION) & BootstrapRegisters.GVSP_CONFIG_EXTENDED_ID) != 0;
        int sccfg = regs.value(sc(BootstrapRegisters.SC_CONFIGURATION)) & CAPABILITIES;
        PayloadKind kind;
        if (ei && (sccfg & SCCFG_GENDC) != 0) {
            kind = PayloadKind.GENDC;
        } else if (ei && (sccfg & SCCFG_MULTIPART) != 0) {
            kind = PayloadKind.MULTIPART;
        } else if (regs.value(FeatureRegisters.CHUNK_MODE_ACTIVE) != 0) {
            kind = PayloadKind.IMAGE_WITH_CHUNKS;
        } else {
            kind = PayloadKind.IMAGE;
        }
        long frames = switch (regs.value(FeatureRegisters.ACQUISITION_MODE)) {
            case 1 -> 1;                                                     // SingleFrame
            case 2 -> regs.value(FeatureRegisters.ACQUISITION_FRAME_COUNT); // MultiFrame
            default -> 0;                                                    // Continuous
        };
        return new GvspEmitterConfig()
                .destination(dotted(da), port)
                .source(address, sourcePort)
                .packetSize(regs.value(sc(BootstrapRegisters.SC_PACKET_SIZE)) & 0xFFFF)
                // SCPD counts timestamp ticks; the simulator's tick is 1 ns (1 GHz)
                .interPacketDelayNanos(Integer.toUnsignedLong(regs.value(sc(BootstrapRegisters.SC_PACKET_DELAY))))
                .extendedIds(ei)
                .allIn((sccfg & SCCFG_ALL_IN) != 0)
                .payloadKind(kind)
                .pixelFormat(regs.value(FeatureRegisters.PIXEL_FORMAT))
                .size(regs.value(FeatureRegisters.WIDTH), regs.value(FeatureRegisters.HEIGHT))
                .frameRate(regs.floatValue(FeatureRegisters.ACQUISITION_FRAME_RATE))
                .frameCount(frames)
                .triggered(regs.value(FeatureRegisters.TRIGGER_MODE) == 1)
                .historyDepth(historyDepth(options.historyDepth(), regs.floatValue(FeatureRegisters.ACQUISITION_FRAME_RATE),
                        (long) regs.value(FeatureRegisters.WIDTH) * regs.value(FeatureRegisters.HEIGHT)
                                * Math.max(1, io.gevgate.acquisition.gvsp.PixelFormats.bitsPerPixel(
                                        regs.value(FeatureRegisters.PIXEL_FORMAT))) / 8))
                .udpGso(options.udpGso())
                .loss(options.loss())
                .genDcDescriptorFault(options.genDcDescriptorFault())
                .genDcPreliminaryDescriptor(options.genDcPreliminaryDescriptor())
                .threadName(options.threadName());
    }

    /** Blocks to keep: {@code min}, or {@link #HISTORY_SECONDS} of frames (memory permitting) if that is more. */
    static int historyDepth(int min, double frameRate, long frameBytes) {
        if (!(frameRate > 0)) {
            return min; // free-running or triggered: no rate to scale by
        }
        long byTime = (long) Math.ceil(frameRate * HISTORY_SECONDS);
        long byMemory = HISTORY_MAX_BYTES / Math.max(1, frameBytes);
        return (int) Math.max(min, Math.min(Math.min(byTime, byMemory), 4096));
    }

    private void startAcquisition() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            if (emitter != null && emitter.failure() == null && emitter.thread().isAlive()) {
                // already acquiring: a real device ignores a second AcquisitionStart (Aravis sends
                // one per arv_camera_start_acquisition; restarting would reset the block ids mid-stream)
                return;
            }
            closeEmitter();
            if (regs.value(io.gevgate.simulator.roce.RdmaProfileRegisters.ENABLE) == 1) {
                // the RDMA profile is enabled: frames go over RoCEv2 (SimulatedRdmaChannel), not GVSP
                return;
            }
            GvspEmitterConfig cfg = configFromRegisters();
            if (cfg.destinationPort() == 0 || regs.value(sc(BootstrapRegisters.SC_DESTINATION_ADDRESS)) == 0) {
                // A real device starts "acquiring" without a destination and sends nothing.
                LOG.log(System.Logger.Level.WARNING, "AcquisitionStart with stream channel 0 closed: nothing is sent");
                return;
            }
            try {
                emitter = GvspEmitter.start(cfg);
                acquisitionsStarted.incrementAndGet();
            } catch (NativeSocketException | RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "cannot start the GVSP emitter: " + e.getMessage(), e);
                regs.set(FeatureRegisters.ACQUISITION_STATUS, 0);
            }
        }
    }

    private void stopAcquisition(String why) {
        synchronized (lock) {
            if (emitter != null) {
                LOG.log(System.Logger.Level.DEBUG, "stream stops: " + why);
            }
            closeEmitter();
        }
    }

    private void closeEmitter() {
        GvspEmitter e = emitter;
        emitter = null;
        if (e != null) {
            e.close();
        }
    }

    /**
     * GigE Vision test packet: one datagram whose IP size is exactly the packet size being
     * tested, sent to SCDA0:SCP0. The host only checks the size (Aravis does the same), so the
     * content is zero apart from the GVSP-like packet-format nibble left at 0.
     */
    private void fireTestPacket(int packetSize) {
        int port = regs.value(sc(BootstrapRegisters.SC_PORT)) & 0xFFFF;
        int da = regs.value(sc(BootstrapRegisters.SC_DESTINATION_ADDRESS));
        if (port == 0 || da == 0 || packetSize <= IP_UDP_HEADERS) {
            return;
        }
        byte[] payload = new byte[packetSize - IP_UDP_HEADERS];
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(address, 0))) {
            s.send(new DatagramPacket(payload, payload.length, InetAddress.getByName(dotted(da)), port));
            testPacketsSent.incrementAndGet();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "test packet of " + packetSize + " bytes not sent: " + e.getMessage());
        }
    }

    private static String dotted(int v) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v})
                    .getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            closeEmitter();
        }
    }
}
