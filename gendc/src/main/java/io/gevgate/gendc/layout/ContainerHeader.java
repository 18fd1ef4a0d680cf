package io.gevgate.gendc.layout;

/** Byte offsets of the GenDC container header (type 0x1000), gige-anchors.md §3.1. All little-endian. */
public final class ContainerHeader {
    /** "GNDC" as bytes; 0x43444E47 read as a little-endian u32. */
    public static final int SIGNATURE_VALUE = 0x43444E47;

    public static final int SIGNATURE = 0;          // u32
    public static final int VERSION_MAJOR = 4;      // u8
    public static final int VERSION_MINOR = 5;      // u8
    public static final int VERSION_SUB_MINOR = 6;  // u8
    public static final int HEADER_TYPE = 8;        // u16
    public static final int FLAGS = 10;             // u16
    public static final int HEADER_SIZE = 12;       // u32
    public static final int ID = 16;                // u64
    public static final int VARIABLE_FIELDS = 24;   // u16
    public static final int DATA_SIZE = 32;         // u64
    public static final int DATA_OFFSET = 40;       // u64
    public static final int DESCRIPTOR_SIZE = 48;   // u32
    public static final int COMPONENT_COUNT = 52;   // u32
    /** First of ComponentCount u64 offsets (from descriptor start). */
    public static final int COMPONENT_OFFSETS = 56;

    /** Size without the ComponentOffset table. */
    public static final int FIXED_SIZE = 56;

    /** Flags bit 0: component timestamps are PTP (TAI ns since 1970). */
    public static final int FLAG_TIMESTAMP_PTP = 1;
    /** Flags bit 1: at least one component may be invalid; check each component's Invalid flag. */
    public static final int FLAG_COMPONENT_INVALID = 1 << 1;
    /** Flag bits GenDC 1.1 defines; any other bit set is rejected. */
    public static final int FLAGS_DEFINED = FLAG_TIMESTAMP_PTP | FLAG_COMPONENT_INVALID;

    /** VariableFields bits (non-zero means the descriptor is preliminary). */
    public static final int VARIABLE_DATA_SIZE = 1;
    public static final int VARIABLE_SIZE_X = 1 << 1;
    public static final int VARIABLE_SIZE_Y = 1 << 2;
    public static final int VARIABLE_REGION_OFFSET = 1 << 3;
    public static final int VARIABLE_FORMAT = 1 << 4;
    public static final int VARIABLE_TIMESTAMP = 1 << 5;
    public static final int VARIABLE_COMPONENT_COUNT = 1 << 6;
    public static final int VARIABLE_COMPONENT_INVALID = 1 << 7;
    /** Bits 0-7 are defined; bits 8-15 are reserved and rejected. */
    public static final int VARIABLE_FIELDS_DEFINED = 0xFF;

    private ContainerHeader() {
    }

    /** HeaderSize of a container header with {@code componentCount} components. */
    public static long size(long componentCount) {
        return FIXED_SIZE + 8 * componentCount;
    }
}
