package io.gevgate.bridge.cuframes;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

import io.gevgate.linux.Libc;
import io.gevgate.linux.MappedRegion;
import io.gevgate.linux.SharedMemory;

import static io.gevgate.bridge.cuframes.PacketRingLayout.*;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Reader of the encoded packet ring (protocol §8.4): starts at the last keyframe, copies each
 * packet into a private buffer and proves the copy intact (seq re-check + write_offset bound);
 * on overrun it resyncs to the last keyframe and reports {@code PACKET_OVERRUN} once.
 */
public final class PacketRingReader implements AutoCloseable {
    private static final VarHandle LONG = JAVA_LONG.varHandle();
    private static final VarHandle INT = JAVA_INT.varHandle();
    private static final long POLL_SLEEP_NS = 1_000_000;

    private final int fd;
    private final MappedRegion region;
    private final MemorySegment seg;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment buffer;
    private final int ringSlots;
    private final long dataSize;
    private final long dataBase;
    private final int codecId;
    private final Packet packet = new Packet();
    private long lastSeq;
    private long overruns;
    private long received;

    /** One packet; a view valid until the next {@link #next} call. */
    public static final class Packet {
        long seq;
        long ptsNs;
        long dtsNs;
        int flags;
        MemorySegment data;

        public long seq() {
            return seq;
        }

        public long ptsNs() {
            return ptsNs;
        }

        public long dtsNs() {
            return dtsNs;
        }

        public int flags() {
            return flags;
        }

        public boolean keyframe() {
            return (flags & FLAG_KEY) != 0;
        }

        public MemorySegment data() {
            return data;
        }
    }

    private PacketRingReader(int fd, MappedRegion region, int ringSlots, long dataSize, int codecId) {
        this.fd = fd;
        this.region = region;
        this.seg = region.segment();
        this.ringSlots = ringSlots;
        this.dataSize = dataSize;
        this.dataBase = dataOffset(ringSlots);
        this.codecId = codecId;
        this.buffer = arena.allocate(dataSize, 64);
        long kf = (long) LONG.getAcquire(seg, OFF_LAST_KEYFRAME_SEQ);
        this.lastSeq = kf == -1L ? -1L : kf - 1;
    }

    /** Opens {@code /cuframes-<key>-packets} read-only and validates its header. */
    public static PacketRingReader open(CuframesKey key) {
        String name = key.packetShmName();
        int fd = SharedMemory.open(name, false);
        if (fd < 0) {
            throw new CuframesException(CuframesError.NOT_FOUND, "publisher '" + key + "' has no packet ring (" + name + ")");
        }
        MappedRegion region = null;
        try {
            long fileSize = Libc.fileSize(fd);
            if (fileSize < HEADER_SIZE) {
                throw new CuframesException(CuframesError.PROTOCOL, name + " is " + fileSize + " bytes, header needs " + HEADER_SIZE);
            }
            region = MappedRegion.mapShared(fd, fileSize, Libc.PROT_READ);
            MemorySegment s = region.segment();
            int magic = s.get(JAVA_INT, OFF_MAGIC);
            int proto = s.get(JAVA_INT, OFF_PROTO);
            int slots = s.get(JAVA_INT, OFF_RING_SLOTS);
            long data = Integer.toUnsignedLong(s.get(JAVA_INT, OFF_DATA_SIZE));
            if (magic != MAGIC) {
                throw new CuframesException(CuframesError.PROTOCOL, String.format("%s magic at 0x00: expected 0x%08X, found 0x%08X", name, MAGIC, magic));
            }
            if (proto != PROTO_VERSION) {
                throw new CuframesException(CuframesError.PROTOCOL, name + " proto_version at 0x04: expected 2, found " + proto);
            }
            if (slots < 1 || slots > PacketRingOptions.MAX_SLOTS || data < 1 || totalSize(slots, (int) data) > fileSize) {
                throw new CuframesException(CuframesError.PROTOCOL, name + ": ring_slots " + slots + " / data_size " + data
                        + " do not fit a " + fileSize + "-byte segment");
            }
            return new PacketRingReader(fd, region, slots, data, s.get(JAVA_INT, OFF_CODEC_ID));
        } catch (RuntimeException e) {
            if (region != null) {
                region.close();
            }
            Libc.close(fd);
            throw e;
        }
    }

    public int codecId() {
        return codecId;
    }

    /** A copy of the codec extradata; NO_CODEC_PARAMS when the publisher has set none. */
    public byte[] codecExtradata() {
        for (int attempt = 0; attempt < 100; attempt++) {
            int n = (int) INT.getAcquire(seg, OFF_EXTRADATA_SIZE);
            if (n < 0 || n > EXTRADATA_MAX) {
                throw new CuframesException(CuframesError.PROTOCOL, "codec_extradata_size at 0x14 is " + n + ", max 4096");
            }
            if (n == 0) {
                throw new CuframesException(CuframesError.NO_CODEC_PARAMS, "codec extradata not set by publisher");
            }
            byte[] out = seg.asSlice(OFF_EXTRADATA, n).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
            VarHandle.acquireFence();
            if ((int) INT.getAcquire(seg, OFF_EXTRADATA_SIZE) == n) {
                return out;
            }
        }
        throw new CuframesException(CuframesError.TIMEOUT, "extradata kept changing while read");
    }

    public long overruns() {
        return overruns;
    }

    public long received() {
        return received;
    }

    /**
     * The next packet, waiting up to {@code timeoutMs} (0 = don't wait, &lt; 0 = forever). Returns
     * null on timeout; throws DISCONNECTED after publisher shutdown and PACKET_OVERRUN once per
     * resync (the next call continues at the last keyframe).
     */
    public Packet next(int timeoutMs) {
        long deadline = timeoutMs > 0 ? System.nanoTime() + timeoutMs * 1_000_000L : 0;
        while (true) {
            if ((long) LONG.getAcquire(seg, OFF_SHUTDOWN_FLAG) != 0) {
                throw new CuframesException(CuframesError.DISCONNECTED, "packet ring publisher shut down");
            }
            long cur = (long) LONG.getAcquire(seg, OFF_GLOBAL_SEQ);
            if (cur != -1L && (lastSeq == -1L || Long.compareUnsigned(cur, lastSeq) > 0)) {
                long want = lastSeq == -1L ? 0 : lastSeq + 1;
                if (read(want, cur)) {
                    lastSeq = want;
                    received++;
                    return packet;
                }
                overruns++;
                long kf = (long) LONG.getAcquire(seg, OFF_LAST_KEYFRAME_SEQ);
                lastSeq = kf == -1L ? cur : kf - 1;
                throw new CuframesException(CuframesError.PACKET_OVERRUN,
                        "packet " + want + " left the ring (newest " + cur + "); resync at keyframe " + kf);
            }
            if (timeoutMs == 0 || (timeoutMs > 0 && System.nanoTime() - deadline >= 0)) {
                return null;
            }
            LockSupport.parkNanos(POLL_SLEEP_NS);
        }
    }

    private boolean read(long want, long cur) {
        if (cur - want >= ringSlots) {
            return false;
        }
        long slot = slotOffset((int) Long.remainderUnsigned(want, ringSlots));
        if ((long) LONG.getAcquire(seg, slot + SLOT_SEQ) != want) {
            return false;
        }
        long pts = seg.get(JAVA_LONG, slot + SLOT_PTS);
        long dts = seg.get(JAVA_LONG, slot + SLOT_DTS);
        long off = seg.get(JAVA_LONG, slot + SLOT_DATA_OFFSET);
        long size = Integer.toUnsignedLong(seg.get(JAVA_INT, slot + SLOT_DATA_SIZE));
        int flags = seg.get(JAVA_INT, slot + SLOT_FLAGS);
        if (size == 0 || size > dataSize) {
            // Only a torn metadata read can produce this; the seq re-check decides.
            VarHandle.acquireFence();
            if ((long) LONG.getAcquire(seg, slot + SLOT_SEQ) != want) {
                return false;
            }
            throw new CuframesException(CuframesError.PROTOCOL, "packet " + want + " data_size " + size
                    + " outside 1.." + dataSize);
        }
        long pos = Long.remainderUnsigned(off, dataSize);
        long first = Math.min(size, dataSize - pos);
        MemorySegment.copy(seg, dataBase + pos, buffer, 0, first);
        if (first < size) {
            MemorySegment.copy(seg, dataBase, buffer, first, size - first);
        }
        VarHandle.acquireFence();
        if ((long) LONG.getAcquire(seg, slot + SLOT_SEQ) != want) {
            return false;
        }
        long writeOffset = (long) LONG.getAcquire(seg, OFF_WRITE_OFFSET);
        if (writeOffset - off > dataSize) {
            return false; // the bytes were reused by newer packets while we copied
        }
        packet.seq = want;
        packet.ptsNs = pts;
        packet.dtsNs = dts;
        packet.flags = flags;
        packet.data = buffer.asSlice(0, size);
        return true;
    }

    @Override
    public void close() {
        region.close();
        Libc.close(fd);
        arena.close();
    }
}
