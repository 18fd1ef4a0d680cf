package io.gevgate.linux;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * {@code sendmsg}/{@code recvmsg} with file descriptors in a {@code SOL_SOCKET/SCM_RIGHTS}
 * control message. Layouts are the x86-64/arm64 Linux ones: {@code struct msghdr} 56 bytes
 * (iov @16, iovlen @24, control @32, controllen @40, flags @48), {@code struct iovec} 16 bytes,
 * {@code struct cmsghdr} 16 bytes followed by the data ({@code CMSG_LEN(n) = 16 + n}).
 */
public final class ScmRights {
    /** Most FDs one message may carry (cuframes' limit, also ours). */
    public static final int MAX_FDS = 64;

    static final long MSGHDR_SIZE = 56;
    static final long IOVEC_SIZE = 16;
    static final long CMSG_HEADER = 16;

    private ScmRights() {
    }

    static long cmsgSpace(long dataLen) {
        return CMSG_HEADER + ((dataLen + 7) & ~7L);
    }

    /** What one {@link #receive} returned: payload bytes, the FDs and whether the kernel truncated them. */
    public record Received(long bytes, int[] fds, boolean controlTruncated) {
    }

    /**
     * Sends {@code data} and {@code fds} in one {@code sendmsg(MSG_NOSIGNAL)}; returns the bytes
     * sent (the caller finishes a partial send with plain {@code send}, the FDs have gone with the first byte).
     */
    public static long send(int socketFd, MemorySegment data, int[] fds) {
        if (fds.length > MAX_FDS) {
            throw new IllegalArgumentException("at most " + MAX_FDS + " fds per message, got " + fds.length);
        }
        try (Arena a = Arena.ofConfined()) {
            MemorySegment msg = a.allocate(MSGHDR_SIZE, 8);
            MemorySegment iov = a.allocate(IOVEC_SIZE, 8);
            iov.set(JAVA_LONG, 0, data.address());
            iov.set(JAVA_LONG, 8, data.byteSize());
            msg.set(JAVA_LONG, 16, iov.address());
            msg.set(JAVA_LONG, 24, 1L);
            if (fds.length > 0) {
                long dataLen = 4L * fds.length;
                MemorySegment control = a.allocate(cmsgSpace(dataLen), 8);
                control.set(JAVA_LONG, 0, CMSG_HEADER + dataLen);
                control.set(JAVA_INT, 8, Libc.SOL_SOCKET);
                control.set(JAVA_INT, 12, Libc.SCM_RIGHTS);
                for (int i = 0; i < fds.length; i++) {
                    control.set(JAVA_INT, CMSG_HEADER + 4L * i, fds[i]);
                }
                msg.set(JAVA_LONG, 32, control.address());
                msg.set(JAVA_LONG, 40, control.byteSize());
            }
            long rc;
            do {
                rc = Libc.sendmsg(socketFd, msg, Libc.MSG_NOSIGNAL);
            } while (rc < 0 && Libc.lastErrno() == Errno.EINTR);
            return Libc.check("sendmsg", rc, "fd " + socketFd);
        }
    }

    /**
     * One {@code recvmsg(MSG_CMSG_CLOEXEC)} into {@code buf} with room for {@code maxFds} descriptors.
     * Returns 0 bytes on EOF. Every received FD is returned; the caller owns (and must close) them.
     */
    public static Received receive(int socketFd, MemorySegment buf, int maxFds) {
        if (maxFds < 0 || maxFds > MAX_FDS) {
            throw new IllegalArgumentException("maxFds must be 0.." + MAX_FDS + ", got " + maxFds);
        }
        try (Arena a = Arena.ofConfined()) {
            MemorySegment msg = a.allocate(MSGHDR_SIZE, 8);
            MemorySegment iov = a.allocate(IOVEC_SIZE, 8);
            iov.set(JAVA_LONG, 0, buf.address());
            iov.set(JAVA_LONG, 8, buf.byteSize());
            msg.set(JAVA_LONG, 16, iov.address());
            msg.set(JAVA_LONG, 24, 1L);
            long space = cmsgSpace(4L * Math.max(1, maxFds));
            MemorySegment control = a.allocate(space, 8);
            msg.set(JAVA_LONG, 32, control.address());
            msg.set(JAVA_LONG, 40, space);
            long rc;
            do {
                rc = Libc.recvmsg(socketFd, msg, Libc.MSG_CMSG_CLOEXEC);
            } while (rc < 0 && Libc.lastErrno() == Errno.EINTR);
            Libc.check("recvmsg", rc, "fd " + socketFd);
            int flags = msg.get(JAVA_INT, 48);
            long controlLen = Math.min(msg.get(JAVA_LONG, 40), space);
            int[] fds = parseRights(control, controlLen);
            return new Received(rc, fds, (flags & Libc.MSG_CTRUNC) != 0);
        }
    }

    /** Walks the cmsg chain (CMSG_FIRSTHDR/CMSG_NXTHDR) and collects SCM_RIGHTS descriptors. */
    static int[] parseRights(MemorySegment control, long controlLen) {
        int[] out = new int[0];
        long off = 0;
        while (off + CMSG_HEADER <= controlLen) {
            long len = control.get(JAVA_LONG, off);
            if (len < CMSG_HEADER || off + len > controlLen) {
                break;
            }
            int level = control.get(JAVA_INT, off + 8);
            int type = control.get(JAVA_INT, off + 12);
            if (level == Libc.SOL_SOCKET && type == Libc.SCM_RIGHTS) {
                int n = (int) ((len - CMSG_HEADER) / 4);
                int[] grown = java.util.Arrays.copyOf(out, out.length + n);
                for (int i = 0; i < n; i++) {
                    grown[out.length + i] = control.get(JAVA_INT, off + CMSG_HEADER + 4L * i);
                }
                out = grown;
            }
            off += (len + 7) & ~7L;
        }
        return out;
    }
}
