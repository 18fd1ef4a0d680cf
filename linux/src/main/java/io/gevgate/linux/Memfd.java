package io.gevgate.linux;

import java.lang.foreign.Arena;

/** Anonymous memory files ({@code memfd_create}): host memory that can be shared by passing the fd. */
public final class Memfd {
    private Memfd() {
    }

    /** Creates a close-on-exec memfd of {@code size} bytes (zero-filled); returns the fd. */
    public static int create(String name, long size) {
        int fd;
        try (Arena a = Arena.ofConfined()) {
            fd = (int) Libc.check("memfd_create", Libc.memfdCreate(a.allocateFrom(name), Libc.MFD_CLOEXEC), name);
        }
        try {
            SharedMemory.truncate(fd, size);
            return fd;
        } catch (RuntimeException e) {
            Libc.close(fd);
            throw e;
        }
    }
}
