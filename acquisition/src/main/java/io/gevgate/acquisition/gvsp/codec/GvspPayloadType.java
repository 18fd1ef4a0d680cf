package io.gevgate.acquisition.gvsp.codec;

/** Leader/trailer payload types. Bit 0x4000 flags appended chunk data (GEV 2.0 chunk mode). */
public final class GvspPayloadType {
    public static final int IMAGE = 0x0001;
    public static final int RAW = 0x0002;
    public static final int FILE = 0x0003;
    public static final int CHUNK_DATA = 0x0004;
    public static final int EXTENDED_CHUNK = 0x0005;
    public static final int JPEG = 0x0006;
    public static final int JPEG2000 = 0x0007;
    public static final int H264 = 0x0008;
    public static final int MULTI_ZONE = 0x0009;
    public static final int MULTIPART = 0x000A;
    public static final int GENDC = 0x000B;
    public static final int CHUNK_FLAG = 0x4000;
    public static final int DEVICE_SPECIFIC = 0x8000;

    private GvspPayloadType() {
    }

    /** The type without the chunk flag; device-specific types are returned unchanged. */
    public static int base(int raw) {
        return (raw & DEVICE_SPECIFIC) != 0 ? raw : raw & ~CHUNK_FLAG;
    }

    /** Whether chunk data follows the payload (and 8 chunk bytes follow the trailer). */
    public static boolean hasChunks(int raw) {
        return (raw & DEVICE_SPECIFIC) == 0 && (raw & CHUNK_FLAG) != 0;
    }

    public static String name(int raw) {
        String n = switch (base(raw)) {
            case IMAGE -> "Image";
            case RAW -> "Raw";
            case FILE -> "File";
            case CHUNK_DATA -> "ChunkData";
            case EXTENDED_CHUNK -> "ExtendedChunk";
            case JPEG -> "JPEG";
            case JPEG2000 -> "JPEG2000";
            case H264 -> "H.264";
            case MULTI_ZONE -> "MultiZone";
            case MULTIPART -> "Multipart";
            case GENDC -> "GenDC";
            default -> (raw & DEVICE_SPECIFIC) != 0 ? "DeviceSpecific" : "Unknown";
        };
        return hasChunks(raw) ? n + "+Chunk" : n;
    }
}
