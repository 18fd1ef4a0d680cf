package io.gevgate.bridge.cuframes;

/** Packet ring sizing (protocol §8); zero fields fall back to cuframes' defaults. */
public record PacketRingOptions(int ringSlots, int dataSize, int maxPacketSize, int codecId) {
    public static final int DEFAULT_SLOTS = 64;
    public static final int DEFAULT_DATA_SIZE = 8 * 1024 * 1024;
    public static final int DEFAULT_MAX_PACKET = 2 * 1024 * 1024;
    public static final int MAX_SLOTS = 1024;
    public static final int CODEC_H264 = 27;
    public static final int CODEC_HEVC = 173;

    public PacketRingOptions {
        ringSlots = ringSlots == 0 ? DEFAULT_SLOTS : ringSlots;
        dataSize = dataSize == 0 ? DEFAULT_DATA_SIZE : dataSize;
        maxPacketSize = maxPacketSize == 0 ? DEFAULT_MAX_PACKET : maxPacketSize;
        if (ringSlots < 1 || ringSlots > MAX_SLOTS) {
            throw new CuframesException(CuframesError.INVALID_ARG, "ring slots must be 1..1024, got " + ringSlots);
        }
        if (dataSize < 1) {
            throw new CuframesException(CuframesError.INVALID_ARG, "data size must be > 0, got " + dataSize);
        }
        if (maxPacketSize < 1 || maxPacketSize > dataSize) {
            throw new CuframesException(CuframesError.INVALID_ARG,
                    "max packet size must be 1..data size (" + dataSize + "), got " + maxPacketSize);
        }
    }

    public static PacketRingOptions defaults(int codecId) {
        return new PacketRingOptions(0, 0, 0, codecId);
    }
}
