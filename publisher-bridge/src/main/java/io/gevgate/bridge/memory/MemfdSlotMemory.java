package io.gevgate.bridge.memory;

import java.lang.foreign.MemorySegment;

import io.gevgate.linux.Libc;
import io.gevgate.linux.MappedRegion;
import io.gevgate.linux.Memfd;

/**
 * Slot memory in host RAM: one memfd per slot, mapped shared. Imported slots are mapped
 * read-only and their FDs closed right after mapping.
 */
public final class MemfdSlotMemory implements SlotMemory {
    public static final long PAGE = 4096;

    private final MappedRegion[] regions;
    private final int[] fds;
    private final long slotSize;
    private boolean closed;

    private MemfdSlotMemory(MappedRegion[] regions, int[] fds, long slotSize) {
        this.regions = regions;
        this.fds = fds;
        this.slotSize = slotSize;
    }

    /** Rounds a frame size up to whole pages. */
    public static long slotSizeFor(long frameSize) {
        return (frameSize + PAGE - 1) & -PAGE;
    }

    /** Allocates {@code count} slots of at least {@code frameSize} bytes, named {@code <name>-slot<i>}. */
    public static MemfdSlotMemory allocate(String name, int count, long frameSize) {
        long size = slotSizeFor(frameSize);
        MappedRegion[] regions = new MappedRegion[count];
        int[] fds = new int[count];
        java.util.Arrays.fill(fds, -1);
        try {
            for (int i = 0; i < count; i++) {
                fds[i] = Memfd.create(name + "-slot" + i, size);
                regions[i] = MappedRegion.mapShared(fds[i], size, Libc.PROT_READ | Libc.PROT_WRITE);
            }
            return new MemfdSlotMemory(regions, fds, size);
        } catch (RuntimeException e) {
            release(regions, fds);
            throw e;
        }
    }

    /** Maps received slot FDs read-only and closes them (this call owns {@code fds}). */
    public static MemfdSlotMemory importFds(int[] fds, long slotSize) {
        MappedRegion[] regions = new MappedRegion[fds.length];
        try {
            for (int i = 0; i < fds.length; i++) {
                long actual = Libc.fileSize(fds[i]);
                if (actual < slotSize) {
                    throw new IllegalArgumentException("slot fd " + i + " is " + actual + " bytes, VMM_FDS says " + slotSize);
                }
                regions[i] = MappedRegion.mapShared(fds[i], slotSize, Libc.PROT_READ);
            }
        } catch (RuntimeException e) {
            release(regions, fds);
            throw e;
        }
        for (int fd : fds) {
            Libc.closeQuietly(fd);
        }
        int[] none = new int[fds.length];
        java.util.Arrays.fill(none, -1);
        return new MemfdSlotMemory(regions, none, slotSize);
    }

    private static void release(MappedRegion[] regions, int[] fds) {
        for (MappedRegion r : regions) {
            if (r != null) {
                r.close();
            }
        }
        for (int fd : fds) {
            Libc.closeQuietly(fd);
        }
    }

    @Override
    public SlotMemoryKind kind() {
        return SlotMemoryKind.MEMFD;
    }

    @Override
    public int slotCount() {
        return regions.length;
    }

    @Override
    public long slotSize() {
        return slotSize;
    }

    @Override
    public int[] exportFds() {
        for (int fd : fds) {
            if (fd < 0) {
                throw new IllegalStateException("imported slot memory has no FDs to export");
            }
        }
        return fds.clone();
    }

    @Override
    public boolean hostAccessible() {
        return true;
    }

    @Override
    public MemorySegment hostSlot(int slot) {
        return regions[slot].segment();
    }

    @Override
    public long pointer(int slot) {
        return regions[slot].address();
    }

    @Override
    public void upload(int slot, long offset, MemorySegment src) {
        MemorySegment.copy(src, 0, regions[slot].segment(), offset, src.byteSize());
    }

    @Override
    public void download(int slot, long offset, MemorySegment dst) {
        MemorySegment.copy(regions[slot].segment(), offset, dst, 0, dst.byteSize());
    }

    @Override
    public void synchronize() {
        // Host stores are coherent across processes; the header's release stores order them.
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            release(regions, fds);
        }
    }
}
