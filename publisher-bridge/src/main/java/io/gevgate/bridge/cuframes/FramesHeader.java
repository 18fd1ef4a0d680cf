package io.gevgate.bridge.cuframes;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Flyweight over the 8448-byte frames shm header (protocol §3). Offsets are constants; atomic
 * fields go through a {@link VarHandle} with the memory order the protocol names. The segment
 * must be 8-byte aligned (an mmap is page aligned).
 */
public final class FramesHeader {
    public static final int MAGIC = 0xCC7C1DCE;
    public static final int MAGIC_LEGACY = 0xCC7C1DCC;
    public static final int PROTO_VERSION = 4;
    public static final int LIB_MAJOR = 0;
    public static final int LIB_MINOR = 4;
    public static final int LIB_PATCH = 0;
    public static final int MAX_RING = 16;
    public static final int MAX_SUBSCRIBERS = 32;
    public static final long NONE = -1L; // UINT64_MAX

    public static final long SIZE = 0x2100;
    public static final long OFF_MAGIC = 0x000;
    public static final long OFF_PROTO = 0x004;
    public static final long OFF_LIB_MAJOR = 0x008;
    public static final long OFF_LIB_MINOR = 0x00C;
    public static final long OFF_LIB_PATCH = 0x010;
    public static final long OFF_RING_SIZE = 0x014;
    public static final long OFF_PRODUCER_PID = 0x018;
    public static final long OFF_POLICY = 0x020;
    public static final long OFF_OWNERSHIP = 0x024;
    public static final long OFF_ACK_TIMEOUT_MS = 0x028;
    public static final long OFF_MEMORY_BACKEND = 0x02C;
    public static final long OFF_SLOT_SIZE = 0x030;
    public static final long OFF_SHUTDOWN_FLAG = 0x038;
    public static final long OFF_META = 0x040;
    public static final long META_SIZE = 64;
    public static final long OFF_IPC_EVENT_HANDLE = 0x080;
    public static final long OFF_GLOBAL_SEQ = 0x0C0;
    public static final long OFF_SUBSCRIBER_BITMAP = 0x0C8;
    public static final long OFF_CUDA_DEVICE = 0x0D0;
    public static final long OFF_SLOTS = 0x100;
    public static final long SLOT_SIZE = 192;
    public static final long OFF_SUBSCRIBERS = 0xD00;
    public static final long SUBSCRIBER_SIZE = 128;
    public static final long OFF_SLOT_EVENT_HANDLES = 0x1D00;

    // meta (relative to OFF_META)
    public static final long META_FORMAT = 0;
    public static final long META_WIDTH = 4;
    public static final long META_HEIGHT = 8;
    public static final long META_PITCH_Y = 12;
    public static final long META_PITCH_UV = 16;
    public static final long META_FRAME_SIZE = 24;

    // slot entry (relative)
    public static final long SLOT_MEM_HANDLE = 0x00;
    public static final long SLOT_SEQ = 0x40;
    public static final long SLOT_PTS = 0x48;
    public static final long SLOT_ACK_BITMAP = 0x50;
    /** Subscriber bitmap at publish time: STRICT_WAIT waits only for these (gevgate decision). */
    public static final long SLOT_EXPECTED_BITMAP = 0x58;

    // subscriber entry (relative)
    public static final long SUB_STATE = 0x00;
    public static final long SUB_NAME = 0x08;
    public static final int SUB_NAME_SIZE = 32;
    public static final long SUB_MODE = 0x28;
    public static final long SUB_CUDA_DEVICE = 0x2C;
    public static final long SUB_CONNECTED_NS = 0x30;

    public static final long STATE_FREE = 0;
    public static final long STATE_HANDSHAKE = 1;
    public static final long STATE_ACTIVE = 2;

    private static final VarHandle LONG = JAVA_LONG.varHandle();

    private final MemorySegment seg;

    public FramesHeader(MemorySegment seg) {
        if (seg.byteSize() < SIZE) {
            throw new CuframesException(CuframesError.PROTOCOL,
                    "frames header needs " + SIZE + " bytes, mapping has " + seg.byteSize());
        }
        if ((seg.address() & 7) != 0) {
            throw new IllegalArgumentException("frames header must be 8-byte aligned");
        }
        this.seg = seg;
    }

    public MemorySegment segment() {
        return seg;
    }

    /** Writes a fresh header (the segment must be zero, as after ftruncate). */
    public void initialise(int ringSize, long pid, int policy, int ackTimeoutMs, int backend, long slotSize,
                           int cudaDevice, FrameGeometry g) {
        seg.set(JAVA_INT, OFF_PROTO, PROTO_VERSION);
        seg.set(JAVA_INT, OFF_LIB_MAJOR, LIB_MAJOR);
        seg.set(JAVA_INT, OFF_LIB_MINOR, LIB_MINOR);
        seg.set(JAVA_INT, OFF_LIB_PATCH, LIB_PATCH);
        seg.set(JAVA_INT, OFF_RING_SIZE, ringSize);
        seg.set(JAVA_LONG, OFF_PRODUCER_PID, pid);
        seg.set(JAVA_INT, OFF_POLICY, policy);
        seg.set(JAVA_INT, OFF_OWNERSHIP, 0);
        seg.set(JAVA_INT, OFF_ACK_TIMEOUT_MS, ackTimeoutMs);
        seg.set(JAVA_INT, OFF_MEMORY_BACKEND, backend);
        seg.set(JAVA_LONG, OFF_SLOT_SIZE, slotSize);
        seg.set(JAVA_INT, OFF_CUDA_DEVICE, cudaDevice);
        seg.set(JAVA_INT, OFF_META + META_FORMAT, g.format().code());
        seg.set(JAVA_INT, OFF_META + META_WIDTH, g.width());
        seg.set(JAVA_INT, OFF_META + META_HEIGHT, g.height());
        seg.set(JAVA_INT, OFF_META + META_PITCH_Y, g.pitchY());
        seg.set(JAVA_INT, OFF_META + META_PITCH_UV, g.pitchUv());
        seg.set(JAVA_LONG, OFF_META + META_FRAME_SIZE, g.frameSize());
        LONG.setRelease(seg, OFF_SHUTDOWN_FLAG, 0L);
        LONG.setRelease(seg, OFF_SUBSCRIBER_BITMAP, 0L);
        LONG.setRelease(seg, OFF_GLOBAL_SEQ, NONE);
        for (int i = 0; i < ringSize; i++) {
            LONG.setRelease(seg, slotOffset(i) + SLOT_SEQ, NONE);
        }
        // magic last: a reader that sees it sees a complete header.
        VarHandle.releaseFence();
        seg.set(JAVA_INT, OFF_MAGIC, MAGIC);
    }

    /** Throws PROTOCOL unless this is a v4 header with sane ring size and geometry. */
    public void validateForSubscriber() {
        int magic = magic();
        if (magic != MAGIC) {
            throw new CuframesException(CuframesError.PROTOCOL, String.format(
                    "frames header magic: expected 0x%08X, found 0x%08X%s", MAGIC, magic,
                    magic == MAGIC_LEGACY ? " (publisher uses legacy v0.1-v0.3 shm)" : ""));
        }
        if (protoVersion() != PROTO_VERSION) {
            throw new CuframesException(CuframesError.PROTOCOL,
                    "frames header proto_version at 0x004: expected 4, found " + protoVersion());
        }
        int ring = ringSize();
        if (ring < 2 || ring > MAX_RING) {
            throw new CuframesException(CuframesError.PROTOCOL,
                    "frames header ring_size at 0x014: expected 2..16, found " + ring);
        }
        geometry(); // validates format/size
    }

    public static long slotOffset(int index) {
        return OFF_SLOTS + SLOT_SIZE * index;
    }

    public static long subscriberOffset(int bit) {
        return OFF_SUBSCRIBERS + SUBSCRIBER_SIZE * bit;
    }

    public int magic() {
        return seg.get(JAVA_INT, OFF_MAGIC);
    }

    public int protoVersion() {
        return seg.get(JAVA_INT, OFF_PROTO);
    }

    public int ringSize() {
        return seg.get(JAVA_INT, OFF_RING_SIZE);
    }

    public long producerPid() {
        return seg.get(JAVA_LONG, OFF_PRODUCER_PID);
    }

    public int policy() {
        return seg.get(JAVA_INT, OFF_POLICY);
    }

    public int ackTimeoutMs() {
        return seg.get(JAVA_INT, OFF_ACK_TIMEOUT_MS);
    }

    public int memoryBackend() {
        return seg.get(JAVA_INT, OFF_MEMORY_BACKEND);
    }

    public long slotSize() {
        return seg.get(JAVA_LONG, OFF_SLOT_SIZE);
    }

    public int cudaDevice() {
        return seg.get(JAVA_INT, OFF_CUDA_DEVICE);
    }

    /** The 64-byte meta blob (for HELLO_RESP). */
    public MemorySegment meta() {
        return seg.asSlice(OFF_META, META_SIZE);
    }

    /** Geometry from meta, checked against the pitch rule's invariants. */
    public FrameGeometry geometry() {
        return geometryOf(meta());
    }

    /** Decodes and checks a 64-byte meta blob (header or HELLO_RESP). */
    public static FrameGeometry geometryOf(MemorySegment meta) {
        PixelFormat f = PixelFormat.ofCode(meta.get(JAVA_INT, META_FORMAT));
        int w = meta.get(JAVA_INT, META_WIDTH);
        int h = meta.get(JAVA_INT, META_HEIGHT);
        int py = meta.get(JAVA_INT, META_PITCH_Y);
        int puv = meta.get(JAVA_INT, META_PITCH_UV);
        long size = meta.get(JAVA_LONG, META_FRAME_SIZE);
        if (w < 1 || h < 1 || w > FrameGeometry.MAX_DIMENSION || h > FrameGeometry.MAX_DIMENSION
                || py < w * f.plane0BytesPerPixel() || puv < 0 || size < (long) py * h || size > (1L << 31)) {
            throw new CuframesException(CuframesError.FORMAT, "frame meta inconsistent: format " + f + " " + w + "x" + h
                    + " pitch_y " + py + " pitch_uv " + puv + " frame_size " + size);
        }
        return new FrameGeometry(f, w, h, py, puv, size);
    }

    // ---- atomics ----

    public long globalSeqAcquire() {
        return (long) LONG.getAcquire(seg, OFF_GLOBAL_SEQ);
    }

    public void globalSeqRelease(long v) {
        LONG.setRelease(seg, OFF_GLOBAL_SEQ, v);
    }

    public long shutdownFlag() {
        return (long) LONG.getAcquire(seg, OFF_SHUTDOWN_FLAG);
    }

    public void setShutdownFlag() {
        LONG.setRelease(seg, OFF_SHUTDOWN_FLAG, 1L);
    }

    public long subscriberBitmap() {
        return (long) LONG.getAcquire(seg, OFF_SUBSCRIBER_BITMAP);
    }

    public long bitmapSet(long bits) {
        return (long) LONG.getAndBitwiseOr(seg, OFF_SUBSCRIBER_BITMAP, bits);
    }

    public long bitmapClear(long bits) {
        return (long) LONG.getAndBitwiseAnd(seg, OFF_SUBSCRIBER_BITMAP, ~bits);
    }

    public long slotSeqAcquire(int slot) {
        return (long) LONG.getAcquire(seg, slotOffset(slot) + SLOT_SEQ);
    }

    public void slotSeqRelease(int slot, long seq) {
        LONG.setRelease(seg, slotOffset(slot) + SLOT_SEQ, seq);
    }

    public long slotPtsAcquire(int slot) {
        return (long) LONG.getAcquire(seg, slotOffset(slot) + SLOT_PTS);
    }

    public void slotPtsRelease(int slot, long pts) {
        LONG.setRelease(seg, slotOffset(slot) + SLOT_PTS, pts);
    }

    public long slotAckAcquire(int slot) {
        return (long) LONG.getAcquire(seg, slotOffset(slot) + SLOT_ACK_BITMAP);
    }

    public void slotAckRelease(int slot, long v) {
        LONG.setRelease(seg, slotOffset(slot) + SLOT_ACK_BITMAP, v);
    }

    public long slotExpectedAcquire(int slot) {
        return (long) LONG.getAcquire(seg, slotOffset(slot) + SLOT_EXPECTED_BITMAP);
    }

    public void slotExpectedRelease(int slot, long v) {
        LONG.setRelease(seg, slotOffset(slot) + SLOT_EXPECTED_BITMAP, v);
    }

    /** Removes bits from every slot's expected bitmap (a bit changing owner must not inherit old duties). */
    public void clearExpected(long bits) {
        for (int i = 0; i < MAX_RING; i++) {
            LONG.getAndBitwiseAnd(seg, slotOffset(i) + SLOT_EXPECTED_BITMAP, ~bits);
        }
    }

    public void slotAckOr(int slot, long bits) {
        LONG.getAndBitwiseOr(seg, slotOffset(slot) + SLOT_ACK_BITMAP, bits);
    }

    public long subscriberState(int bit) {
        return (long) LONG.getAcquire(seg, subscriberOffset(bit) + SUB_STATE);
    }

    public void subscriberStateRelease(int bit, long state) {
        LONG.setRelease(seg, subscriberOffset(bit) + SUB_STATE, state);
    }

    /** Fills a subscriber entry's descriptive fields (before its state is published). */
    public void writeSubscriber(int bit, String name, int mode, int cudaDevice, long connectedNs) {
        long base = subscriberOffset(bit);
        seg.asSlice(base + SUB_NAME, SUB_NAME_SIZE).fill((byte) 0);
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        MemorySegment.copy(n, 0, seg, JAVA_BYTE, base + SUB_NAME, Math.min(n.length, SUB_NAME_SIZE - 1));
        seg.set(JAVA_INT, base + SUB_MODE, mode);
        seg.set(JAVA_INT, base + SUB_CUDA_DEVICE, cudaDevice);
        seg.set(JAVA_LONG, base + SUB_CONNECTED_NS, connectedNs);
    }

    public String subscriberName(int bit) {
        long base = subscriberOffset(bit);
        byte[] b = seg.asSlice(base + SUB_NAME, SUB_NAME_SIZE).toArray(JAVA_BYTE);
        int len = 0;
        while (len < b.length && b[len] != 0) {
            len++;
        }
        return new String(b, 0, len, StandardCharsets.UTF_8);
    }
}
