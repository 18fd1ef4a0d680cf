package io.gevgate.gendc.layout;

/** Byte offsets of the GenDC flow mapping table (type 0x7000), gige-anchors.md §3.4. All little-endian. */
public final class FlowTable {
    public static final int HEADER_TYPE = 0;    // u16
    public static final int FLAGS = 2;          // u16
    public static final int HEADER_SIZE = 4;    // u32
    public static final int VERSION_MAJOR = 8;  // u8 (= 1)
    public static final int VERSION_MINOR = 9;  // u8 (= 0)
    public static final int FLOW_COUNT = 12;    // u32
    /** First of FlowCount u64 flow sizes. */
    public static final int FLOW_SIZES = 16;
    public static final int FIXED_SIZE = 16;

    private FlowTable() {
    }

    /** HeaderSize of a flow table with {@code flowCount} flows. */
    public static long size(long flowCount) {
        return FIXED_SIZE + 8 * flowCount;
    }
}
