package io.gevgate.acquisition.gvcp.codec;

/** GVCP acknowledge status codes (gige-anchors §1.5). Bit 15 set means error. */
public enum GvcpStatus {
    SUCCESS(0x0000),
    PACKET_RESEND(0x0100),
    NOT_IMPLEMENTED(0x8001),
    INVALID_PARAMETER(0x8002),
    INVALID_ADDRESS(0x8003),
    WRITE_PROTECT(0x8004),
    BAD_ALIGNMENT(0x8005),
    ACCESS_DENIED(0x8006),
    BUSY(0x8007),
    LOCAL_PROBLEM(0x8008),
    MSG_MISMATCH(0x8009),
    INVALID_PROTOCOL(0x800A),
    NO_MSG(0x800B),
    PACKET_UNAVAILABLE(0x800C),
    DATA_OVERRUN(0x800D),
    INVALID_HEADER(0x800E),
    WRONG_CONFIG(0x800F),
    PACKET_NOT_YET_AVAILABLE(0x8010),
    PACKET_AND_PREV_REMOVED_FROM_MEMORY(0x8011),
    PACKET_REMOVED_FROM_MEMORY(0x8012),
    NO_REF_TIME(0x8013),
    PACKET_TEMPORARILY_UNAVAILABLE(0x8014),
    OVERFLOW(0x8015),
    ACTION_LATE(0x8016),
    LEADER_TRAILER_OVERFLOW(0x8017),
    ERROR(0x8FFF);

    private final int code;

    GvcpStatus(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public boolean isError() {
        return (code & 0x8000) != 0;
    }

    /** The status with this code, or null when the code is not a known status. */
    public static GvcpStatus fromCode(int code) {
        for (GvcpStatus s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        return null;
    }

    /** A name for any code: the enum name, or UNKNOWN_STATUS_0xNNNN. */
    public static String nameOf(int code) {
        GvcpStatus s = fromCode(code);
        return s != null ? s.name() : String.format("UNKNOWN_STATUS_0x%04X", code);
    }
}
