package io.gevgate.bridge.memory;

import java.lang.foreign.MemorySegment;

/**
 * The ring's slot memory: one allocation and one exportable FD per slot, all of
 * {@link #slotSize()} bytes. The publisher allocates it; subscribers import the FDs it sends.
 */
public interface SlotMemory extends AutoCloseable {

    SlotMemoryKind kind();

    int slotCount();

    /** Bytes per slot (rounded up to the page or VMM granularity). */
    long slotSize();

    /** The FDs to pass over SCM_RIGHTS, in slot order; they stay owned by this object. Publisher side only. */
    int[] exportFds();

    /** True when {@link #hostSlot} works (memfd). */
    boolean hostAccessible();

    /** A host view of a slot; {@link UnsupportedOperationException} for device memory. */
    MemorySegment hostSlot(int slot);

    /** The address programs use for the slot: a CUdeviceptr for VMM, the host address for memfd. */
    long pointer(int slot);

    /** Copies host bytes into a slot at {@code offset}. */
    void upload(int slot, long offset, MemorySegment src);

    /** Copies slot bytes at {@code offset} to host memory. */
    void download(int slot, long offset, MemorySegment dst);

    /** Makes every write issued so far visible to other processes (VMM: synchronise; memfd: nothing). */
    void synchronize();

    @Override
    void close();
}
