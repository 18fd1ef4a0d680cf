package io.gevgate.gendc.layout;

/** Byte offsets of a GenDC component header (type 0x2000), gige-anchors.md §3.2. All little-endian. */
public final class ComponentHeader {
    public static final int HEADER_TYPE = 0;        // u16
    public static final int FLAGS = 2;              // u16
    public static final int HEADER_SIZE = 4;        // u32
    public static final int GROUP_ID = 10;          // u16
    public static final int SOURCE_ID = 12;         // u16
    public static final int REGION_ID = 14;         // u16
    public static final int REGION_OFFSET_X = 16;   // u32
    public static final int REGION_OFFSET_Y = 20;   // u32
    public static final int TIMESTAMP = 24;         // u64 (ns, positive range)
    public static final int TYPE_ID = 32;           // u64
    public static final int FORMAT = 40;            // u32 PFNC
    public static final int PART_COUNT = 46;        // u16
    /** First of PartCount u64 offsets (from descriptor start). */
    public static final int PART_OFFSETS = 48;

    /** Size without the PartOffset table. */
    public static final int FIXED_SIZE = 48;

    /** Flags bit 0: the component's data is invalid. */
    public static final int FLAG_INVALID = 1;
    public static final int FLAGS_DEFINED = FLAG_INVALID;

    /** GroupId meaning "relates to all groups". */
    public static final int GROUP_ALL = 0xFFFF;

    private ComponentHeader() {
    }

    /** HeaderSize of a component header with {@code partCount} parts. */
    public static long size(long partCount) {
        return FIXED_SIZE + 8 * partCount;
    }
}
