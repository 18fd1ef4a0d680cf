package io.gevgate.viewer.device;

import io.gevgate.acquisition.camera.Camera;
import io.gevgate.acquisition.camera.Cameras;
import io.gevgate.acquisition.camera.GvcpPort;
import io.gevgate.acquisition.genapi.NodeMap;
import io.gevgate.acquisition.genapi.port.Port;
import io.gevgate.acquisition.gvcp.DeviceInfo;
import java.net.InetAddress;

/**
 * An opened camera as the viewer needs it: control taken, GenICam XML downloaded and loaded as a
 * node map bound to the device's register space. An adapter over the camera facade: once the
 * facade offers {@code camera.features()} this class shrinks to a holder (see docs/viewer.md).
 * Every method does network I/O: call it from a background thread, never the FX thread.
 */
public final class DeviceSession implements AutoCloseable {
    private final Camera camera;
    private final NodeMap features;
    private final LockedFeatures locks;

    private DeviceSession(Camera camera, NodeMap features, LockedFeatures locks) {
        this.camera = camera;
        this.features = features;
        this.locks = locks;
    }

    /** Opens the camera at {@code address}, takes control and loads its features. */
    public static DeviceSession open(InetAddress address) {
        Camera camera = Cameras.open(address);
        try {
            camera.takeControl();
            byte[] xml = camera.genicamXml().xml();
            NodeMap map = NodeMap.load(xml);
            GvcpPort gvcp = camera.port();
            map.bindDevicePort(new Port() {
                @Override
                public byte[] read(long address, int length) {
                    return gvcp.read(address, length);
                }

                @Override
                public void write(long address, byte[] bytes) {
                    gvcp.write(address, bytes);
                }
            });
            return new DeviceSession(camera, map, LockedFeatures.scan(xml));
        } catch (RuntimeException e) {
            camera.close();
            throw e;
        }
    }

    public Camera camera() {
        return camera;
    }

    public DeviceInfo info() {
        return camera.info();
    }

    public NodeMap features() {
        return features;
    }

    /** Which feature locks which (pIsLocked), read from the XML. */
    public LockedFeatures locks() {
        return locks;
    }

    @Override
    public void close() {
        try {
            camera.releaseControl();
        } catch (RuntimeException ignored) {
            // the device may be gone already; closing must still free the sockets
        } finally {
            camera.close();
        }
    }
}
