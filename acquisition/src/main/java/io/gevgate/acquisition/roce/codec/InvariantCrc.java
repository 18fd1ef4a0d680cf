package io.gevgate.acquisition.roce.codec;

import java.nio.ByteBuffer;
import java.util.zip.CRC32;

/**
 * The RoCEv2 invariant CRC (ICRC) of IPv4 packets: CRC-32 (the Ethernet/zlib polynomial, reflected,
 * initial value and final XOR all-ones) over
 * <ol>
 *   <li>8 bytes of 0xFF standing in for the InfiniBand LRH that RoCEv2 does not carry,</li>
 *   <li>the IPv4 header with the variant fields (TOS, TTL, header checksum) set to all-ones,</li>
 *   <li>the UDP header with its checksum set to all-ones,</li>
 *   <li>the BTH with its reserved byte 4 (FECN, BECN, Resv6a) set to all-ones,</li>
 *   <li>every following byte of the packet up to the ICRC (RETH, ImmDt, payload, pad).</li>
 * </ol>
 * The 32-bit result is sent least-significant byte first (the same convention as the Ethernet FCS).
 *
 * <p>A UDP socket never sees the IP header, so the soft receiver rebuilds it from what the profile
 * fixes (no options, identification 0, DF set, protocol 17) and the configured endpoints; see
 * {@code docs/rdma-profile.md}. A sender going through a kernel UDP socket gets exactly this header
 * on the wire only if the kernel writes identification 0: Linux does so for an unconnected socket
 * with {@code IP_PMTUDISC_DO} (the simulator's emitter). One instance per thread: it keeps its
 * scratch header and CRC state.
 */
public final class InvariantCrc {
    static final int PREFIX = 8 + 20 + 8 + RocePacket.BTH_LENGTH;
    private static final int IP = 8;
    private static final int UDP = IP + 20;
    private static final int BTH = UDP + 8;

    private final CRC32 crc = new CRC32();
    private final byte[] prefix = new byte[PREFIX];

    /**
     * @param sourceIp      IPv4 source (the device), as a big-endian int
     * @param destinationIp IPv4 destination (the host)
     * @param sourcePort    UDP source port of the device
     * @param destinationPort UDP destination port (4791)
     */
    public InvariantCrc(int sourceIp, int destinationIp, int sourcePort, int destinationPort) {
        for (int i = 0; i < 8; i++) {
            prefix[i] = (byte) 0xFF;
        }
        prefix[IP] = 0x45; // IPv4, 5-word header (the profile forbids IP options)
        prefix[IP + 1] = (byte) 0xFF; // TOS: variant (DSCP/ECN change in flight)
        prefix[IP + 6] = 0x40; // flags: DF, fragment offset 0; identification (IP+4..5) is 0
        prefix[IP + 8] = (byte) 0xFF; // TTL: variant
        prefix[IP + 9] = 17; // UDP
        prefix[IP + 10] = (byte) 0xFF; // header checksum: variant
        prefix[IP + 11] = (byte) 0xFF;
        putInt(prefix, IP + 12, sourceIp);
        putInt(prefix, IP + 16, destinationIp);
        putShort(prefix, UDP, sourcePort);
        putShort(prefix, UDP + 2, destinationPort);
        prefix[UDP + 6] = (byte) 0xFF; // UDP checksum: variant
        prefix[UDP + 7] = (byte) 0xFF;
    }

    /**
     * The ICRC of the RoCEv2 packet (UDP payload) at {@code buf[offset, offset + length)}, whose
     * last 4 bytes are the ICRC field itself (not covered). Allocation-free; moves the buffer's
     * position and limit.
     */
    public int compute(ByteBuffer buf, int offset, int length) {
        int ipTotal = 20 + 8 + length;
        putShort(prefix, IP + 2, ipTotal);
        putShort(prefix, UDP + 4, 8 + length);
        buf.get(offset, prefix, BTH, RocePacket.BTH_LENGTH);
        prefix[BTH + 4] = (byte) 0xFF;
        crc.reset();
        crc.update(prefix, 0, PREFIX);
        int end = offset + length - RocePacket.ICRC_LENGTH;
        buf.limit(end);
        buf.position(offset + RocePacket.BTH_LENGTH);
        crc.update(buf);
        buf.limit(buf.capacity()); // absolute accessors check the limit
        return (int) crc.getValue();
    }

    /** The ICRC stored in the packet's last 4 bytes (least-significant byte first). */
    public static int stored(ByteBuffer buf, int offset, int length) {
        int at = offset + length - RocePacket.ICRC_LENGTH;
        return (buf.get(at) & 0xFF) | (buf.get(at + 1) & 0xFF) << 8 | (buf.get(at + 2) & 0xFF) << 16
                | (buf.get(at + 3) & 0xFF) << 24;
    }

    /** Computes the ICRC and stores it in the packet's last 4 bytes. */
    public void seal(ByteBuffer buf, int offset, int length) {
        int v = compute(buf, offset, length);
        int at = offset + length - RocePacket.ICRC_LENGTH;
        buf.put(at, (byte) v);
        buf.put(at + 1, (byte) (v >>> 8));
        buf.put(at + 2, (byte) (v >>> 16));
        buf.put(at + 3, (byte) (v >>> 24));
    }

    /** Parses a dotted-quad IPv4 literal into a big-endian int (never resolves names). */
    public static int ipv4(String dotted) {
        String[] parts = dotted == null ? new String[0] : dotted.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("not a dotted-quad IPv4 address: " + dotted);
        }
        int v = 0;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("not a dotted-quad IPv4 address: " + dotted);
            }
            int o = Integer.parseInt(p);
            if (o > 255) {
                throw new IllegalArgumentException("IPv4 octet out of range in " + dotted);
            }
            v = v << 8 | o;
        }
        return v;
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    private static void putShort(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 8);
        b[at + 1] = (byte) v;
    }
}
