package io.gevgate.gendc;

/**
 * GenDC 1.1 header type codes (the first 16-bit field of each header) and the classification of
 * part types into the layout of their type-specific fields.
 */
public final class HeaderTypes {
    /** Container header. */
    public static final int CONTAINER = 0x1000;
    /** Component header. */
    public static final int COMPONENT = 0x2000;
    /** Flow mapping table (delivered separately from the descriptor). */
    public static final int FLOW_TABLE = 0x7000;

    /** GenICam chunk metadata part. */
    public static final int PART_METADATA_CHUNK = 0x4000;
    /** GenICam XML metadata part. */
    public static final int PART_METADATA_GENICAM_XML = 0x4001;
    /** 1D array part (for example a point cloud). */
    public static final int PART_1D = 0x4100;
    /** Uncompressed 2D image part. */
    public static final int PART_2D = 0x4200;
    /** JPEG-compressed 2D image part. */
    public static final int PART_2D_JPEG = 0x4201;
    /** JPEG 2000-compressed 2D image part. */
    public static final int PART_2D_JPEG2000 = 0x4202;
    /** H.264-compressed 2D image part. */
    public static final int PART_2D_H264 = 0x4203;

    private HeaderTypes() {
    }

    /**
     * How a part type lays out its type-specific fields; {@link #UNKNOWN} is not a GenDC 1.1 part type.
     * Custom types (0x40Fx, 0x41Fx, 0x42Fx, 0x4Fxx) are recognised but opaque beyond the common
     * 40 bytes, except that custom metadata/1D/2D types share their category's first fields.
     */
    public enum PartCategory {
        /** Metadata: Size(8), Padding(2), reserved(2), InfoReserved(4), InfoTypeSpecific(8). */
        METADATA(64),
        /** 1D array: same fields as metadata. */
        ARRAY_1D(64),
        /** 2D image: SizeX(4), SizeY(4), PaddingX(2), PaddingY(2), InfoReserved(4). */
        IMAGE_2D(56),
        /** H.264: the 2D fields, then 16 bytes of H.264 parameters. */
        IMAGE_2D_H264(72),
        /** 0x4Fxx: vendor category, only the common 40 bytes are defined. */
        CUSTOM_CATEGORY(40),
        /** Not a part type. */
        UNKNOWN(0);

        private final int minimumHeaderSize;

        PartCategory(int minimumHeaderSize) {
            this.minimumHeaderSize = minimumHeaderSize;
        }

        /** Smallest HeaderSize a part of this category may declare. */
        public int minimumHeaderSize() {
            return minimumHeaderSize;
        }
    }

    /** Category of a part header type; {@link PartCategory#UNKNOWN} for anything GenDC 1.1 does not define. */
    public static PartCategory partCategory(int headerType) {
        return switch (headerType) {
            case PART_METADATA_CHUNK, PART_METADATA_GENICAM_XML -> PartCategory.METADATA;
            case PART_1D -> PartCategory.ARRAY_1D;
            case PART_2D, PART_2D_JPEG, PART_2D_JPEG2000 -> PartCategory.IMAGE_2D;
            case PART_2D_H264 -> PartCategory.IMAGE_2D_H264;
            default -> {
                if ((headerType & 0xFFF0) == 0x40F0) {
                    yield PartCategory.METADATA;
                } else if ((headerType & 0xFFF0) == 0x41F0) {
                    yield PartCategory.ARRAY_1D;
                } else if ((headerType & 0xFFF0) == 0x42F0) {
                    yield PartCategory.IMAGE_2D;
                } else if ((headerType & 0xFF00) == 0x4F00) {
                    yield PartCategory.CUSTOM_CATEGORY;
                } else {
                    yield PartCategory.UNKNOWN;
                }
            }
        };
    }

    /** Readable name of a header type, e.g. {@code "2D image"}; hex for unknown ones. */
    public static String name(int headerType) {
        return switch (headerType) {
            case CONTAINER -> "container";
            case COMPONENT -> "component";
            case FLOW_TABLE -> "flow mapping table";
            case PART_METADATA_CHUNK -> "GenICam chunk metadata";
            case PART_METADATA_GENICAM_XML -> "GenICam XML metadata";
            case PART_1D -> "1D array";
            case PART_2D -> "2D image";
            case PART_2D_JPEG -> "JPEG image";
            case PART_2D_JPEG2000 -> "JPEG 2000 image";
            case PART_2D_H264 -> "H.264 image";
            default -> switch (partCategory(headerType)) {
                case METADATA -> "custom metadata";
                case ARRAY_1D -> "custom 1D array";
                case IMAGE_2D -> "custom 2D image";
                case CUSTOM_CATEGORY -> "custom category";
                default -> "unknown";
            } + String.format(" 0x%04X", headerType);
        };
    }
}
