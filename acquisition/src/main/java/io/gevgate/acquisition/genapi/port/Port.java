package io.gevgate.acquisition.genapi.port;

/**
 * Byte-addressed access to a device's register space (or to a frame's chunk data).
 * Implementations: {@link MemoryPort} (offline checks, tests), {@link ChunkPort} (chunk data
 * of one frame) and a GVCP adapter (READREG for 4-byte registers, READMEM otherwise).
 * Failures are reported as {@link PortException}; the engine wraps them with the node name.
 */
public interface Port {

    /** Reads {@code length} bytes starting at {@code address}, in device byte order. */
    byte[] read(long address, int length);

    /** Writes {@code bytes} starting at {@code address}. */
    void write(long address, byte[] bytes);

    /**
     * How many 4-byte registers one {@link #readRegisters} call may fetch in one round trip
     * (GVCP READREG carries several addresses). 1 means no batching.
     */
    default int maxBatchRegisters() {
        return 1;
    }

    /**
     * Reads several 4-byte registers; result holds 4 bytes per address, in order, in device byte
     * order (as {@link #read} would return them). The default reads them one by one.
     */
    default byte[] readRegisters(long[] addresses) {
        byte[] out = new byte[addresses.length * 4];
        for (int i = 0; i < addresses.length; i++) {
            byte[] one = read(addresses[i], 4);
            System.arraycopy(one, 0, out, i * 4, 4);
        }
        return out;
    }
}
