package io.gevgate.linux;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * An AF_UNIX {@code SOCK_STREAM} socket (listening or connected) on a raw fd, with
 * poll-based timeouts and SCM_RIGHTS fd passing. The JDK's {@code SocketChannel} cannot pass
 * file descriptors, hence this class.
 *
 * <p>Threading: one thread reads, one thread writes; {@link #shutdown()} may be called from any
 * thread to wake a blocked reader; {@link #close()} must come from the owner once nobody blocks on it.
 */
public final class UnixSocket implements AutoCloseable {
    /** Longest socket path ({@code sun_path} is 108 bytes including the NUL). */
    public static final int MAX_PATH_BYTES = 107;
    private static final int SOCKADDR_UN_SIZE = 110;

    /** {@link #receive} result: the deadline passed with no data. */
    public static final int TIMED_OUT = -1;

    private final int fd;
    private final AtomicBoolean closed = new AtomicBoolean();

    private UnixSocket(int fd) {
        this.fd = fd;
    }

    /** Wraps an fd this object will own. */
    public static UnixSocket adopt(int fd) {
        return new UnixSocket(fd);
    }

    private static MemorySegment sockaddr(Arena a, Path path) {
        byte[] p = path.toString().getBytes(StandardCharsets.UTF_8);
        if (p.length == 0 || p.length > MAX_PATH_BYTES) {
            throw new IllegalArgumentException("unix socket path must be 1.." + MAX_PATH_BYTES
                    + " bytes, got " + p.length + ": " + path);
        }
        MemorySegment sa = a.allocate(SOCKADDR_UN_SIZE, 2);
        sa.set(JAVA_SHORT, 0, (short) Libc.AF_UNIX);
        MemorySegment.copy(p, 0, sa, JAVA_BYTE, 2, p.length);
        return sa;
    }

    private static int newSocket() {
        return (int) Libc.check("socket", Libc.socket(Libc.AF_UNIX, Libc.SOCK_STREAM | Libc.SOCK_CLOEXEC, 0), "AF_UNIX");
    }

    /** Binds and listens on {@code path} (which must not exist) and applies {@code mode} to the file. */
    public static UnixSocket listen(Path path, int backlog, int mode) {
        int fd = newSocket();
        try (Arena a = Arena.ofConfined()) {
            MemorySegment sa = sockaddr(a, path);
            Libc.check("bind", Libc.bind(fd, sa, SOCKADDR_UN_SIZE), path.toString());
            Libc.chmodPath(path.toString(), mode);
            Libc.check("listen", Libc.listen(fd, backlog), path.toString());
            return new UnixSocket(fd);
        } catch (RuntimeException e) {
            Libc.close(fd);
            throw e;
        }
    }

    /** Connects to {@code path}; throws {@link LinuxException} (ENOENT, ECONNREFUSED, ...) on failure. */
    public static UnixSocket connect(Path path) {
        int fd = newSocket();
        try (Arena a = Arena.ofConfined()) {
            MemorySegment sa = sockaddr(a, path);
            int rc;
            do {
                rc = Libc.connect(fd, sa, SOCKADDR_UN_SIZE);
            } while (rc < 0 && Libc.lastErrno() == Errno.EINTR);
            Libc.check("connect", rc, path.toString());
            return new UnixSocket(fd);
        } catch (RuntimeException e) {
            Libc.close(fd);
            throw e;
        }
    }

    /** The raw descriptor. */
    public int fd() {
        return fd;
    }

    /** Blocks until a client connects; throws {@link LinuxException} once the socket was shut down. */
    public UnixSocket accept() {
        int rc;
        do {
            rc = Libc.accept4(fd, MemorySegment.NULL, MemorySegment.NULL, Libc.SOCK_CLOEXEC);
        } while (rc < 0 && Libc.lastErrno() == Errno.EINTR);
        Libc.check("accept4", rc, "fd " + fd);
        return new UnixSocket(rc);
    }

    /**
     * Waits up to {@code timeoutMs} ({@code < 0} forever) for {@code events}; returns the revents,
     * 0 on timeout.
     */
    public int poll(short events, int timeoutMs) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment pfd = a.allocate(8, 4);
            pfd.set(JAVA_INT, 0, fd);
            pfd.set(JAVA_SHORT, 4, events);
            int rc;
            do {
                rc = Libc.poll(pfd, 1, timeoutMs);
            } while (rc < 0 && Libc.lastErrno() == Errno.EINTR);
            Libc.check("poll", rc, "fd " + fd);
            return rc == 0 ? 0 : pfd.get(JAVA_SHORT, 6) & 0xFFFF;
        }
    }

    /** Sends every byte (MSG_NOSIGNAL: a gone peer is an EPIPE {@link LinuxException}, not a signal). */
    public void sendAll(MemorySegment data) {
        long off = 0;
        long len = data.byteSize();
        while (off < len) {
            long rc = Libc.send(fd, data.asSlice(off), len - off, Libc.MSG_NOSIGNAL);
            if (rc < 0 && Libc.lastErrno() == Errno.EINTR) {
                continue;
            }
            off += Libc.check("send", rc, "fd " + fd);
        }
    }

    /** Sends {@code data} with {@code fds} attached to its first byte. */
    public void sendWithFds(MemorySegment data, int[] fds) {
        long sent = ScmRights.send(fd, data, fds);
        if (sent < data.byteSize()) {
            sendAll(data.asSlice(sent));
        }
    }

    /**
     * One receive of at most {@code buf.byteSize()} bytes, waiting up to {@code timeoutMs}
     * ({@code < 0} forever). Returns the byte count, 0 on EOF, {@link #TIMED_OUT} on timeout.
     */
    public long receive(MemorySegment buf, int timeoutMs) {
        if (timeoutMs >= 0 && poll(Libc.POLLIN, timeoutMs) == 0) {
            return TIMED_OUT;
        }
        long rc;
        do {
            rc = Libc.recv(fd, buf, buf.byteSize(), 0);
        } while (rc < 0 && Libc.lastErrno() == Errno.EINTR);
        if (rc < 0 && Libc.lastErrno() == Errno.ECONNRESET) {
            return 0;
        }
        return Libc.check("recv", rc, "fd " + fd);
    }

    /**
     * Fills {@code buf} completely unless EOF or the deadline ({@link System#nanoTime} based;
     * {@code Long.MAX_VALUE} = none) comes first. Returns the bytes read (less than the size on
     * EOF) or {@link #TIMED_OUT}.
     */
    public long receiveFully(MemorySegment buf, long deadlineNanos) {
        long off = 0;
        long len = buf.byteSize();
        while (off < len) {
            int wait = remainingMillis(deadlineNanos);
            if (wait == 0 && deadlineNanos != Long.MAX_VALUE) {
                return TIMED_OUT;
            }
            long rc = receive(buf.asSlice(off), wait);
            if (rc == TIMED_OUT) {
                return TIMED_OUT;
            }
            if (rc == 0) {
                return off;
            }
            off += rc;
        }
        return off;
    }

    /** One {@code recvmsg} collecting up to {@code maxFds} SCM_RIGHTS descriptors (after a poll with timeout). */
    public ScmRights.Received receiveWithFds(MemorySegment buf, int maxFds, int timeoutMs) {
        if (timeoutMs >= 0 && poll(Libc.POLLIN, timeoutMs) == 0) {
            return new ScmRights.Received(TIMED_OUT, new int[0], false);
        }
        return ScmRights.receive(fd, buf, maxFds);
    }

    /** Milliseconds until the deadline, rounded up, -1 for no deadline. */
    public static int remainingMillis(long deadlineNanos) {
        if (deadlineNanos == Long.MAX_VALUE) {
            return -1;
        }
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
            return 0;
        }
        return (int) Math.min(Integer.MAX_VALUE, (left + 999_999) / 1_000_000);
    }

    /** True once the peer closed its end (checked without blocking and without consuming data). */
    public boolean peerClosed() {
        int rev = poll((short) (Libc.POLLIN | Libc.POLLRDHUP), 0);
        if ((rev & (Libc.POLLHUP | Libc.POLLRDHUP | Libc.POLLERR | Libc.POLLNVAL)) != 0) {
            return true;
        }
        if ((rev & Libc.POLLIN) != 0) {
            try (Arena a = Arena.ofConfined()) {
                MemorySegment one = a.allocate(1);
                long rc = Libc.recv(fd, one, 1, Libc.MSG_PEEK | Libc.MSG_DONTWAIT);
                return rc == 0 || (rc < 0 && Libc.lastErrno() != Errno.EAGAIN && Libc.lastErrno() != Errno.EINTR);
            }
        }
        return false;
    }

    /** shutdown(SHUT_RDWR): wakes a blocked reader/acceptor with EOF; safe from any thread. */
    public void shutdown() {
        if (!closed.get()) {
            Libc.shutdown(fd, Libc.SHUT_RDWR);
        }
    }

    public boolean isClosed() {
        return closed.get();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            Libc.close(fd);
        }
    }
}
