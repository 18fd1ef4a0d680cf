package io.gevgate.acquisition.gvcp;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Typed access to stream channel {@code n} (SCPx, SCPSx, SCPDx, SCDAx, SCSPx, SCCx, SCCFGx): what a
 * stream receiver needs to point the device at its socket.
 */
public final class StreamChannelRegisters {
    private final GvcpClient client;
    private final int channel;

    StreamChannelRegisters(GvcpClient client, int channel) {
        this.client = client;
        this.channel = channel;
    }

    private int reg(int offset) {
        return BootstrapRegisters.streamChannel(channel, offset);
    }

    /** Host port (low 16 bits of SCPx); 0 means the channel is closed. */
    public int hostPort() {
        return client.readRegister(reg(BootstrapRegisters.SC_PORT)) & 0xFFFF;
    }

    public void hostPort(int port) {
        client.writeRegister(reg(BootstrapRegisters.SC_PORT), port & 0xFFFF);
    }

    /** Packet size in bytes (low 16 bits of SCPSx; counts IP + UDP + GVSP headers). */
    public int packetSize() {
        return client.readRegister(reg(BootstrapRegisters.SC_PACKET_SIZE)) & 0xFFFF;
    }

    public void packetSize(int size) {
        int old = client.readRegister(reg(BootstrapRegisters.SC_PACKET_SIZE));
        client.writeRegister(reg(BootstrapRegisters.SC_PACKET_SIZE), (old & 0xFFFF0000 & ~0x80000000) | (size & 0xFFFF));
    }

    public int packetDelay() {
        return client.readRegister(reg(BootstrapRegisters.SC_PACKET_DELAY));
    }

    public void packetDelay(int ticks) {
        client.writeRegister(reg(BootstrapRegisters.SC_PACKET_DELAY), ticks);
    }

    public InetAddress destinationAddress() {
        int v = client.readRegister(reg(BootstrapRegisters.SC_DESTINATION_ADDRESS));
        try {
            return InetAddress.getByAddress(new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    public void destinationAddress(InetAddress address) {
        byte[] a = address.getAddress();
        if (a.length != 4) {
            throw new IllegalArgumentException("GigE Vision streams to IPv4 only: " + address);
        }
        client.writeRegister(reg(BootstrapRegisters.SC_DESTINATION_ADDRESS),
                ((a[0] & 0xFF) << 24) | ((a[1] & 0xFF) << 16) | ((a[2] & 0xFF) << 8) | (a[3] & 0xFF));
    }

    /** The device's UDP source port for this stream (SCSPx), for receive filters. */
    public int sourcePort() {
        return client.readRegister(reg(BootstrapRegisters.SC_SOURCE_PORT)) & 0xFFFF;
    }

    public int capability() {
        return client.readRegister(reg(BootstrapRegisters.SC_CAPABILITY));
    }

    public int configuration() {
        return client.readRegister(reg(BootstrapRegisters.SC_CONFIGURATION));
    }

    public void configuration(int value) {
        client.writeRegister(reg(BootstrapRegisters.SC_CONFIGURATION), value);
    }
}
