package io.gevgate.acquisition.gvsp.codec;

/** GVSP packet status values (shared with GVCP ack status codes). */
public final class GvspStatus {
    public static final int SUCCESS = 0x0000;
    public static final int PACKET_RESEND = 0x0100;
    public static final int PACKET_UNAVAILABLE = 0x800C;
    public static final int PACKET_NOT_YET_AVAILABLE = 0x8010;
    public static final int PACKET_AND_PREV_REMOVED_FROM_MEMORY = 0x8011;
    public static final int PACKET_REMOVED_FROM_MEMORY = 0x8012;

    private GvspStatus() {
    }

    public static boolean isError(int status) {
        return (status & 0x8000) != 0;
    }

    /** Statuses after which asking for the same block again is pointless. */
    public static boolean endsResend(int status) {
        return status == PACKET_UNAVAILABLE || status == PACKET_AND_PREV_REMOVED_FROM_MEMORY
                || status == PACKET_REMOVED_FROM_MEMORY;
    }
}
