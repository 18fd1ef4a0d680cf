package io.gevgate.linux;

import java.lang.foreign.Arena;

/** POSIX shared memory objects ({@code shm_open}/{@code shm_unlink}, i.e. files in /dev/shm). */
public final class SharedMemory {
    private SharedMemory() {
    }

    private static void checkName(String name) {
        if (name.length() < 2 || name.charAt(0) != '/' || name.indexOf('/', 1) >= 0 || name.length() > 255) {
            throw new IllegalArgumentException("shm name must be '/' followed by 1..254 characters without '/': " + name);
        }
    }

    /** Creates a new object exclusively; returns the fd, or -1 if it already exists (EEXIST). */
    public static int createExclusive(String name, int mode) {
        checkName(name);
        try (Arena a = Arena.ofConfined()) {
            int fd = Libc.shmOpen(a.allocateFrom(name), Libc.O_CREAT | Libc.O_EXCL | Libc.O_RDWR | Libc.O_CLOEXEC, mode);
            if (fd >= 0) {
                // shm_open applies the umask; the protocol wants exactly this mode.
                Libc.check("fchmod", Libc.fchmod(fd, mode), name);
                return fd;
            }
            int e = Libc.lastErrno();
            if (e == Errno.EEXIST) {
                return -1;
            }
            throw new LinuxException("shm_open", e, name);
        }
    }

    /** Opens an existing object; returns the fd, or -1 if it does not exist (ENOENT). */
    public static int open(String name, boolean writable) {
        checkName(name);
        try (Arena a = Arena.ofConfined()) {
            int fd = Libc.shmOpen(a.allocateFrom(name), (writable ? Libc.O_RDWR : Libc.O_RDONLY) | Libc.O_CLOEXEC, 0);
            if (fd >= 0) {
                return fd;
            }
            int e = Libc.lastErrno();
            if (e == Errno.ENOENT) {
                return -1;
            }
            throw new LinuxException("shm_open", e, name);
        }
    }

    /** Removes the name; returns false if it did not exist. */
    public static boolean unlink(String name) {
        checkName(name);
        try (Arena a = Arena.ofConfined()) {
            if (Libc.shmUnlink(a.allocateFrom(name)) == 0) {
                return true;
            }
            int e = Libc.lastErrno();
            if (e == Errno.ENOENT) {
                return false;
            }
            throw new LinuxException("shm_unlink", e, name);
        }
    }

    /** ftruncate(2). */
    public static void truncate(int fd, long size) {
        Libc.check("ftruncate", Libc.ftruncate(fd, size), "fd " + fd + " size " + size);
    }
}
