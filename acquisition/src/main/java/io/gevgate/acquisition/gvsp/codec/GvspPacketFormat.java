package io.gevgate.acquisition.gvsp.codec;

/** Packet format codes (header byte 4, low 7 bits). */
public final class GvspPacketFormat {
    public static final int LEADER = 1;
    public static final int TRAILER = 2;
    public static final int PAYLOAD_GENERIC = 3;
    public static final int ALL_IN = 4;
    public static final int PAYLOAD_H264 = 5;
    public static final int PAYLOAD_MULTI_ZONE = 6;
    public static final int PAYLOAD_MULTIPART = 7;
    public static final int PAYLOAD_GENDC = 8;

    private GvspPacketFormat() {
    }

    public static boolean isKnown(int format) {
        return format >= LEADER && format <= PAYLOAD_GENDC;
    }
}
