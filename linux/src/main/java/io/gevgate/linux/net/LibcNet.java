package io.gevgate.linux.net;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * FFM down-calls into libc for the UDP calls the GVSP receiver and emitter need. Every call that
 * can fail captures errno through {@link Linker.Option#captureCallState}, because reading errno
 * after the down-call returns is unreliable (the JVM may make its own libc calls in between).
 *
 * <p>Constants are the Linux values, identical on x86_64 and aarch64.
 */
@SuppressWarnings("restricted") // FFM down-calls are the point of this class; run with --enable-native-access
final class LibcNet {
    static final int AF_INET = 2;
    static final int SOCK_DGRAM = 2;
    static final int SOCK_CLOEXEC = 0x80000;
    static final int SOL_SOCKET = 1;
    static final int SOL_UDP = 17;
    static final int UDP_SEGMENT = 103;
    static final int SO_REUSEADDR = 2;
    static final int SO_SNDBUF = 7;
    static final int SO_RCVBUF = 8;
    static final int SO_RCVTIMEO = 20;
    static final int SO_SNDBUFFORCE = 32;
    static final int SO_RCVBUFFORCE = 33;
    static final int IPPROTO_IP = 0;
    static final int IP_MTU_DISCOVER = 10;
    static final int IP_PMTUDISC_DO = 2;
    static final int MSG_DONTWAIT = 0x40;
    static final int MSG_WAITFORONE = 0x10000;
    static final int EINTR = 4;
    static final int EAGAIN = 11;
    static final int EPERM = 1;

    /** struct sockaddr_in: family(2, host order), port(2, BE), addr(4, BE), zero(8). */
    static final long SOCKADDR_IN_SIZE = 16;
    /** struct iovec: base pointer + length. */
    static final long IOVEC_SIZE = 16;
    /** struct mmsghdr on LP64: msghdr (56 bytes) + msg_len(4) + padding(4). */
    static final long MMSGHDR_SIZE = 64;
    static final long MSG_NAME = 0;
    static final long MSG_NAMELEN = 8;
    static final long MSG_IOV = 16;
    static final long MSG_IOVLEN = 24;
    static final long MSG_LEN = 56;

    static final StructLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();
    // A plain offset read instead of a VarHandle: the generic VarHandle call path boxed on every
    // receive timeout (measured: ~35 bytes each), and the receive thread must not allocate.
    private static final long ERRNO_OFFSET =
            CAPTURE_LAYOUT.byteOffset(MemoryLayout.PathElement.groupElement("errno"));

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final Linker.Option CAPTURE = Linker.Option.captureCallState("errno");

    private static final MethodHandle SOCKET = errnoCall("socket", JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT);
    private static final MethodHandle BIND = errnoCall("bind", JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT);
    private static final MethodHandle SETSOCKOPT =
            errnoCall("setsockopt", JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT);
    private static final MethodHandle GETSOCKOPT =
            errnoCall("getsockopt", JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS);
    private static final MethodHandle GETSOCKNAME =
            errnoCall("getsockname", JAVA_INT, JAVA_INT, ADDRESS, ADDRESS);
    private static final MethodHandle RECVMMSG =
            errnoCall("recvmmsg", JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS);
    private static final MethodHandle SENDMMSG =
            errnoCall("sendmmsg", JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT);
    private static final MethodHandle CLOSE = errnoCall("close", JAVA_INT, JAVA_INT);
    private static final MethodHandle STRERROR = LINKER.downcallHandle(
            LIBC.find("strerror").orElseThrow(), FunctionDescriptor.of(ADDRESS, JAVA_INT));

    private LibcNet() {
    }

    private static MethodHandle errnoCall(String name, ValueLayout ret, MemoryLayout... args) {
        MemorySegment symbol = LIBC.find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError("libc has no symbol " + name));
        return LINKER.downcallHandle(symbol, FunctionDescriptor.of(ret, args), CAPTURE);
    }

    static int errno(MemorySegment capture) {
        return capture.get(ValueLayout.JAVA_INT, ERRNO_OFFSET);
    }

    static int socket(MemorySegment capture, int domain, int type, int protocol) {
        try {
            return (int) SOCKET.invokeExact(capture, domain, type, protocol);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int bind(MemorySegment capture, int fd, MemorySegment addr, int len) {
        try {
            return (int) BIND.invokeExact(capture, fd, addr, len);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int setsockopt(MemorySegment capture, int fd, int level, int name, MemorySegment value, int len) {
        try {
            return (int) SETSOCKOPT.invokeExact(capture, fd, level, name, value, len);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int getsockopt(MemorySegment capture, int fd, int level, int name, MemorySegment value,
                          MemorySegment len) {
        try {
            return (int) GETSOCKOPT.invokeExact(capture, fd, level, name, value, len);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int getsockname(MemorySegment capture, int fd, MemorySegment addr, MemorySegment len) {
        try {
            return (int) GETSOCKNAME.invokeExact(capture, fd, addr, len);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int recvmmsg(MemorySegment capture, int fd, MemorySegment msgvec, int vlen, int flags,
                        MemorySegment timeout) {
        try {
            return (int) RECVMMSG.invokeExact(capture, fd, msgvec, vlen, flags, timeout);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int sendmmsg(MemorySegment capture, int fd, MemorySegment msgvec, int vlen, int flags) {
        try {
            return (int) SENDMMSG.invokeExact(capture, fd, msgvec, vlen, flags);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int close(MemorySegment capture, int fd) {
        try {
            return (int) CLOSE.invokeExact(capture, fd);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static String strerror(int errno) {
        try {
            MemorySegment s = (MemorySegment) STRERROR.invokeExact(errno);
            return s.reinterpret(256).getString(0);
        } catch (Throwable t) {
            return "errno " + errno;
        }
    }

    /** Writes an IPv4 sockaddr_in (network byte order for port and address). */
    static void writeSockaddrIn(MemorySegment dst, byte[] ipv4, int port) {
        dst.fill((byte) 0);
        dst.set(ValueLayout.JAVA_SHORT, 0, (short) AF_INET);
        dst.set(ValueLayout.JAVA_BYTE, 2, (byte) (port >>> 8));
        dst.set(ValueLayout.JAVA_BYTE, 3, (byte) port);
        MemorySegment.copy(ipv4, 0, dst, ValueLayout.JAVA_BYTE, 4, 4);
    }

    static MemorySegment allocateCapture(Arena arena) {
        return arena.allocate(CAPTURE_LAYOUT);
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException("native call failed", t);
    }
}
