package io.gevgate.bridge.memory;

/** Where ring slots live; the code is the frames-header {@code memory_backend} field (protocol §3.2). */
public enum SlotMemoryKind {
    /** CUDA VMM allocations exported as POSIX FDs (the real cuframes v4 memory). */
    CUDA_VMM(0),
    /** Host memory in one memfd per slot (hosts without a GPU, CI). */
    MEMFD(1);

    private final int code;

    SlotMemoryKind(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static SlotMemoryKind ofCode(int code) {
        for (SlotMemoryKind k : values()) {
            if (k.code == code) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown memory_backend " + code + " (expected 0 CUDA_VMM or 1 MEMFD)");
    }
}
