package io.gevgate.simulator.stream;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes UDP datagrams as a classic pcap file with LINKTYPE_RAW (IPv4 header first), so tshark can
 * dissect the emitter's packets without a live capture (which would need privileges).
 */
final class PcapWriter implements AutoCloseable {
    private final DataOutputStream out;
    private final byte[] src;
    private final byte[] dst;
    private final int srcPort;
    private final int dstPort;
    private int ipId;
    private long micros;

    PcapWriter(Path file, String srcIp, int srcPort, String dstIp, int dstPort) throws IOException {
        OutputStream os = Files.newOutputStream(file);
        this.out = new DataOutputStream(new java.io.BufferedOutputStream(os));
        this.src = ip(srcIp);
        this.dst = ip(dstIp);
        this.srcPort = srcPort;
        this.dstPort = dstPort;
        // global header, written little-endian (magic a1b2c3d4 read back LE)
        le32(0xA1B2C3D4);
        le16(2);
        le16(4);
        le32(0);
        le32(0);
        le32(65535);
        le32(101); // LINKTYPE_RAW
    }

    void write(MemorySegment seg, long off, int len) throws IOException {
        int total = 20 + 8 + len;
        micros += 10;
        le32((int) (micros / 1_000_000));
        le32((int) (micros % 1_000_000));
        le32(total);
        le32(total);
        byte[] ip = new byte[20];
        ip[0] = 0x45;
        ip[2] = (byte) (total >>> 8);
        ip[3] = (byte) total;
        ip[4] = (byte) (ipId >>> 8);
        ip[5] = (byte) ipId++;
        ip[6] = 0x40; // don't fragment
        ip[8] = 64;
        ip[9] = 17;
        System.arraycopy(src, 0, ip, 12, 4);
        System.arraycopy(dst, 0, ip, 16, 4);
        int sum = 0;
        for (int i = 0; i < 20; i += 2) {
            sum += ((ip[i] & 0xFF) << 8) | (ip[i + 1] & 0xFF);
        }
        sum = (sum & 0xFFFF) + (sum >>> 16);
        sum = (sum & 0xFFFF) + (sum >>> 16);
        int cks = ~sum & 0xFFFF;
        ip[10] = (byte) (cks >>> 8);
        ip[11] = (byte) cks;
        out.write(ip);
        out.writeShort(srcPort);
        out.writeShort(dstPort);
        out.writeShort(8 + len);
        out.writeShort(0); // UDP checksum 0 = not computed (legal for IPv4)
        out.write(seg.asSlice(off, len).toArray(ValueLayout.JAVA_BYTE));
    }

    private static byte[] ip(String s) {
        String[] p = s.split("\\.");
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            b[i] = (byte) Integer.parseInt(p[i]);
        }
        return b;
    }

    private void le32(int v) throws IOException {
        out.writeInt(Integer.reverseBytes(v));
    }

    private void le16(int v) throws IOException {
        out.writeShort(Short.reverseBytes((short) v));
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
