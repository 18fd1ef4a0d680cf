package io.gevgate.acquisition.roce.codec;

/**
 * A second, independent ICRC implementation for tests: bit-at-a-time CRC-32 (reflected polynomial
 * 0xEDB88320, no table, no java.util.zip) over a full IPv4 + UDP + RoCE packet as it is on the wire,
 * masking the variant fields by hand, the way the InfiniBand spec's annex for RoCEv2 describes it.
 */
public final class ReferenceIcrc {
    private ReferenceIcrc() {
    }

    /** ICRC of an IPv4 packet (header without options first) whose last 4 bytes are the ICRC. */
    public static int ofIpPacket(byte[] ip) {
        byte[] masked = new byte[8 + ip.length - 4];
        java.util.Arrays.fill(masked, 0, 8, (byte) 0xFF);
        System.arraycopy(ip, 0, masked, 8, ip.length - 4);
        int ipBase = 8;
        masked[ipBase + 1] = (byte) 0xFF; // type of service
        masked[ipBase + 8] = (byte) 0xFF; // time to live
        masked[ipBase + 10] = (byte) 0xFF; // header checksum
        masked[ipBase + 11] = (byte) 0xFF;
        int udp = ipBase + 20;
        masked[udp + 6] = (byte) 0xFF; // UDP checksum
        masked[udp + 7] = (byte) 0xFF;
        masked[udp + 8 + 4] = (byte) 0xFF; // BTH byte 4: FECN, BECN, reserved
        int crc = 0xFFFFFFFF;
        for (byte b : masked) {
            crc ^= b & 0xFF;
            for (int k = 0; k < 8; k++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0xEDB88320 : crc >>> 1;
            }
        }
        return ~crc;
    }

    /** Wraps a UDP payload in the IPv4/UDP headers the profile prescribes (ID 0, DF, no options). */
    public static byte[] ipPacket(int srcIp, int dstIp, int srcPort, int dstPort, byte[] udpPayload, int ttl, int tos) {
        byte[] p = new byte[28 + udpPayload.length];
        p[0] = 0x45;
        p[1] = (byte) tos;
        p[2] = (byte) (p.length >>> 8);
        p[3] = (byte) p.length;
        p[6] = 0x40;
        p[8] = (byte) ttl;
        p[9] = 17;
        for (int i = 0; i < 4; i++) {
            p[12 + i] = (byte) (srcIp >>> (24 - 8 * i));
            p[16 + i] = (byte) (dstIp >>> (24 - 8 * i));
        }
        int sum = 0;
        for (int i = 0; i < 20; i += 2) {
            sum += ((p[i] & 0xFF) << 8) | (p[i + 1] & 0xFF);
        }
        sum = (sum & 0xFFFF) + (sum >>> 16);
        sum = (sum & 0xFFFF) + (sum >>> 16);
        p[10] = (byte) (~sum >>> 8);
        p[11] = (byte) ~sum;
        p[20] = (byte) (srcPort >>> 8);
        p[21] = (byte) srcPort;
        p[22] = (byte) (dstPort >>> 8);
        p[23] = (byte) dstPort;
        int ul = 8 + udpPayload.length;
        p[24] = (byte) (ul >>> 8);
        p[25] = (byte) ul;
        System.arraycopy(udpPayload, 0, p, 28, udpPayload.length);
        return p;
    }

    /** The ICRC field of a packet as stored (least-significant byte first). */
    public static int stored(byte[] packet) {
        int n = packet.length;
        return (packet[n - 4] & 0xFF) | (packet[n - 3] & 0xFF) << 8 | (packet[n - 2] & 0xFF) << 16
                | (packet[n - 1] & 0xFF) << 24;
    }
}
