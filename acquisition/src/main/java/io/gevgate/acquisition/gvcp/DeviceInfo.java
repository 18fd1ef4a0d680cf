package io.gevgate.acquisition.gvcp;

import io.gevgate.acquisition.gvcp.codec.DiscoveryCodec;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** What a DISCOVERY_ACK says about a device, plus where the answer came from. */
public record DeviceInfo(
        InetSocketAddress source,
        int specVersion,
        int deviceMode,
        long mac,
        int supportedIpConfig,
        int currentIpConfig,
        InetAddress currentIp,
        InetAddress subnetMask,
        InetAddress gateway,
        String manufacturer,
        String model,
        String deviceVersion,
        String manufacturerInfo,
        String serialNumber,
        String userName) {

    /** Decodes a wrapped DISCOVERY_ACK (the flyweight is read once here; the record owns its data). */
    public static DeviceInfo from(DiscoveryCodec ack, InetSocketAddress source) {
        return new DeviceInfo(source, ack.specVersion(), ack.deviceMode(), ack.mac(), ack.supportedIpConfig(),
                ack.currentIpConfig(), ipv4(ack.currentIp()), ipv4(ack.subnetMask()), ipv4(ack.gateway()),
                ack.manufacturer(), ack.model(), ack.deviceVersion(), ack.manufacturerInfo(), ack.serial(),
                ack.userName());
    }

    public String specVersionString() {
        return (specVersion >>> 16) + "." + (specVersion & 0xFFFF);
    }

    public String macString() {
        return String.format("%02x:%02x:%02x:%02x:%02x:%02x", (mac >>> 40) & 0xFF, (mac >>> 32) & 0xFF,
                (mac >>> 24) & 0xFF, (mac >>> 16) & 0xFF, (mac >>> 8) & 0xFF, mac & 0xFF);
    }

    /** Current IP configuration as text: persistent / DHCP / LLA. */
    public String ipConfigString() {
        StringBuilder sb = new StringBuilder();
        if ((currentIpConfig & 0x1) != 0) {
            sb.append("persistent ");
        }
        if ((currentIpConfig & 0x2) != 0) {
            sb.append("DHCP ");
        }
        if ((currentIpConfig & 0x4) != 0) {
            sb.append("LLA ");
        }
        return sb.isEmpty() ? "none" : sb.toString().trim();
    }

    static InetAddress ipv4(int v) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    static int toInt(InetAddress a) {
        byte[] b = a.getAddress();
        if (b.length != 4) {
            throw new IllegalArgumentException("IPv4 address expected: " + a);
        }
        return ((b[0] & 0xFF) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
    }
}
