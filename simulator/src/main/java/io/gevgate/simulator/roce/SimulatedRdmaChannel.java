package io.gevgate.simulator.roce;

import io.gevgate.acquisition.roce.RdmaProfile;
import io.gevgate.gendc.ComponentTypeIds;
import io.gevgate.gendc.pfnc.PixelFormat;
import io.gevgate.gendc.write.ComponentSpec;
import io.gevgate.gendc.write.ContainerSpec;
import io.gevgate.gendc.write.PartSpec;
import io.gevgate.linux.net.NativeSocketException;
import io.gevgate.simulator.SimulatedDevice;
import io.gevgate.simulator.registers.FeatureRegisters;
import io.gevgate.simulator.registers.RegisterSpace;
import io.gevgate.simulator.stream.LossInjection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * The simulator's RDMA streaming profile (docs/rdma-profile.md), the RoCEv2 counterpart of
 * {@code SimulatedStreamChannel}: the profile registers ({@link RdmaProfileRegisters}) in the
 * device's register space, and a {@link RoceEmitter} that streams while RdmaStreamEnable = 1
 * <em>and</em> acquisition runs (AcquisitionStart/Stop, frame rate and acquisition mode as for
 * GVSP). With the profile enabled the GVSP channel stays silent: a device streams on one path.
 *
 * <p>Every frame is one GenDC container of three components over three flows, following the
 * image features: Intensity (PixelFormat, Width × Height) in flow 1, Range (Coord3D_C16,
 * Width × Height) in flow 2, Confidence8 (Width × Height/2) in flow 0 after the descriptor. The
 * flow sizes the host reads (RdmaFlowSize) follow Width/Height/PixelFormat as they are set.
 *
 * <p>The UDP source port is reserved once when the device starts (like SCSP0), so the host can
 * read RdmaSourcePort — which its soft-RoCE ICRC check needs — before it enables the stream.
 */
public final class SimulatedRdmaChannel implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SimulatedRdmaChannel.class.getName());
    public static final int FLOW_COUNT = 3;

    private final RegisterSpace regs;
    private final String address;
    private final int sourcePort;
    private final Object lock = new Object();
    private volatile LossInjection loss = LossInjection.NONE;
    private volatile RocePacketMode mode = RocePacketMode.WRITE_ONLY_PER_PACKET;
    private RdmaProfile enabled;       // the programmed destination while RdmaStreamEnable = 1
    private boolean acquiring;
    private volatile RoceEmitter emitter;
    private volatile RoceEmitter latest;
    private long streamsStarted;
    private boolean closed;

    private SimulatedRdmaChannel(SimulatedDevice device) {
        this.regs = device.registers();
        this.address = device.config().address().getHostAddress();
        this.sourcePort = reservePort(device.config().address());
    }

    /** Installs the profile's registers in {@code device} and wires enable, acquisition and control loss. */
    public static SimulatedRdmaChannel install(SimulatedDevice device) {
        SimulatedRdmaChannel c = new SimulatedRdmaChannel(device);
        RdmaProfileRegisters.install(c.regs, FLOW_COUNT, c::container, () -> c.sourcePort);
        RdmaProfileRegisters.onEnable(c.regs, c.address, c::enable, c::disable);
        c.regs.addListener(FeatureRegisters.ACQUISITION_START, (a, o, v) -> c.acquisition(true));
        c.regs.addListener(FeatureRegisters.ACQUISITION_STOP, (a, o, v) -> c.acquisition(false));
        device.onControlDropped(reason -> {
            // a device that loses its controller stops streaming and forgets the destination's enable
            c.regs.set(RdmaProfileRegisters.ENABLE, 0);
            c.disable();
        });
        return c;
    }

    private static int reservePort(InetAddress address) {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(address, 0))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reserve a RoCE source port on " + address.getHostAddress(), e);
        }
    }

    /** The GenDC container every frame carries, for the image features as they are now. */
    public ContainerSpec container() {
        int w = Math.max(1, regs.value(FeatureRegisters.WIDTH));
        int h = Math.max(2, regs.value(FeatureRegisters.HEIGHT));
        PixelFormat pf = PixelFormat.fromCode(regs.value(FeatureRegisters.PIXEL_FORMAT));
        if (pf == null) {
            pf = PixelFormat.MONO8;
        }
        return ContainerSpec.builder()
                .add(ComponentSpec.of(ComponentTypeIds.INTENSITY, pf, PartSpec.image(pf, w, h).withFlow(1)))
                .add(ComponentSpec.of(ComponentTypeIds.RANGE, PixelFormat.COORD3D_C16,
                        PartSpec.image(PixelFormat.COORD3D_C16, w, h).withFlow(2)))
                .add(ComponentSpec.of(ComponentTypeIds.CONFIDENCE, PixelFormat.CONFIDENCE8,
                        PartSpec.image(PixelFormat.CONFIDENCE8, w, h / 2).withFlow(0)))
                .build();
    }

    /** The UDP port the emitter sends from (RdmaSourcePort). */
    public int sourcePort() {
        return sourcePort;
    }

    /** True while RdmaStreamEnable = 1. */
    public boolean enabled() {
        synchronized (lock) {
            return enabled != null;
        }
    }

    /** The running emitter, or null. */
    public RoceEmitter emitter() {
        return emitter;
    }

    /**
     * The emitter of the latest stream, running or already stopped (its counters, including which
     * frames lost packets to the loss injection, stay readable), or null before the first stream.
     */
    public RoceEmitter latestEmitter() {
        return latest;
    }

    public long streamsStarted() {
        synchronized (lock) {
            return streamsStarted;
        }
    }

    /** Test knob: loss / reorder / duplicate injection for the next stream start. */
    public void loss(LossInjection l) {
        this.loss = Objects.requireNonNull(l);
    }

    /** Test knob: how flows are cut into packets, for the next stream start. */
    public void packetMode(RocePacketMode m) {
        this.mode = Objects.requireNonNull(m);
    }

    private RoceEmitterConfig emitterConfig(RdmaProfile p) {
        // throws IllegalArgumentException when the programmed pages cannot hold the container
        return new RoceEmitterConfig(p.withEndpoints(address, sourcePort, p.hostIp(), p.udpPort()), container(), null,
                mode, loss, address, sourcePort, 0, 64);
    }

    private void enable(RdmaProfile p) {
        synchronized (lock) {
            try {
                emitterConfig(p);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("RDMA destination does not fit the frames: " + e.getMessage(), e);
            }
            enabled = p;
            if (acquiring) {
                startEmitter();
            }
        }
    }

    private void disable() {
        synchronized (lock) {
            enabled = null;
            stopEmitter();
        }
    }

    private void acquisition(boolean on) {
        synchronized (lock) {
            acquiring = on;
            if (on && enabled != null && emitter == null) {
                startEmitter();
            } else if (!on) {
                stopEmitter();
            }
        }
    }

    private void startEmitter() {
        if (closed) {
            return;
        }
        long frames = switch (regs.value(FeatureRegisters.ACQUISITION_MODE)) {
            case 1 -> 1;                                                      // SingleFrame
            case 2 -> regs.value(FeatureRegisters.ACQUISITION_FRAME_COUNT);  // MultiFrame
            default -> 0;                                                     // Continuous
        };
        try {
            RoceEmitter e = new RoceEmitter(emitterConfig(enabled));
            e.startStreaming(regs.floatValue(FeatureRegisters.ACQUISITION_FRAME_RATE), frames);
            emitter = e;
            latest = e;
            streamsStarted++;
        } catch (NativeSocketException | RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "cannot start the RoCE emitter: " + e.getMessage(), e);
            regs.set(FeatureRegisters.ACQUISITION_STATUS, 0);
        }
    }

    private void stopEmitter() {
        RoceEmitter e = emitter;
        emitter = null;
        if (e != null) {
            e.close();
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            stopEmitter();
        }
    }
}
