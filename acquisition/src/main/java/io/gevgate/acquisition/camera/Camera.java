package io.gevgate.acquisition.camera;

import io.gevgate.acquisition.gvcp.Bootstrap;
import io.gevgate.acquisition.gvcp.ControlChannel;
import io.gevgate.acquisition.gvcp.ControlEvent;
import io.gevgate.acquisition.gvcp.DeviceEvent;
import io.gevgate.acquisition.gvcp.DeviceInfo;
import io.gevgate.acquisition.gvcp.GvcpClient;
import io.gevgate.acquisition.gvcp.MessageChannel;
import io.gevgate.acquisition.gvcp.xml.GenICamXml;
import io.gevgate.acquisition.gvcp.xml.GenICamXmlLoader;
import io.gevgate.acquisition.genapi.Features;
import io.gevgate.acquisition.genapi.NodeMap;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * One GigE Vision camera: its GVCP client, bootstrap registers, GenICam XML, control privilege and
 * message channel. The GenApi engine plugs in through {@link #client()} ({@code readMemory} /
 * {@code writeMemory} are the register port); stream receivers through
 * {@link Bootstrap#streamChannel(int)} and {@link GvcpClient#packetResend}.
 */
public final class Camera implements AutoCloseable {
    private final DeviceInfo info;
    private final GvcpClient client;
    private final Bootstrap bootstrap;
    private final List<Consumer<ControlEvent>> controlListeners = new CopyOnWriteArrayList<>();
    private final ControlChannel control;
    private MessageChannel messages;
    private GenICamXml xml;
    private NodeMap nodeMap;
    private final HostParameters hostParameters = new HostParameters();

    Camera(DeviceInfo info, GvcpClient client) {
        this.info = info;
        this.client = client;
        this.bootstrap = new Bootstrap(client);
        this.control = new ControlChannel(client, e -> controlListeners.forEach(l -> l.accept(e)));
    }

    public DeviceInfo info() {
        return info;
    }

    public GvcpClient client() {
        return client;
    }

    /** The register space as a GenICam port (for the GenApi engine). */
    public GvcpPort port() {
        return new GvcpPort(client);
    }

    public Bootstrap bootstrap() {
        return bootstrap;
    }

    public ControlChannel control() {
        return control;
    }

    /** Called when control is lost or the device vanishes (from the heartbeat thread). */
    public void onControlEvent(Consumer<ControlEvent> listener) {
        controlListeners.add(listener);
    }

    /** Takes control privilege (CCP control mode) and starts the heartbeat. */
    public void takeControl() {
        control.take(ControlChannel.Mode.CONTROL);
    }

    public void releaseControl() {
        control.release();
    }

    /** The GenICam XML (downloaded once, then cached), with default limits. */
    public synchronized GenICamXml genicamXml() {
        if (xml == null) {
            xml = new GenICamXmlLoader(client::readMemory, GenICamXmlLoader.Limits.defaults())
                    .load(bootstrap.firstUrl(), bootstrap.secondUrl());
        }
        return xml;
    }

    /**
     * The camera's features, live: the GenICam XML (downloaded on first use) loaded as a node map
     * whose device port is this camera's register space. Reads need no control privilege; the first
     * write takes it (CCP control mode, heartbeat running) unless the caller already holds it.
     * Every failure is a {@link io.gevgate.acquisition.genapi.GenApiException} with its reason.
     */
    public Features features() {
        return nodeMap();
    }

    /** The same node map as {@link #features()}, with node-level access (evaluate all, prefetch, diagnostics). */
    public synchronized NodeMap nodeMap() {
        if (nodeMap == null) {
            NodeMap map = NodeMap.load(genicamXml().xml());
            map.bindDevicePort(new GvcpPort(client, this::ensureControl));
            nodeMap = map;
        }
        return nodeMap;
    }

    /**
     * Locks (or unlocks) the transport-layer parameters the way SFNC does while streaming: writes
     * TLParamsLocked = 1 (0), so features whose {@code pIsLocked} names it refuse writes with
     * {@code LOCKED}. A stream start calls this with true, its stop with false.
     *
     * @return false when the camera's XML has no TLParamsLocked (nothing to lock)
     */
    public boolean lockTransportParameters(boolean locked) {
        NodeMap map = nodeMap();
        if (!map.has("TLParamsLocked")) {
            return false;
        }
        map.setInteger("TLParamsLocked", locked ? 1 : 0);
        return true;
    }

    private void ensureControl() {
        if (!control.isHeld()) {
            takeControl();
        }
    }

    /**
     * Sets a host-side stream parameter ({@link HostParameters}: {@code UseRdma}, {@code RdmaEngine},
     * {@code RdmaPageCount}, {@code RdmaPathMtu}, {@code RdmaDeliverIncomplete}) or, for any other
     * name, the device feature of that name ({@code features().set}). {@code setParameter("UseRdma",
     * "1")} makes the next {@link #stream()} use the RDMA streaming profile (docs/rdma-profile.md).
     */
    public void setParameter(String name, String value) {
        if (HostParameters.isHostParameter(name)) {
            hostParameters.set(name, value);
        } else {
            features().set(name, value);
        }
    }

    /** The host-side stream parameters. */
    public HostParameters hostParameters() {
        return hostParameters;
    }

    /** Opens the message channel (needs control) and delivers device events to {@code listener}. */
    public synchronized void openMessageChannel(InetAddress localAddress, Consumer<DeviceEvent> listener) {
        if (messages != null) {
            throw new IllegalStateException("message channel already open");
        }
        messages = MessageChannel.open(client, localAddress, listener);
    }

    /**
     * Opens stream channel 0 with default options and starts acquisition (GenApi features loaded
     * from the camera's XML). Takes control privilege if it is not held; it stays held while the
     * stream is open.
     */
    public CameraStream stream() {
        return stream(GenApiDevicePort.nodeMap(this), CameraStream.Options.defaults());
    }

    /** {@link #stream()} with options (packet size, buffers, hand-off wait, receiver tuning...). */
    public CameraStream stream(CameraStream.Options options) {
        return stream(GenApiDevicePort.nodeMap(this), options);
    }

    /** Opens stream channel 0 using {@code features} for AcquisitionStart/Stop and PayloadSize. */
    public CameraStream stream(io.gevgate.acquisition.genapi.Features features, CameraStream.Options options) {
        return CameraStream.open(this, features, options);
    }

    @Override
    public synchronized void close() {
        if (messages != null) {
            messages.close();
            messages = null;
        }
        control.close();
        client.close();
    }
}
