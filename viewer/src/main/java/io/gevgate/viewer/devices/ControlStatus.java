package io.gevgate.viewer.devices;

import io.gevgate.acquisition.gvcp.Bootstrap;
import io.gevgate.acquisition.gvcp.GvcpClient;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Whether someone controls a device: reads the CCP register (0x0A00), which GigE Vision lets any
 * host read without privilege. Network I/O: background threads only.
 */
public final class ControlStatus {
    public static final String FREE = "free";
    public static final String CONTROLLED = "controlled by another application";
    public static final String OPEN_HERE = "open (controlled by this viewer)";

    private ControlStatus() {
    }

    public static String read(InetAddress address) {
        // the client's usual 500 ms x 5 tries: the read returns at the first answer, and a device
        // that is merely slow must not be shown as unreachable
        GvcpClient.Options o = GvcpClient.Options.defaults();
        try (GvcpClient c = GvcpClient.open(new InetSocketAddress(address, 3956), o)) {
            int ccp = new Bootstrap(c).controlChannelPrivilege();
            return (ccp & 0x3) != 0 ? CONTROLLED : FREE;
        } catch (RuntimeException e) {
            return "unreachable for GVCP reads";
        }
    }
}
