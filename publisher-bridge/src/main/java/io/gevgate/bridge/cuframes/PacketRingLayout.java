package io.gevgate.bridge.cuframes;

/** Byte layout of the encoded packet ring (protocol §8), static-asserted in cuframes. */
public final class PacketRingLayout {
    public static final int MAGIC = 0xCC7C1DCD;
    public static final int PROTO_VERSION = 2;
    public static final long HEADER_SIZE = 0x1040;
    public static final long SLOT_SIZE = 64;
    public static final int EXTRADATA_MAX = 4096;

    public static final long OFF_MAGIC = 0x00;
    public static final long OFF_PROTO = 0x04;
    public static final long OFF_RING_SLOTS = 0x08;
    public static final long OFF_DATA_SIZE = 0x0C;
    public static final long OFF_CODEC_ID = 0x10;
    public static final long OFF_EXTRADATA_SIZE = 0x14;
    public static final long OFF_PRODUCER_PID = 0x18;
    public static final long OFF_GLOBAL_SEQ = 0x20;
    public static final long OFF_LAST_KEYFRAME_SEQ = 0x28;
    public static final long OFF_WRITE_OFFSET = 0x30;
    public static final long OFF_SHUTDOWN_FLAG = 0x38;
    public static final long OFF_EXTRADATA = 0x40;
    public static final long OFF_SLOTS = 0x1040;

    public static final long SLOT_SEQ = 0x00;
    public static final long SLOT_PTS = 0x08;
    public static final long SLOT_DTS = 0x10;
    public static final long SLOT_DATA_OFFSET = 0x18;
    public static final long SLOT_DATA_SIZE = 0x20;
    public static final long SLOT_FLAGS = 0x24;

    public static final int FLAG_KEY = 0x01;
    public static final int FLAG_CORRUPT = 0x02;
    public static final int FLAG_DISCONTINUITY = 0x04;
    public static final int FLAG_LAST_IN_AU = 0x08;
    public static final int FLAGS_KNOWN = 0x0F;

    private PacketRingLayout() {
    }

    public static long totalSize(int ringSlots, int dataSize) {
        return HEADER_SIZE + SLOT_SIZE * ringSlots + Integer.toUnsignedLong(dataSize);
    }

    public static long slotOffset(int index) {
        return OFF_SLOTS + SLOT_SIZE * index;
    }

    public static long dataOffset(int ringSlots) {
        return OFF_SLOTS + SLOT_SIZE * ringSlots;
    }
}
