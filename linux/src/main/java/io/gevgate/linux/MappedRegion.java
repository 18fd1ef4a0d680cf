package io.gevgate.linux;

import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An {@code mmap}ed region. The {@link #segment()} is a global-scope view: using it after
 * {@link #close()} is a use-after-unmap, so owners close only when no reader remains.
 */
public final class MappedRegion implements AutoCloseable {
    private final long address;
    private final long size;
    private final MemorySegment segment;
    private final AtomicBoolean closed = new AtomicBoolean();

    private MappedRegion(long address, long size) {
        this.address = address;
        this.size = size;
        this.segment = MemorySegment.ofAddress(address).reinterpret(size);
    }

    /** {@code mmap(NULL, size, prot, MAP_SHARED, fd, 0)}. */
    public static MappedRegion mapShared(int fd, long size, int prot) {
        if (size <= 0) {
            throw new IllegalArgumentException("mapping size must be > 0, got " + size);
        }
        long addr = Libc.mmap(0, size, prot, Libc.MAP_SHARED, fd, 0);
        if (addr == -1L) {
            throw new LinuxException("mmap", Libc.lastErrno(), "fd " + fd + " size " + size);
        }
        return new MappedRegion(addr, size);
    }

    public MemorySegment segment() {
        return segment;
    }

    public long address() {
        return address;
    }

    public long size() {
        return size;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            Libc.munmap(address, size);
        }
    }
}
