package io.gevgate.bridge.cuframes;

/** cuframes error codes (docs/cuframes-protocol.md §6); the numbers are the C ABI's. */
public enum CuframesError {
    OK(0, "ok"),
    INVALID_ARG(-1, "invalid argument"),
    NOT_FOUND(-2, "not found"),
    ALREADY_EXISTS(-3, "already exists"),
    OUT_OF_MEMORY(-4, "out of memory"),
    CUDA(-5, "CUDA error"),
    IO(-6, "I/O error"),
    TIMEOUT(-7, "timeout"),
    PROTOCOL(-8, "protocol error"),
    DISCONNECTED(-9, "publisher disconnected"),
    FORMAT(-10, "unsupported format or size mismatch"),
    WOULD_BLOCK(-11, "would block"),
    TOO_MANY(-12, "too many subscribers (max 32)"),
    PACKET_OVERSIZED(-20, "packet exceeds max_packet_size"),
    NO_PACKET_RING(-21, "publisher has no packet ring"),
    NO_CODEC_PARAMS(-22, "codec extradata not set by publisher"),
    PACKET_OVERRUN(-23, "packet ring overrun - resync on keyframe"),
    INTERNAL(-100, "internal error");

    private final int code;
    private final String text;

    CuframesError(int code, String text) {
        this.code = code;
        this.text = text;
    }

    public int code() {
        return code;
    }

    public String text() {
        return text;
    }

    /** The error for a wire code; unknown codes map to {@link #INTERNAL}... never silently to OK. */
    public static CuframesError ofCode(int code) {
        for (CuframesError e : values()) {
            if (e.code == code) {
                return e;
            }
        }
        return INTERNAL;
    }
}
