package io.gevgate.acquisition.roce.codec;

/**
 * The 32-bit immediate of the per-frame RDMA WRITE with immediate: page index in bits 11-0 (up to
 * 4096 pages), frame sequence (frame number modulo 2^20) in bits 31-12 — the split NVIDIA Holoscan
 * Sensor Bridge uses (there the upper bits carry the PSN). Shared by the soft and verbs engines:
 * verbs hands it over as {@code ntohl(wc.imm_data)}, the soft engine reads it from the ImmDt.
 */
public final class RdmaImmediate {
    public static final int MAX_PAGES = 1 << 12;
    public static final int SEQUENCE_MODULUS = 1 << 20;

    private RdmaImmediate() {
    }

    public static int encode(int page, long frameNumber) {
        if (page < 0 || page >= MAX_PAGES) {
            throw new IllegalArgumentException("page must be 0.." + (MAX_PAGES - 1) + ", got " + page);
        }
        return (int) ((frameNumber & (SEQUENCE_MODULUS - 1)) << 12) | page;
    }

    public static int page(int immediate) {
        return immediate & (MAX_PAGES - 1);
    }

    public static int sequence(int immediate) {
        return immediate >>> 12;
    }

    /** Whether {@code frameNumber}'s low 20 bits equal the immediate's sequence. */
    public static boolean matches(int immediate, long frameNumber) {
        return sequence(immediate) == (int) (frameNumber & (SEQUENCE_MODULUS - 1));
    }
}
