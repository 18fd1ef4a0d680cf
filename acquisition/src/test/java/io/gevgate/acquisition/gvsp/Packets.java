package io.gevgate.acquisition.gvsp;

import io.gevgate.acquisition.gvsp.codec.GvspHeader;
import io.gevgate.acquisition.gvsp.codec.GvspLeader;
import io.gevgate.acquisition.gvsp.codec.GvspPacketFormat;
import io.gevgate.acquisition.gvsp.codec.GvspPayloadType;
import io.gevgate.acquisition.gvsp.codec.GvspTrailer;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/** Builds the packets of a small Mono8 image block with the codec writers (test helper). */
final class Packets {
    static final int WIDTH = 64;
    static final int HEIGHT = 10;
    static final int DATA_PER_PACKET = 100;
    /** SCPS giving 100 data bytes per standard-header packet. */
    static final int PACKET_SIZE = 28 + 8 + DATA_PER_PACKET;
    static final int IMAGE = WIDTH * HEIGHT;
    /** leader + 7 data packets + trailer */
    static final int COUNT = 9;

    private Packets() {
    }

    static byte pixel(long block, int i) {
        return (byte) (block * 7 + i * 13);
    }

    /** Packet {@code pid} of block {@code block} (16-bit ids). */
    static MemorySegment packet(int block, int pid) {
        MemorySegment s = MemorySegment.ofArray(new byte[PACKET_SIZE]);
        GvspHeader h = new GvspHeader().wrap(s, 0);
        if (pid == 0) {
            h.writeStandard(0, block, GvspPacketFormat.LEADER, 0);
            int n = new GvspLeader().wrap(s, 8).writeImage(GvspPayloadType.IMAGE, 1000 + block, PixelFormats.MONO8,
                    WIDTH, HEIGHT, 0, 0, 0, 0);
            return s.asSlice(0, 8 + n);
        }
        if (pid == COUNT - 1) {
            h.writeStandard(0, block, GvspPacketFormat.TRAILER, pid);
            int n = new GvspTrailer().wrap(s, 8, 0).write(GvspPayloadType.IMAGE, HEIGHT);
            return s.asSlice(0, 8 + n);
        }
        h.writeStandard(0, block, GvspPacketFormat.PAYLOAD_GENERIC, pid);
        int at = (pid - 1) * DATA_PER_PACKET;
        int n = Math.min(DATA_PER_PACKET, IMAGE - at);
        for (int i = 0; i < n; i++) {
            s.set(java.lang.foreign.ValueLayout.JAVA_BYTE, 8 + i, pixel(block, at + i));
        }
        return s.asSlice(0, 8 + n);
    }

    static List<MemorySegment> block(int block) {
        List<MemorySegment> out = new ArrayList<>();
        for (int pid = 0; pid < COUNT; pid++) {
            out.add(packet(block, pid));
        }
        return out;
    }

    static boolean imageMatches(Frame f) {
        MemorySegment p = f.payload();
        if (p.byteSize() != IMAGE) {
            return false;
        }
        for (int i = 0; i < IMAGE; i++) {
            if (p.get(java.lang.foreign.ValueLayout.JAVA_BYTE, i) != pixel(f.blockId(), i)) {
                return false;
            }
        }
        return true;
    }
}
