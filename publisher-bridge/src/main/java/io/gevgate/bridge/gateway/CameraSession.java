package io.gevgate.bridge.gateway;

import io.gevgate.acquisition.camera.Camera;
import io.gevgate.acquisition.camera.CameraStream;
import io.gevgate.acquisition.camera.Cameras;
import io.gevgate.acquisition.camera.GenApiDevicePort;
import io.gevgate.acquisition.genapi.GenApiException;
import io.gevgate.acquisition.genapi.NodeMap;
import io.gevgate.acquisition.gvcp.ControlEvent;
import io.gevgate.acquisition.gvsp.GvspCounter;
import io.gevgate.acquisition.roce.RoceCounter;
import io.gevgate.acquisition.roce.RoceCounters;

import java.net.InetAddress;

/**
 * One connection to the camera: control taken (heartbeat running), features configured through
 * GenApi, stream channel open and acquiring. {@link #lost()} turns true when the heartbeat reports
 * the device vanished or control lost; the gateway then abandons the session and reconnects.
 */
final class CameraSession implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(CameraSession.class.getName());

    private final Camera camera;
    private final CameraStream stream;
    private final long tickFrequency;
    private final NodeMap features;
    private volatile ControlEvent lostEvent;

    private CameraSession(Camera camera, CameraStream stream, long tickFrequency, NodeMap features) {
        this.features = features;
        this.camera = camera;
        this.stream = stream;
        this.tickFrequency = tickFrequency;
    }

    static CameraSession open(InetAddress address, GatewayOptions o) {
        Camera camera = Cameras.open(address);
        CameraSession[] self = new CameraSession[1];
        ControlEvent[] early = new ControlEvent[1];
        camera.onControlEvent(e -> {
            if (self[0] != null) {
                self[0].lostEvent = e;
            } else {
                early[0] = e;
            }
        });
        try {
            if (o.rdmaEngine() != null) {
                // host parameters: the next stream() runs the RDMA profile instead of stream channel 0
                camera.setParameter("UseRdma", "1");
                camera.setParameter("RdmaEngine", o.rdmaEngine());
            }
            camera.takeControl();
            NodeMap f = GenApiDevicePort.nodeMap(camera);
            configure(f, o);
            long tick = camera.bootstrap().timestampTickFrequency();
            // acquisition starts once the gateway has its ring ready (see Gateway.run)
            CameraStream stream = camera.stream(f, CameraStream.Options.defaults().packetSize(o.packetSize)
                    .receiverTuning(c -> o.receiverTuning.accept(tuned(c, o))).startAcquisition(false));
            CameraSession s = new CameraSession(camera, stream, tick, f);
            self[0] = s;
            s.lostEvent = early[0];
            return s;
        } catch (RuntimeException e) {
            try {
                camera.close();
            } catch (RuntimeException ignored) {
                // the original failure matters
            }
            throw e;
        }
    }

    /** Applies the requested features; what is not requested keeps the camera's value. */
    private static void configure(NodeMap f, GatewayOptions o) {
        try {
            if (f.has("AcquisitionMode")) {
                f.setEnum("AcquisitionMode", "Continuous");
            }
            if (f.has("TriggerMode")) {
                f.setEnum("TriggerMode", "Off");
            }
            if (o.pixelFormat != null) {
                f.setEnum("PixelFormat", o.pixelFormat);
            }
            if (o.width != null) {
                f.setInteger("Width", o.width);
            }
            if (o.height != null) {
                f.setInteger("Height", o.height);
            }
            if (o.frameRate != null) {
                f.setFloat("AcquisitionFrameRate", o.frameRate);
            }
        } catch (GenApiException e) {
            throw new GatewayException("configuring the camera: " + e.getMessage(), e);
        }
    }

    /** Width, Height and PixelFormat (PFNC value) as the camera is configured now. */
    int[] imageFormat() {
        try {
            return new int[] {(int) features.getInteger("Width"), (int) features.getInteger("Height"),
                (int) features.getInteger("PixelFormat")};
        } catch (GenApiException e) {
            throw new GatewayException("reading the camera's image format: " + e.getMessage(), e);
        }
    }

    CameraStream stream() {
        return stream;
    }

    Camera camera() {
        return camera;
    }

    /** Device timestamp ticks → ns; 0 ticks (no leader timestamp) → arrival time. */
    long ptsNanos(long ticks, long arrivalNanos) {
        if (ticks == 0 || tickFrequency <= 0) {
            return arrivalNanos;
        }
        if (tickFrequency == 1_000_000_000L) {
            return ticks;
        }
        return (long) (ticks * (1e9 / tickFrequency));
    }

    boolean lost() {
        return lostEvent != null;
    }

    ControlEvent lostEvent() {
        return lostEvent;
    }

    /** GVSP resend requests; 0 over RDMA (UC has no retransmission). */
    long resendRequests() {
        return stream.isRdma() ? 0 : stream.counters().get(GvspCounter.RESEND_REQUESTS);
    }

    long receiverDrops() {
        if (stream.isRdma()) {
            RoceCounters c = stream.rdma().counters();
            return c.get(RoceCounter.FRAMES_DROPPED_SLOW_CONSUMER) + c.get(RoceCounter.PAGE_BUSY);
        }
        return stream.counters().get(GvspCounter.FRAMES_DROPPED_NO_BUFFER)
                + stream.counters().get(GvspCounter.FRAMES_DROPPED_SLOW_CONSUMER);
    }

    /**
     * Orderly end (acquisition stopped, channel closed, control released), or, when the device
     * vanished, a local one: nothing is sent to a device that no longer answers.
     */
    @Override
    public void close() {
        if (lost()) {
            stream.abandon();
        } else {
            stream.close();
            try {
                camera.releaseControl();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "releasing control failed: " + e.getMessage());
            }
        }
        camera.close();
    }

    /** The gateway's receiver settings: hand-off wait and, when asked, the receive thread's scheduling. */
    private static io.gevgate.acquisition.gvsp.GvspReceiverConfig tuned(io.gevgate.acquisition.gvsp.GvspReceiverConfig c,
                                                                       GatewayOptions o) {
        c.handoffWait(o.handoffWait);
        LatencyThreadSetup receive = new LatencyThreadSetup(o.realtimePriority, o.receiverCpu);
        if (receive.active()) {
            c.threadSetup(() -> receive.applyToCurrentThread("GVSP receive"));
        }
        return c;
    }
}
