package io.gevgate.acquisition.camera;

import io.gevgate.acquisition.gvcp.DeviceInfo;
import io.gevgate.acquisition.gvcp.Discovery;
import io.gevgate.acquisition.gvcp.GvcpClient;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.time.Duration;
import java.util.List;

/** Entry point of the camera facade: find cameras and open one. */
public final class Cameras {
    private Cameras() {
    }

    /** How long {@link #discover()} waits for answers (Aravis waits as long). */
    public static final Duration DEFAULT_DISCOVERY_TIMEOUT = Duration.ofSeconds(1);

    /** Broadcast discovery on every IPv4 interface for {@link #DEFAULT_DISCOVERY_TIMEOUT}. */
    public static List<DeviceInfo> discover() {
        return discover(DEFAULT_DISCOVERY_TIMEOUT);
    }

    /** Broadcast discovery on every IPv4 interface (never used by tests outside a private netns). */
    public static List<DeviceInfo> discover(Duration timeout) {
        return Discovery.broadcastAll(timeout);
    }

    /** Broadcast discovery on one interface. */
    public static List<DeviceInfo> discover(NetworkInterface nif, Duration timeout) {
        return Discovery.broadcast(nif, timeout);
    }

    /** Unicast discovery of one address. */
    public static DeviceInfo discover(InetAddress address, Duration timeout) {
        return Discovery.unicast(address, timeout);
    }

    /**
     * Opens the camera at a textual IPv4 address, e.g. {@code Cameras.open("192.168.1.20")}; then
     * {@code camera.features().set("ExposureTime", "5000")}.
     */
    public static Camera open(String address) {
        InetAddress a;
        try {
            a = InetAddress.getByName(address);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address or known host: " + address, e);
        }
        return open(a);
    }

    /** Opens the camera at {@code address} (GVCP port 3956) with default timeouts; control is not taken yet. */
    public static Camera open(InetAddress address) {
        return open(address, GvcpClient.Options.defaults());
    }

    public static Camera open(InetAddress address, GvcpClient.Options options) {
        DeviceInfo info = Discovery.unicast(address, Duration.ofMillis(options.timeout().toMillis() * 3));
        return new Camera(info, GvcpClient.open(new java.net.InetSocketAddress(address,
                io.gevgate.acquisition.gvcp.codec.GvcpCodes.PORT), options));
    }
}
