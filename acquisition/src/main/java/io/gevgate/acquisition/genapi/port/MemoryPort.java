package io.gevgate.acquisition.genapi.port;

/**
 * A register space held in memory: reads of never-written bytes return zero. Used by
 * {@code gevgate genicam check} and by tests (which may also poke values "behind the
 * engine's back" to simulate a device changing a register).
 * Thread-safe (synchronized): tests and the CLI are its only users.
 */
public final class MemoryPort implements Port {

    /** A large address space is sparse; pages of 4 KiB are allocated on first write. */
    private static final int PAGE_BITS = 12;
    private static final int PAGE_SIZE = 1 << PAGE_BITS;

    private final java.util.HashMap<Long, byte[]> pages = new java.util.HashMap<>();
    private final long size;
    private final int maxBatch;
    private long reads;
    private long batchedReads;
    private long writes;

    /** A port covering the whole 64-bit address space, without batching. */
    public MemoryPort() {
        this(Long.MAX_VALUE, 1);
    }

    /**
     * @param size     accesses at or above this address fail like a device's invalid-address error
     * @param maxBatch registers per {@link #readRegisters} call (GVCP READREG allows several)
     */
    public MemoryPort(long size, int maxBatch) {
        if (size <= 0 || maxBatch < 1) {
            throw new IllegalArgumentException("size and maxBatch must be positive");
        }
        this.size = size;
        this.maxBatch = maxBatch;
    }

    private void check(long address, int length) {
        if (length < 0) {
            throw new PortException(address, length, "negative length");
        }
        if (address < 0 || address > size - length) {
            throw new PortException(address, length, "outside the port's " + size + "-byte address space");
        }
    }

    @Override
    public synchronized byte[] read(long address, int length) {
        check(address, length);
        reads++;
        return copyOut(address, length);
    }

    private byte[] copyOut(long address, int length) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            long a = address + i;
            byte[] page = pages.get(a >>> PAGE_BITS);
            out[i] = page == null ? 0 : page[(int) (a & (PAGE_SIZE - 1))];
        }
        return out;
    }

    @Override
    public synchronized void write(long address, byte[] bytes) {
        check(address, bytes.length);
        writes++;
        poke(address, bytes);
    }

    /** Changes memory without counting a write: a test simulating the device itself. */
    public synchronized void poke(long address, byte[] bytes) {
        check(address, bytes.length);
        for (int i = 0; i < bytes.length; i++) {
            long a = address + i;
            byte[] page = pages.computeIfAbsent(a >>> PAGE_BITS, k -> new byte[PAGE_SIZE]);
            page[(int) (a & (PAGE_SIZE - 1))] = bytes[i];
        }
    }

    /** Stores a 32-bit big-endian value (the GigE Vision register convention). */
    public void pokeInt(long address, int value) {
        poke(address, new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value});
    }

    /** Reads back without counting (tests inspect what the engine wrote). */
    public synchronized byte[] peek(long address, int length) {
        check(address, length);
        return copyOut(address, length);
    }

    @Override
    public int maxBatchRegisters() {
        return maxBatch;
    }

    @Override
    public synchronized byte[] readRegisters(long[] addresses) {
        if (addresses.length > maxBatch) {
            throw new PortException(addresses.length == 0 ? 0 : addresses[0], 4,
                    "batch of " + addresses.length + " registers exceeds the maximum " + maxBatch);
        }
        byte[] out = new byte[addresses.length * 4];
        for (int i = 0; i < addresses.length; i++) {
            check(addresses[i], 4);
            System.arraycopy(copyOut(addresses[i], 4), 0, out, i * 4, 4);
        }
        batchedReads++;
        return out;
    }

    /** Round trips a device would have seen: single reads plus batched reads. */
    public synchronized long readCount() {
        return reads + batchedReads;
    }

    public synchronized long writeCount() {
        return writes;
    }

    @Override
    public synchronized String toString() {
        return "MemoryPort[pages=" + pages.size() + ", reads=" + reads + ", batched=" + batchedReads
                + ", writes=" + writes + "]";
    }
}
