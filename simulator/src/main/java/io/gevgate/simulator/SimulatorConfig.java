package io.gevgate.simulator;

import java.net.InetAddress;
import java.util.Objects;

/**
 * How to run one simulated camera. {@code xml} null uses the built-in GenICam XML;
 * {@code heartbeatTimeoutMs} is the initial GevHeartbeatTimeout; {@code pendingAckDelayMs} &gt; 0 makes
 * AcquisitionStart take that long, so that a host which enabled PENDING_ACK receives one.
 */
public record SimulatorConfig(
        InetAddress address,
        int port,
        byte[] xml,
        boolean zipXml,
        boolean sha1InUrl,
        int heartbeatTimeoutMs,
        long mac,
        String serialNumber,
        String userName,
        int pendingAckDelayMs) {

    public SimulatorConfig {
        Objects.requireNonNull(address, "address");
        if (address.getAddress().length != 4) {
            throw new IllegalArgumentException("the simulator binds IPv4 addresses only: " + address);
        }
        if (heartbeatTimeoutMs < 100) {
            throw new IllegalArgumentException("heartbeat timeout must be >= 100 ms: " + heartbeatTimeoutMs);
        }
        serialNumber = serialNumber == null ? "SIM0001" : serialNumber;
        userName = userName == null ? "" : userName;
    }

    /** Port 3956, built-in XML (plain), 3 s heartbeat, a MAC derived from the address. */
    public static SimulatorConfig defaults(InetAddress address) {
        byte[] a = address.getAddress();
        long mac = 0x02_00_47_00_00_00L | ((a[2] & 0xFFL) << 8) | (a[3] & 0xFFL);
        return new SimulatorConfig(address, 3956, null, false, false, 3000, mac,
                String.format("SIM%03d%03d", a[2] & 0xFF, a[3] & 0xFF), "", 0);
    }

    public SimulatorConfig withXml(byte[] xmlBytes) {
        return new SimulatorConfig(address, port, xmlBytes, zipXml, sha1InUrl, heartbeatTimeoutMs, mac, serialNumber, userName, pendingAckDelayMs);
    }

    public SimulatorConfig withZip(boolean zip) {
        return new SimulatorConfig(address, port, xml, zip, sha1InUrl, heartbeatTimeoutMs, mac, serialNumber, userName, pendingAckDelayMs);
    }

    public SimulatorConfig withSha1InUrl(boolean sha1) {
        return new SimulatorConfig(address, port, xml, zipXml, sha1, heartbeatTimeoutMs, mac, serialNumber, userName, pendingAckDelayMs);
    }

    public SimulatorConfig withHeartbeatTimeoutMs(int ms) {
        return new SimulatorConfig(address, port, xml, zipXml, sha1InUrl, ms, mac, serialNumber, userName, pendingAckDelayMs);
    }

    public SimulatorConfig withPendingAckDelayMs(int ms) {
        return new SimulatorConfig(address, port, xml, zipXml, sha1InUrl, heartbeatTimeoutMs, mac, serialNumber, userName, ms);
    }

    public SimulatorConfig withPort(int p) {
        return new SimulatorConfig(address, p, xml, zipXml, sha1InUrl, heartbeatTimeoutMs, mac, serialNumber, userName, pendingAckDelayMs);
    }
}
