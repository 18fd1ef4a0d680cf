package io.gevgate.simulator.roce;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Test helper: wraps RoCEv2 UDP payloads in the IPv4/UDP headers the profile prescribes (no
 * options, identification 0, DF, TTL 64) and writes them as a LINKTYPE_RAW pcap; also an
 * independent bit-at-a-time ICRC over the whole IP packet (no java.util.zip, no production code).
 */
final class RocePcap {
    final List<byte[]> ipPackets = new ArrayList<>();
    private final byte[] src;
    private final byte[] dst;
    private final int srcPort;
    private final int dstPort;

    RocePcap(String srcIp, int srcPort, String dstIp, int dstPort) {
        this.src = ip(srcIp);
        this.dst = ip(dstIp);
        this.srcPort = srcPort;
        this.dstPort = dstPort;
    }

    void add(byte[] udpPayload) {
        int total = 28 + udpPayload.length;
        byte[] p = new byte[total];
        p[0] = 0x45;
        p[2] = (byte) (total >>> 8);
        p[3] = (byte) total;
        p[6] = 0x40;
        p[8] = 64;
        p[9] = 17;
        System.arraycopy(src, 0, p, 12, 4);
        System.arraycopy(dst, 0, p, 16, 4);
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
        p[24] = (byte) ((8 + udpPayload.length) >>> 8);
        p[25] = (byte) (8 + udpPayload.length);
        System.arraycopy(udpPayload, 0, p, 28, udpPayload.length);
        ipPackets.add(p);
    }

    void write(Path file) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        le32(out, 0xA1B2C3D4);
        le16(out, 2);
        le16(out, 4);
        le32(out, 0);
        le32(out, 0);
        le32(out, 65535);
        le32(out, 101); // LINKTYPE_RAW
        int micros = 0;
        for (byte[] p : ipPackets) {
            micros += 10;
            le32(out, 0);
            le32(out, micros);
            le32(out, p.length);
            le32(out, p.length);
            out.write(p);
        }
        Files.write(file, out.toByteArray());
    }

    /** The ICRC the IBA RoCEv2 annex defines, computed from the IP packet as on the wire. */
    static int referenceIcrc(byte[] ip) {
        byte[] m = new byte[8 + ip.length - 4];
        for (int i = 0; i < 8; i++) {
            m[i] = (byte) 0xFF;
        }
        System.arraycopy(ip, 0, m, 8, ip.length - 4);
        m[8 + 1] = (byte) 0xFF; // TOS
        m[8 + 8] = (byte) 0xFF; // TTL
        m[8 + 10] = (byte) 0xFF; // IP checksum
        m[8 + 11] = (byte) 0xFF;
        m[8 + 26] = (byte) 0xFF; // UDP checksum
        m[8 + 27] = (byte) 0xFF;
        m[8 + 28 + 4] = (byte) 0xFF; // BTH FECN/BECN/Resv6a
        int crc = -1;
        for (byte b : m) {
            crc ^= b & 0xFF;
            for (int k = 0; k < 8; k++) {
                crc = (crc >>> 1) ^ (-(crc & 1) & 0xEDB88320);
            }
        }
        return ~crc;
    }

    /** The ICRC as stored at the end of the packet (LSB first). */
    static int storedIcrc(byte[] ip) {
        int n = ip.length;
        return (ip[n - 4] & 0xFF) | (ip[n - 3] & 0xFF) << 8 | (ip[n - 2] & 0xFF) << 16 | (ip[n - 1] & 0xFF) << 24;
    }

    private static byte[] ip(String s) {
        String[] p = s.split("\\.");
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            b[i] = (byte) Integer.parseInt(p[i]);
        }
        return b;
    }

    private static void le32(ByteArrayOutputStream o, int v) {
        o.write(v);
        o.write(v >>> 8);
        o.write(v >>> 16);
        o.write(v >>> 24);
    }

    private static void le16(ByteArrayOutputStream o, int v) {
        o.write(v);
        o.write(v >>> 8);
    }
}
