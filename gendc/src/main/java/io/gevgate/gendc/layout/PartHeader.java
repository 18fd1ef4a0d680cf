package io.gevgate.gendc.layout;

/**
 * Byte offsets of a GenDC part header (types 0x4xxx), gige-anchors.md §3.3. Common 40 bytes, then
 * type-specific fields in 8-byte words. All little-endian.
 */
public final class PartHeader {
    public static final int HEADER_TYPE = 0;    // u16
    public static final int FLAGS = 2;          // u16
    public static final int HEADER_SIZE = 4;    // u32
    public static final int FORMAT = 8;         // u32 PFNC
    public static final int FLOW_ID = 14;       // u16
    public static final int FLOW_OFFSET = 16;   // u64
    public static final int DATA_SIZE = 24;     // u64
    public static final int DATA_OFFSET = 32;   // u64
    public static final int COMMON_SIZE = 40;

    // 2D (uncompressed, JPEG, JPEG 2000, H.264)
    public static final int SIZE_X = 40;        // u32
    public static final int SIZE_Y = 44;        // u32
    public static final int PADDING_X = 48;     // u16
    public static final int PADDING_Y = 50;     // u16
    public static final int INFO_RESERVED = 52; // u32 (2D, 1D and metadata)

    // 1D and metadata
    public static final int SIZE = 40;                  // u64 (elements; bytes for metadata)
    public static final int PADDING = 48;               // u16
    public static final int INFO_TYPE_SPECIFIC = 56;    // u64 (chunk parts: GenICam chunk LayoutId)

    // H.264 (after the 2D fields)
    public static final int H264_PROFILE_IDC = 57;          // u8
    public static final int H264_FLAGS = 58;                // u8: CS flags bits 0-3, packetization mode bits 4-5
    public static final int H264_LEVEL_IDC = 59;            // u8
    public static final int H264_SPROP_INTERLEAVING_DEPTH = 60; // u16
    public static final int H264_SPROP_MAX_DON_DIFF = 62;   // u16
    public static final int H264_SPROP_DEINT_BUF_REQ = 64;  // u32
    public static final int H264_SPROP_INIT_BUF_TIME = 68;  // u32

    public static final int SIZE_2D = 56;
    public static final int SIZE_1D = 64;
    public static final int SIZE_METADATA = 64;
    public static final int SIZE_H264 = 72;

    /** GenICam XML part flags: the XML is zipped. */
    public static final int FLAG_XML_ZIP = 1 << 8;
    /** GenICam XML part flags: the XML describes chunk data. */
    public static final int FLAG_XML_CHUNK = 1 << 9;
    /** H.264 flags byte: bits 4-5 hold the packetization mode; 0-3 the constraint-set flags. */
    public static final int H264_FLAGS_DEFINED = 0x3F;

    private PartHeader() {
    }
}
