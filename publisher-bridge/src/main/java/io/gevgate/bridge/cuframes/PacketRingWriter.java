package io.gevgate.bridge.cuframes;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;

import io.gevgate.linux.Libc;
import io.gevgate.linux.MappedRegion;
import io.gevgate.linux.ProcessLiveness;
import io.gevgate.linux.SharedMemory;

import static io.gevgate.bridge.cuframes.PacketRingLayout.*;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Writer of the encoded packet ring (protocol §8.3). Single writer; no allocation per packet.
 * The byte range a packet will overwrite is reserved in {@code write_offset} before any byte
 * is copied, so readers can prove their copy was not overwritten (gevgate decision).
 */
public final class PacketRingWriter implements AutoCloseable {
    static final int SHM_MODE = 0640;
    private static final VarHandle LONG = JAVA_LONG.varHandle();
    private static final VarHandle INT = JAVA_INT.varHandle();

    private final String name;
    private final int fd;
    private final MappedRegion region;
    private final MemorySegment seg;
    private final PacketRingOptions options;
    private final long dataBase;
    private final long dataSize;
    private boolean unlinked;
    private boolean closed;
    private long packetsWritten;
    private long rejected;

    private PacketRingWriter(String name, int fd, MappedRegion region, PacketRingOptions options) {
        this.name = name;
        this.fd = fd;
        this.region = region;
        this.seg = region.segment();
        this.options = options;
        this.dataBase = dataOffset(options.ringSlots());
        this.dataSize = Integer.toUnsignedLong(options.dataSize());
    }

    static PacketRingWriter create(CuframesKey key, PacketRingOptions o) {
        String name = key.packetShmName();
        int fd = ShmSegments.createOrRecover(name, HEADER_SIZE, m -> m == MAGIC, OFF_PRODUCER_PID, SHM_MODE);
        MappedRegion region = null;
        try {
            long total = totalSize(o.ringSlots(), o.dataSize());
            SharedMemory.truncate(fd, total);
            region = MappedRegion.mapShared(fd, total, Libc.PROT_READ | Libc.PROT_WRITE);
            MemorySegment s = region.segment();
            s.set(JAVA_INT, OFF_PROTO, PROTO_VERSION);
            s.set(JAVA_INT, OFF_RING_SLOTS, o.ringSlots());
            s.set(JAVA_INT, OFF_DATA_SIZE, o.dataSize());
            s.set(JAVA_INT, OFF_CODEC_ID, o.codecId());
            s.set(JAVA_INT, OFF_EXTRADATA_SIZE, 0);
            s.set(JAVA_LONG, OFF_PRODUCER_PID, ProcessLiveness.currentPid());
            LONG.setRelease(s, OFF_GLOBAL_SEQ, -1L);
            LONG.setRelease(s, OFF_LAST_KEYFRAME_SEQ, -1L);
            LONG.setRelease(s, OFF_WRITE_OFFSET, 0L);
            LONG.setRelease(s, OFF_SHUTDOWN_FLAG, 0L);
            for (int i = 0; i < o.ringSlots(); i++) {
                LONG.setRelease(s, slotOffset(i) + SLOT_SEQ, -1L);
            }
            VarHandle.releaseFence();
            s.set(JAVA_INT, OFF_MAGIC, MAGIC);
            return new PacketRingWriter(name, fd, region, o);
        } catch (RuntimeException e) {
            if (region != null) {
                region.close();
            }
            Libc.close(fd);
            SharedMemory.unlink(name);
            throw e;
        }
    }

    /** Sets the codec extradata (Annex B parameter sets); readers never see a half-written blob. */
    public void setCodecExtradata(MemorySegment extradata) {
        long n = extradata.byteSize();
        if (n > EXTRADATA_MAX) {
            throw new CuframesException(CuframesError.INVALID_ARG, "extradata is " + n + " bytes, max " + EXTRADATA_MAX);
        }
        INT.setRelease(seg, OFF_EXTRADATA_SIZE, 0);
        VarHandle.storeStoreFence();
        MemorySegment.copy(extradata, 0, seg, OFF_EXTRADATA, n);
        INT.setRelease(seg, OFF_EXTRADATA_SIZE, (int) n);
    }

    /**
     * Publishes one access unit. Returns its seq.
     *
     * @throws CuframesException PACKET_OVERSIZED above max_packet_size, INVALID_ARG for empty data or unknown flags
     */
    public long publish(MemorySegment data, long ptsNs, long dtsNs, int flags) {
        long size = data.byteSize();
        if (size == 0) {
            rejected++;
            throw new CuframesException(CuframesError.INVALID_ARG, "empty packet");
        }
        if (size > options.maxPacketSize()) {
            rejected++;
            throw new CuframesException(CuframesError.PACKET_OVERSIZED,
                    "packet is " + size + " bytes, max_packet_size " + options.maxPacketSize());
        }
        if ((flags & ~FLAGS_KNOWN) != 0) {
            rejected++;
            throw new CuframesException(CuframesError.INVALID_ARG, String.format("flags 0x%X use reserved bits 4..31", flags));
        }
        long prev = (long) LONG.getAcquire(seg, OFF_GLOBAL_SEQ);
        long seq = prev == -1L ? 0 : prev + 1;
        long off = (long) LONG.getAcquire(seg, OFF_WRITE_OFFSET);
        long slot = slotOffset((int) Long.remainderUnsigned(seq, options.ringSlots()));
        LONG.setRelease(seg, slot + SLOT_SEQ, -1L);
        LONG.setRelease(seg, OFF_WRITE_OFFSET, off + size);
        VarHandle.storeStoreFence();
        long pos = Long.remainderUnsigned(off, dataSize);
        long first = Math.min(size, dataSize - pos);
        MemorySegment.copy(data, 0, seg, dataBase + pos, first);
        if (first < size) {
            MemorySegment.copy(data, first, seg, dataBase, size - first);
        }
        seg.set(JAVA_LONG, slot + SLOT_PTS, ptsNs);
        seg.set(JAVA_LONG, slot + SLOT_DTS, dtsNs);
        seg.set(JAVA_LONG, slot + SLOT_DATA_OFFSET, off);
        seg.set(JAVA_INT, slot + SLOT_DATA_SIZE, (int) size);
        seg.set(JAVA_INT, slot + SLOT_FLAGS, flags);
        LONG.setRelease(seg, slot + SLOT_SEQ, seq);
        LONG.setRelease(seg, OFF_GLOBAL_SEQ, seq);
        if ((flags & FLAG_KEY) != 0) {
            LONG.setRelease(seg, OFF_LAST_KEYFRAME_SEQ, seq);
        }
        packetsWritten++;
        return seq;
    }

    public long packetsWritten() {
        return packetsWritten;
    }

    public long rejected() {
        return rejected;
    }

    public PacketRingOptions options() {
        return options;
    }

    void markShutdown() {
        LONG.setRelease(seg, OFF_SHUTDOWN_FLAG, 1L);
    }

    synchronized void unlinkName() {
        if (!unlinked) {
            unlinked = true;
            SharedMemory.unlink(name);
        }
    }

    /** Marks the ring shut down, unlinks and unmaps it. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        markShutdown();
        unlinkName();
        region.close();
        Libc.close(fd);
    }
}
