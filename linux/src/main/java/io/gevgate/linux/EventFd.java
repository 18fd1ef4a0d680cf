package io.gevgate.linux;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/** A Linux eventfd: a 64-bit counter that can be signalled and waited on (poll). */
public final class EventFd implements AutoCloseable {
    private final int fd;
    private boolean closed;

    private EventFd(int fd) {
        this.fd = fd;
    }

    /** A non-blocking, close-on-exec eventfd starting at 0. */
    public static EventFd create() {
        return new EventFd((int) Libc.check("eventfd",
                Libc.eventfd(0, Libc.EFD_CLOEXEC | Libc.EFD_NONBLOCK), "initval 0"));
    }

    public int fd() {
        return fd;
    }

    /** Adds {@code value} (> 0) to the counter. */
    public void signal(long value) {
        if (value <= 0) {
            throw new IllegalArgumentException("eventfd increment must be > 0, got " + value);
        }
        try (Arena a = Arena.ofConfined()) {
            MemorySegment v = a.allocate(JAVA_LONG);
            v.set(JAVA_LONG, 0, value);
            Libc.check("write", Libc.write(fd, v, 8), "eventfd " + fd);
        }
    }

    /**
     * Waits up to {@code timeoutMs} ({@code < 0} forever) for a non-zero counter, then reads and
     * resets it. Returns the counter value, 0 on timeout.
     */
    public long await(int timeoutMs) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment pfd = a.allocate(8, 4);
            pfd.set(JAVA_INT, 0, fd);
            pfd.set(JAVA_SHORT, 4, Libc.POLLIN);
            int rc;
            do {
                rc = Libc.poll(pfd, 1, timeoutMs);
            } while (rc < 0 && Libc.lastErrno() == Errno.EINTR);
            Libc.check("poll", rc, "eventfd " + fd);
            if (rc == 0) {
                return 0;
            }
            MemorySegment v = a.allocate(JAVA_LONG);
            long n = Libc.read(fd, v, 8);
            if (n < 0 && Libc.lastErrno() == Errno.EAGAIN) {
                return 0;
            }
            Libc.check("read", n, "eventfd " + fd);
            return v.get(JAVA_LONG, 0);
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            Libc.close(fd);
        }
    }
}
