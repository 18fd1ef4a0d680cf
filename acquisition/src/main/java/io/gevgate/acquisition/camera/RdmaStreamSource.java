package io.gevgate.acquisition.camera;

import io.gevgate.acquisition.genapi.Features;
import io.gevgate.acquisition.roce.RdmaDeviceSetup;
import io.gevgate.acquisition.roce.RdmaEngine;
import io.gevgate.acquisition.roce.RdmaFlowTarget;
import io.gevgate.acquisition.roce.RdmaProfile;
import io.gevgate.acquisition.roce.RoceCounters;
import io.gevgate.acquisition.roce.RoceFrame;
import io.gevgate.acquisition.roce.SoftRoceConfig;
import io.gevgate.acquisition.roce.SoftRoceReceiver;
import io.gevgate.acquisition.roce.VerbsReceiver;
import io.gevgate.acquisition.roce.codec.FrameMetadata;
import io.gevgate.linux.net.NativeSocketException;
import io.gevgate.linux.verbs.RdmaUnavailableException;
import io.gevgate.linux.verbs.VerbsException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The RDMA side of a {@link CameraStream} (what {@code UseRdma = 1} selects): sizes one page per
 * GenDC flow from the device's RdmaFlowSize, starts the receiver (soft RoCE, or verbs when an RDMA
 * device is usable and the engine allows it), programs the destination and enables the stream —
 * in that order, so the receiver is listening before the device may send. Closing disables the
 * stream on the device and stops the receiver.
 */
public final class RdmaStreamSource implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RdmaStreamSource.class.getName());
    /** Our queue pair number for the soft engine (any 24-bit value; the verbs engine gets one from the NIC). */
    static final int SOFT_QUEUE_PAIR = 0x00_0C0D;
    /** Soft-engine rkeys: 0x47470000 + flow ("GG"), distinct per flow as the profile requires. */
    static final int SOFT_RKEY_BASE = 0x4747_0000;

    private final Features features;
    private final RdmaEngine engine;
    private final RdmaProfile profile;
    private final SoftRoceReceiver soft;
    private final VerbsReceiver verbs;
    private boolean closed;

    private RdmaStreamSource(Features features, RdmaEngine engine, RdmaProfile profile, SoftRoceReceiver soft,
                             VerbsReceiver verbs) {
        this.features = features;
        this.engine = engine;
        this.profile = profile;
        this.soft = soft;
        this.verbs = verbs;
    }

    /**
     * Detects the profile on {@code features}, starts a receiver on {@code hostIp}, programs the
     * device and enables it. Throws {@link IllegalStateException} with the reason when the device
     * does not offer the profile or the chosen engine cannot start.
     */
    public static RdmaStreamSource open(Features features, String deviceIp, String hostIp, HostParameters p) {
        if (!RdmaDeviceSetup.offersProfile(features)) {
            throw new IllegalStateException("UseRdma = 1 but the device at " + deviceIp
                    + " does not offer the gevgate RDMA streaming profile (no RdmaProfileVersion 1.x in its XML)");
        }
        long[] sizes = RdmaDeviceSetup.flowSizes(features);
        int sourcePort = RdmaDeviceSetup.sourcePort(features);
        RdmaProfile template = template(sizes, p.rdmaPathMtu(), p.rdmaPageCount(), deviceIp, sourcePort, hostIp);
        SoftRoceReceiver soft = null;
        VerbsReceiver verbs = null;
        RdmaEngine used;
        RdmaProfile actual = template;
        try {
            if (p.rdmaEngine() != RdmaEngine.SOFT) {
                try {
                    verbs = VerbsReceiver.start(template, null, 1);
                    actual = verbs.profile();
                } catch (RdmaUnavailableException | VerbsException e) {
                    if (p.rdmaEngine() == RdmaEngine.VERBS) {
                        throw new IllegalStateException("RdmaEngine = verbs: " + e.getMessage(), e);
                    }
                    LOG.log(System.Logger.Level.INFO, "RDMA engine auto: verbs unavailable (" + e.getMessage()
                            + "), using soft RoCE");
                }
            }
            if (verbs == null) {
                soft = SoftRoceReceiver.start(SoftRoceConfig.of(template)
                        .withDeliverIncomplete(p.rdmaDeliverIncomplete()).withFrameTimeout(p.rdmaFrameTimeout()));
                used = RdmaEngine.SOFT;
            } else {
                used = RdmaEngine.VERBS;
            }
            RdmaDeviceSetup.program(features, actual);
            RdmaDeviceSetup.enable(features, true);
            return new RdmaStreamSource(features, used, actual, soft, verbs);
        } catch (NativeSocketException e) {
            closeQuietly(soft, verbs);
            throw new IllegalStateException("cannot open the soft-RoCE socket on " + hostIp + ":"
                    + RdmaProfile.ROCE_V2_PORT + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(soft, verbs);
            throw e;
        }
    }

    /**
     * Pages sized from the flow sizes: flow 0 holds the descriptor, its data and the 128-byte
     * record; every page is rounded up to 4 KiB. Flow regions get IOVAs 2^36 apart.
     */
    static RdmaProfile template(long[] flowSizes, int mtu, int pageCount, String deviceIp, int sourcePort, String hostIp) {
        List<RdmaFlowTarget> flows = new ArrayList<>();
        for (int f = 0; f < flowSizes.length; f++) {
            long bytes = flowSizes[f] + (f == 0 ? FrameMetadata.LENGTH : 0);
            long page = Math.max(4096, (bytes + 4095) / 4096 * 4096);
            flows.add(new RdmaFlowTarget(SOFT_RKEY_BASE + f, (long) f << 36, page));
        }
        return new RdmaProfile(SOFT_QUEUE_PAIR, mtu, pageCount, flows, deviceIp, Math.max(1, sourcePort), hostIp,
                RdmaProfile.ROCE_V2_PORT);
    }

    private static void closeQuietly(SoftRoceReceiver soft, VerbsReceiver verbs) {
        if (soft != null) {
            soft.close();
        }
        if (verbs != null) {
            verbs.close();
        }
    }

    /** The engine actually used (never AUTO). */
    public RdmaEngine engine() {
        return engine;
    }

    /** The destination programmed into the device. */
    public RdmaProfile profile() {
        return profile;
    }

    public RoceCounters counters() {
        return soft != null ? soft.counters() : verbs.counters();
    }

    /** The soft receiver, or null with the verbs engine. */
    public SoftRoceReceiver softReceiver() {
        return soft;
    }

    /** The receive thread's failure (soft engine), else null. */
    public Throwable failure() {
        return soft != null ? soft.failure() : null;
    }

    public RoceFrame take(long timeout, TimeUnit unit) throws InterruptedException {
        return soft != null ? soft.take(timeout, unit) : verbs.take(timeout, unit);
    }

    /** Stops the receiver only (the device is gone, nothing is sent to it). */
    synchronized void abandon() {
        if (!closed) {
            closed = true;
            closeQuietly(soft, verbs);
        }
    }

    /** Disables the stream on the device (errors logged: it may be gone), then stops the receiver. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            RdmaDeviceSetup.enable(features, false);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "disabling the RDMA stream failed: " + e.getMessage());
        }
        closeQuietly(soft, verbs);
    }
}
