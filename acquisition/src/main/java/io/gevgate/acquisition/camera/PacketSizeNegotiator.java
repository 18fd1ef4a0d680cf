package io.gevgate.acquisition.camera;

import io.gevgate.acquisition.gvcp.Bootstrap;
import io.gevgate.acquisition.gvcp.BootstrapRegisters;
import io.gevgate.acquisition.gvcp.GvcpClient;
import io.gevgate.acquisition.gvcp.GvcpException;
import io.gevgate.acquisition.gvcp.StreamChannelRegisters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * Finds the largest stream packet size that reaches us, with GigE Vision test packets (SCPS bit 31
 * "fire test packet"), by binary search like Aravis' auto packet size: a probe socket receives
 * the test packets, a size passes when a datagram of exactly {@code size - 28} UDP payload bytes
 * arrives. The search never goes above the path MTU of the local interface (Aravis issue #1065:
 * its result could). A device that never sends a test packet keeps its current packet size,
 * capped at the MTU.
 */
public final class PacketSizeNegotiator {
    static final int FIRE_TEST_PACKET = 0x8000_0000;
    static final int DO_NOT_FRAGMENT = 0x4000_0000;
    static final int IP_UDP_HEADERS = 28;
    /** Every IPv4 host accepts a 576-byte datagram. */
    public static final int MIN_PACKET_SIZE = 576;

    /** What the search settled on and what it cost. */
    public record Result(int packetSize, int testsFired, boolean deviceSendsTestPackets, int pathMtu) {
    }

    private final GvcpClient client;
    private final int channel;
    private final InetAddress local;
    private final Duration wait;
    private final int tries;
    private int fired;

    public PacketSizeNegotiator(GvcpClient client, int channel, InetAddress local, Duration wait, int tries) {
        this.client = client;
        this.channel = channel;
        this.local = local;
        this.wait = wait;
        this.tries = tries;
    }

    /** MTU of the interface that owns {@code local} (loopback: 65536); 1500 when unknown. */
    public static int pathMtu(InetAddress local) {
        try {
            NetworkInterface nif = NetworkInterface.getByInetAddress(local);
            if (nif == null && local.isLoopbackAddress()) {
                nif = NetworkInterface.getByInetAddress(InetAddress.getLoopbackAddress());
            }
            int mtu = nif == null ? -1 : nif.getMTU();
            return mtu > 0 ? mtu : 1500;
        } catch (SocketException e) {
            return 1500;
        }
    }

    private int reg(int offset) {
        return BootstrapRegisters.streamChannel(channel, offset);
    }

    /**
     * Runs the search between {@link #MIN_PACKET_SIZE} and {@code min(maxPacketSize, path MTU)}.
     * Leaves SCPS at the result and SCP closed (0).
     */
    public Result negotiate(int maxPacketSize) {
        int mtu = pathMtu(local);
        int upper = Math.min(maxPacketSize, Math.min(mtu, 65535)) & ~3;
        StreamChannelRegisters sc = new Bootstrap(client).streamChannel(channel);
        int original = client.readRegister(reg(BootstrapRegisters.SC_PACKET_SIZE));
        int originalSize = original & 0xFFFF;
        int keepBits = original & DO_NOT_FRAGMENT;
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(local, 0))) {
            probe.setSoTimeout((int) Math.max(1, wait.toMillis()));
            probe.setReceiveBufferSize(1 << 20);
            sc.destinationAddress(local);
            sc.hostPort(probe.getLocalPort());
            int lower = Math.min(MIN_PACKET_SIZE, upper);
            int result;
            boolean answers;
            if (test(probe, upper)) {
                result = upper;
                answers = true;
            } else if (!test(probe, lower)) {
                // no test packets at all: keep what the device has, never above the MTU
                result = Math.min(originalSize, upper) & ~3;
                answers = false;
            } else {
                answers = true;
                int good = lower;
                int bad = upper;
                while (bad - good > 4) {
                    int mid = ((good + bad) / 2) & ~3;
                    if (mid <= good) {
                        break;
                    }
                    if (test(probe, mid)) {
                        good = mid;
                    } else {
                        bad = mid;
                    }
                }
                result = good;
            }
            client.writeRegister(reg(BootstrapRegisters.SC_PACKET_SIZE), keepBits | result);
            return new Result(result, fired, answers, mtu);
        } catch (IOException e) {
            throw new UncheckedIOException("packet size negotiation: probe socket on " + local.getHostAddress()
                    + " failed: " + e.getMessage(), e);
        } finally {
            try {
                client.writeRegister(reg(BootstrapRegisters.SC_PORT), 0);
            } catch (GvcpException ignored) {
                // the caller points SCP at its receiver next anyway
            }
        }
    }

    /** Fires test packets of {@code size}; true when one of exactly that size arrives. */
    private boolean test(DatagramSocket probe, int size) throws IOException {
        int accepted;
        try {
            client.writeRegister(reg(BootstrapRegisters.SC_PACKET_SIZE), FIRE_TEST_PACKET | DO_NOT_FRAGMENT | size);
            accepted = client.readRegister(reg(BootstrapRegisters.SC_PACKET_SIZE)) & 0xFFFF;
        } catch (GvcpException e) {
            return false; // e.g. INVALID_PARAMETER: the device refuses this size
        }
        if (accepted != size) {
            return false;
        }
        byte[] buf = new byte[65536];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        for (int t = 0; t < tries; t++) {
            if (t > 0) {
                client.writeRegister(reg(BootstrapRegisters.SC_PACKET_SIZE), FIRE_TEST_PACKET | DO_NOT_FRAGMENT | size);
            }
            fired++;
            long deadline = System.nanoTime() + wait.toNanos();
            while (System.nanoTime() < deadline) {
                try {
                    probe.receive(p);
                } catch (SocketTimeoutException e) {
                    break;
                }
                if (p.getLength() == size - IP_UDP_HEADERS) {
                    return true;
                }
            }
        }
        return false;
    }
}
