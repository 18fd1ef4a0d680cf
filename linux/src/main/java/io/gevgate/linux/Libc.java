package io.gevgate.linux;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Core libc downcalls (x86-64 / arm64 Linux, glibc). Every call captures errno through
 * {@link Linker.Option#captureCallState} so a failure can name its cause; the concept classes
 * ({@link UnixSocket}, {@link SharedMemory}, {@link Memfd}, {@link EventFd}, ...) build on this.
 *
 * <p>Raw methods return the C result and leave errno in {@link #lastErrno()}; the checked
 * variants throw {@link LinuxException}.
 */
public final class Libc {

    // socket(2) / sys/socket.h
    public static final int AF_UNIX = 1;
    public static final int SOCK_STREAM = 1;
    public static final int SOCK_CLOEXEC = 0x80000;
    public static final int SOL_SOCKET = 1;
    public static final int SCM_RIGHTS = 1;
    public static final int SHUT_RDWR = 2;
    public static final int MSG_PEEK = 0x2;
    public static final int MSG_CTRUNC = 0x8;
    public static final int MSG_DONTWAIT = 0x40;
    public static final int MSG_NOSIGNAL = 0x4000;
    public static final int MSG_CMSG_CLOEXEC = 0x40000000;
    // fcntl.h
    public static final int O_RDONLY = 0;
    public static final int O_RDWR = 2;
    public static final int O_CREAT = 0x40;
    public static final int O_EXCL = 0x80;
    public static final int O_CLOEXEC = 0x80000;
    // sys/mman.h
    public static final int PROT_READ = 1;
    public static final int PROT_WRITE = 2;
    public static final int MAP_SHARED = 1;
    public static final int MFD_CLOEXEC = 1;
    // sys/eventfd.h
    public static final int EFD_SEMAPHORE = 1;
    public static final int EFD_NONBLOCK = 0x800;
    public static final int EFD_CLOEXEC = 0x80000;
    // poll.h
    public static final short POLLIN = 0x1;
    public static final short POLLOUT = 0x4;
    public static final short POLLERR = 0x8;
    public static final short POLLHUP = 0x10;
    public static final short POLLNVAL = 0x20;
    public static final short POLLRDHUP = 0x2000;
    // unistd.h
    public static final int SEEK_END = 2;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final StructLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO =
            CAPTURE_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option CAPTURE = Linker.Option.captureCallState("errno");
    /** One capture buffer per thread: the downcall writes errno here right after the call. */
    private static final ThreadLocal<MemorySegment> CALL_STATE =
            ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(CAPTURE_LAYOUT));

    private static final MethodHandle SOCKET = errnoCall("socket", JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT);
    private static final MethodHandle BIND = errnoCall("bind", JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT);
    private static final MethodHandle LISTEN = errnoCall("listen", JAVA_INT, JAVA_INT, JAVA_INT);
    private static final MethodHandle ACCEPT4 = errnoCall("accept4", JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT);
    private static final MethodHandle CONNECT = errnoCall("connect", JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT);
    private static final MethodHandle SEND = errnoCall("send", JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT);
    private static final MethodHandle RECV = errnoCall("recv", JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT);
    private static final MethodHandle SENDMSG = errnoCall("sendmsg", JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT);
    private static final MethodHandle RECVMSG = errnoCall("recvmsg", JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT);
    private static final MethodHandle SHUTDOWN = errnoCall("shutdown", JAVA_INT, JAVA_INT, JAVA_INT);
    private static final MethodHandle CLOSE = errnoCall("close", JAVA_INT, JAVA_INT);
    private static final MethodHandle POLL = errnoCall("poll", JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT);
    private static final MethodHandle SHM_OPEN = errnoCall("shm_open", JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT);
    private static final MethodHandle SHM_UNLINK = errnoCall("shm_unlink", JAVA_INT, ADDRESS);
    private static final MethodHandle FTRUNCATE = errnoCall("ftruncate", JAVA_INT, JAVA_INT, JAVA_LONG);
    private static final MethodHandle MMAP = errnoCall("mmap", ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG);
    private static final MethodHandle MUNMAP = errnoCall("munmap", JAVA_INT, ADDRESS, JAVA_LONG);
    private static final MethodHandle MEMFD_CREATE = errnoCall("memfd_create", JAVA_INT, ADDRESS, JAVA_INT);
    private static final MethodHandle KILL = errnoCall("kill", JAVA_INT, JAVA_INT, JAVA_INT);
    private static final MethodHandle EVENTFD = errnoCall("eventfd", JAVA_INT, JAVA_INT, JAVA_INT);
    private static final MethodHandle READ = errnoCall("read", JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG);
    private static final MethodHandle WRITE = errnoCall("write", JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG);
    private static final MethodHandle PREAD = errnoCall("pread", JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG);
    private static final MethodHandle LSEEK = errnoCall("lseek", JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_INT);
    private static final MethodHandle UNLINK = errnoCall("unlink", JAVA_INT, ADDRESS);
    private static final MethodHandle CHMOD = errnoCall("chmod", JAVA_INT, ADDRESS, JAVA_INT);
    private static final MethodHandle FCHMOD = errnoCall("fchmod", JAVA_INT, JAVA_INT, JAVA_INT);
    private static final MethodHandle SCHED_SETSCHEDULER = errnoCall("sched_setscheduler", JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS);
    private static final MethodHandle SCHED_GETSCHEDULER = errnoCall("sched_getscheduler", JAVA_INT, JAVA_INT);
    private static final MethodHandle SCHED_SETAFFINITY = errnoCall("sched_setaffinity", JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS);
    private static final MethodHandle SCHED_GETAFFINITY = errnoCall("sched_getaffinity", JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS);
    private static final MethodHandle GETPID = LINKER.downcallHandle(
            LIBC.findOrThrow("getpid"), FunctionDescriptor.of(JAVA_INT));

    private Libc() {
    }

    private static MethodHandle errnoCall(String name, MemoryLayout result, MemoryLayout... args) {
        return LINKER.downcallHandle(LIBC.findOrThrow(name), FunctionDescriptor.of(result, args), CAPTURE);
    }

    private static MemorySegment state() {
        return CALL_STATE.get();
    }

    /** errno captured by the last downcall of this thread. */
    public static int lastErrno() {
        return (int) ERRNO.get(state(), 0L);
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }

    /** Throws {@link LinuxException} with this thread's errno when {@code rc} is negative. */
    static long check(String function, long rc, String detail) {
        if (rc < 0) {
            throw new LinuxException(function, lastErrno(), detail);
        }
        return rc;
    }

    // ---- raw calls: return the C result; errno in lastErrno() ----

    public static int socket(int domain, int type, int protocol) {
        try {
            return (int) SOCKET.invokeExact(state(), domain, type, protocol);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int bind(int fd, MemorySegment addr, int len) {
        try {
            return (int) BIND.invokeExact(state(), fd, addr, len);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int listen(int fd, int backlog) {
        try {
            return (int) LISTEN.invokeExact(state(), fd, backlog);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int accept4(int fd, MemorySegment addr, MemorySegment len, int flags) {
        try {
            return (int) ACCEPT4.invokeExact(state(), fd, addr, len, flags);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int connect(int fd, MemorySegment addr, int len) {
        try {
            return (int) CONNECT.invokeExact(state(), fd, addr, len);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static long send(int fd, MemorySegment buf, long len, int flags) {
        try {
            return (long) SEND.invokeExact(state(), fd, buf, len, flags);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static long recv(int fd, MemorySegment buf, long len, int flags) {
        try {
            return (long) RECV.invokeExact(state(), fd, buf, len, flags);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static long sendmsg(int fd, MemorySegment msghdr, int flags) {
        try {
            return (long) SENDMSG.invokeExact(state(), fd, msghdr, flags);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static long recvmsg(int fd, MemorySegment msghdr, int flags) {
        try {
            return (long) RECVMSG.invokeExact(state(), fd, msghdr, flags);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int shutdown(int fd, int how) {
        try {
            return (int) SHUTDOWN.invokeExact(state(), fd, how);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int close(int fd) {
        try {
            return (int) CLOSE.invokeExact(state(), fd);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int poll(MemorySegment fds, long nfds, int timeoutMs) {
        try {
            return (int) POLL.invokeExact(state(), fds, nfds, timeoutMs);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int shmOpen(MemorySegment name, int flags, int mode) {
        try {
            return (int) SHM_OPEN.invokeExact(state(), name, flags, mode);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int shmUnlink(MemorySegment name) {
        try {
            return (int) SHM_UNLINK.invokeExact(state(), name);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int ftruncate(int fd, long length) {
        try {
            return (int) FTRUNCATE.invokeExact(state(), fd, length);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** mmap; returns the address ({@code -1} = MAP_FAILED). */
    public static long mmap(long addr, long length, int prot, int flags, int fd, long offset) {
        try {
            MemorySegment r = (MemorySegment) MMAP.invokeExact(state(), MemorySegment.ofAddress(addr),
                    length, prot, flags, fd, offset);
            return r.address();
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int munmap(long addr, long length) {
        try {
            return (int) MUNMAP.invokeExact(state(), MemorySegment.ofAddress(addr), length);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int memfdCreate(MemorySegment name, int flags) {
        try {
            return (int) MEMFD_CREATE.invokeExact(state(), name, flags);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int kill(int pid, int signal) {
        try {
            return (int) KILL.invokeExact(state(), pid, signal);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int schedSetscheduler(int pid, int policy, MemorySegment param) {
        try {
            return (int) SCHED_SETSCHEDULER.invokeExact(state(), pid, policy, param);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int schedGetscheduler(int pid) {
        try {
            return (int) SCHED_GETSCHEDULER.invokeExact(state(), pid);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int schedSetaffinity(int pid, long size, MemorySegment mask) {
        try {
            return (int) SCHED_SETAFFINITY.invokeExact(state(), pid, size, mask);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int schedGetaffinity(int pid, long size, MemorySegment mask) {
        try {
            return (int) SCHED_GETAFFINITY.invokeExact(state(), pid, size, mask);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int eventfd(int initval, int flags) {
        try {
            return (int) EVENTFD.invokeExact(state(), initval, flags);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static long read(int fd, MemorySegment buf, long len) {
        try {
            return (long) READ.invokeExact(state(), fd, buf, len);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static long write(int fd, MemorySegment buf, long len) {
        try {
            return (long) WRITE.invokeExact(state(), fd, buf, len);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static long pread(int fd, MemorySegment buf, long len, long offset) {
        try {
            return (long) PREAD.invokeExact(state(), fd, buf, len, offset);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static long lseek(int fd, long offset, int whence) {
        try {
            return (long) LSEEK.invokeExact(state(), fd, offset, whence);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int unlink(MemorySegment path) {
        try {
            return (int) UNLINK.invokeExact(state(), path);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int chmod(MemorySegment path, int mode) {
        try {
            return (int) CHMOD.invokeExact(state(), path, mode);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int fchmod(int fd, int mode) {
        try {
            return (int) FCHMOD.invokeExact(state(), fd, mode);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int getpid() {
        try {
            return (int) GETPID.invokeExact();
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    // ---- checked helpers ----

    /** close(2) that ignores an already-closed or negative fd (cleanup paths). */
    public static void closeQuietly(int fd) {
        if (fd >= 0) {
            close(fd);
        }
    }

    /** The size of the file behind {@code fd} (lseek to the end). */
    public static long fileSize(int fd) {
        return check("lseek", lseek(fd, 0, SEEK_END), "fd " + fd);
    }

    /** Removes a file system entry; returns false if it did not exist. */
    public static boolean unlinkPath(String path) {
        try (Arena a = Arena.ofConfined()) {
            if (unlink(a.allocateFrom(path)) == 0) {
                return true;
            }
            int e = lastErrno();
            if (e == Errno.ENOENT) {
                return false;
            }
            throw new LinuxException("unlink", e, path);
        }
    }

    /** chmod(2) on a path. */
    public static void chmodPath(String path, int mode) {
        try (Arena a = Arena.ofConfined()) {
            check("chmod", chmod(a.allocateFrom(path), mode), path);
        }
    }
}
