package io.gevgate.linux.net;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * An IPv4 UDP socket driven through FFM: batch receive with {@code recvmmsg}, batch send with
 * {@code sendmmsg}, and socket-buffer control including the privileged {@code SO_RCVBUFFORCE}.
 * One thread uses a socket at a time (the errno capture buffer is per socket).
 */
public final class UdpSocket implements AutoCloseable {
    private final Arena arena = Arena.ofShared();
    private final MemorySegment capture = LibcNet.allocateCapture(arena);
    private final MemorySegment scratch = arena.allocate(32, 8);
    private final MemorySegment scratchLen = arena.allocate(4, 4);
    private final int fd;
    private long receiveTimeoutNanos = -1;
    private boolean closed;

    private UdpSocket(int fd) {
        this.fd = fd;
    }

    /** Opens an unbound IPv4 datagram socket (close-on-exec). */
    public static UdpSocket open() throws NativeSocketException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment cap = LibcNet.allocateCapture(a);
            int fd = LibcNet.socket(cap, LibcNet.AF_INET, LibcNet.SOCK_DGRAM | LibcNet.SOCK_CLOEXEC, 0);
            if (fd < 0) {
                throw new NativeSocketException("socket", LibcNet.errno(cap), "AF_INET/SOCK_DGRAM");
            }
            return new UdpSocket(fd);
        }
    }

    /** The file descriptor (for diagnostics). */
    public int fd() {
        return fd;
    }

    /** Binds to {@code ipv4:port}; port 0 picks an ephemeral port (see {@link #localPort()}). */
    public void bind(String ipv4, int port) throws NativeSocketException {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        MemorySegment addr = scratch.asSlice(0, LibcNet.SOCKADDR_IN_SIZE);
        LibcNet.writeSockaddrIn(addr, DatagramRing.ipv4Bytes(ipv4), port);
        if (LibcNet.bind(capture, fd, addr, (int) LibcNet.SOCKADDR_IN_SIZE) < 0) {
            throw new NativeSocketException("bind", LibcNet.errno(capture), ipv4 + ":" + port);
        }
    }

    /** The bound local port. */
    public int localPort() throws NativeSocketException {
        scratchLen.set(ValueLayout.JAVA_INT, 0, (int) LibcNet.SOCKADDR_IN_SIZE);
        if (LibcNet.getsockname(capture, fd, scratch, scratchLen) < 0) {
            throw new NativeSocketException("getsockname", LibcNet.errno(capture), "");
        }
        return ((scratch.get(ValueLayout.JAVA_BYTE, 2) & 0xFF) << 8) | (scratch.get(ValueLayout.JAVA_BYTE, 3) & 0xFF);
    }

    public void setReuseAddress(boolean on) throws NativeSocketException {
        setIntOption(LibcNet.SO_REUSEADDR, on ? 1 : 0, "SO_REUSEADDR");
    }

    /**
     * Asks for a receive buffer of {@code bytes}. Tries {@code SO_RCVBUFFORCE} first (works with
     * CAP_NET_ADMIN and ignores {@code net.core.rmem_max}), then falls back to {@code SO_RCVBUF},
     * which the kernel silently caps at {@code net.core.rmem_max}.
     *
     * @return the buffer size the kernel granted, in the same units as the request (the kernel
     *     reports twice the usable size; this returns half of what {@code getsockopt} says)
     */
    public int setReceiveBufferSize(int bytes) throws NativeSocketException {
        if (bytes <= 0) {
            throw new IllegalArgumentException("receive buffer must be > 0, got " + bytes);
        }
        if (!trySetIntOption(LibcNet.SO_RCVBUFFORCE, bytes)) {
            setIntOption(LibcNet.SO_RCVBUF, bytes, "SO_RCVBUF");
        }
        return receiveBufferSize();
    }

    /** The granted receive buffer (half the kernel's doubled bookkeeping value). */
    public int receiveBufferSize() throws NativeSocketException {
        return getIntOption(LibcNet.SO_RCVBUF, "SO_RCVBUF") / 2;
    }

    /** Like {@link #setReceiveBufferSize(int)} for the send side. */
    public int setSendBufferSize(int bytes) throws NativeSocketException {
        if (bytes <= 0) {
            throw new IllegalArgumentException("send buffer must be > 0, got " + bytes);
        }
        if (!trySetIntOption(LibcNet.SO_SNDBUFFORCE, bytes)) {
            setIntOption(LibcNet.SO_SNDBUF, bytes, "SO_SNDBUF");
        }
        return getIntOption(LibcNet.SO_SNDBUF, "SO_SNDBUF") / 2;
    }

    /**
     * Sets {@code IP_MTU_DISCOVER = IP_PMTUDISC_DO}: every datagram leaves with DF set and is never
     * fragmented (a datagram larger than the path MTU fails with EMSGSIZE instead). Side effect that
     * RoCEv2 senders rely on: Linux ({@code ip_select_ident_segs}) gives a DF datagram that may not be
     * fragmented locally IPv4 identification 0 when the socket is not connected, instead of the
     * hashed per-destination counter it uses under the default {@code IP_PMTUDISC_WANT}, so the IP
     * header the ICRC covers is predictable.
     */
    public void setDontFragment() throws NativeSocketException {
        MemorySegment v = scratch.asSlice(0, 4);
        v.set(ValueLayout.JAVA_INT, 0, LibcNet.IP_PMTUDISC_DO);
        if (LibcNet.setsockopt(capture, fd, LibcNet.IPPROTO_IP, LibcNet.IP_MTU_DISCOVER, v, 4) < 0) {
            throw new NativeSocketException("setsockopt", LibcNet.errno(capture), "IP_MTU_DISCOVER=IP_PMTUDISC_DO");
        }
    }

    /**
     * Turns on UDP generic segmentation offload for every send on this socket: a message longer
     * than {@code segmentBytes} leaves as consecutive datagrams of {@code segmentBytes} each (the
     * last may be shorter), cut by the kernel ({@code UDP_SEGMENT}, Linux 4.18+). On loopback the
     * cut happens before the receiving socket queues them, so receivers see ordinary datagrams.
     *
     * @return false when the kernel refuses the option (the socket then sends messages unchanged)
     */
    public boolean enableUdpSegmentation(int segmentBytes) {
        if (segmentBytes < 1 || segmentBytes > 65507) {
            throw new IllegalArgumentException("segment size must be 1..65507, got " + segmentBytes);
        }
        MemorySegment v = scratch.asSlice(0, 4);
        v.set(ValueLayout.JAVA_INT, 0, segmentBytes);
        return LibcNet.setsockopt(capture, fd, LibcNet.SOL_UDP, LibcNet.UDP_SEGMENT, v, 4) == 0;
    }

    /**
     * Sets how long a blocking {@link #receive} waits for its first datagram; 0 waits forever.
     * Calls the kernel only when the value changes, so the receive loop can call it every turn.
     */
    public void setReceiveTimeoutNanos(long nanos) throws NativeSocketException {
        if (nanos < 0) {
            throw new IllegalArgumentException("timeout must be >= 0, got " + nanos);
        }
        if (nanos == receiveTimeoutNanos) {
            return;
        }
        // struct timeval in the scratch buffer (no slice: the receive loop calls this every turn)
        scratch.set(ValueLayout.JAVA_LONG, 0, nanos / 1_000_000_000L);
        scratch.set(ValueLayout.JAVA_LONG, 8, (nanos % 1_000_000_000L) / 1000L);
        if (nanos > 0 && nanos < 1000) {
            scratch.set(ValueLayout.JAVA_LONG, 8, 1L); // a zero timeval would mean "forever"
        }
        if (LibcNet.setsockopt(capture, fd, LibcNet.SOL_SOCKET, LibcNet.SO_RCVTIMEO, scratch, 16) < 0) {
            throw new NativeSocketException("setsockopt", LibcNet.errno(capture), "SO_RCVTIMEO");
        }
        receiveTimeoutNanos = nanos;
    }

    /**
     * Receives up to {@code max} datagrams into {@code ring} slots 0..n-1: blocks until the first
     * arrives (or the receive timeout passes), then takes whatever else is already queued.
     *
     * @return datagrams received; 0 when the timeout passed or a signal interrupted the wait
     */
    public int receive(DatagramRing ring, int max) throws NativeSocketException {
        return receive(ring, max, LibcNet.MSG_WAITFORONE);
    }

    /** Like {@link #receive} but never blocks. */
    public int receiveNow(DatagramRing ring, int max) throws NativeSocketException {
        return receive(ring, max, LibcNet.MSG_DONTWAIT);
    }

    private int receive(DatagramRing ring, int max, int flags) throws NativeSocketException {
        int n = Math.min(max, ring.capacity());
        int r = LibcNet.recvmmsg(capture, fd, ring.headers(), n, flags, MemorySegment.NULL);
        if (r >= 0) {
            return r;
        }
        int errno = LibcNet.errno(capture);
        if (errno == LibcNet.EAGAIN || errno == LibcNet.EINTR) {
            return 0;
        }
        throw new NativeSocketException("recvmmsg", errno, "fd " + fd);
    }

    /**
     * Sends ring slots {@code [0, count)} with {@code sendmmsg}; each slot's length comes from
     * {@link DatagramRing#setSendLength} and its destination from {@link DatagramRing#setDestination}.
     * Retries until all are handed to the kernel (a full send buffer blocks, loopback drops
     * at the receiver instead).
     *
     * @return datagrams sent (always {@code count} unless the kernel refuses with an error)
     */
    public int send(DatagramRing ring, int count) throws NativeSocketException {
        int sent = 0;
        int spins = 0;
        while (sent < count) {
            MemorySegment from = sent == 0 ? ring.headers()
                    : ring.headers().asSlice(sent * LibcNet.MMSGHDR_SIZE);
            int r = LibcNet.sendmmsg(capture, fd, from, count - sent, 0);
            if (r > 0) {
                sent += r;
                continue;
            }
            int errno = r < 0 ? LibcNet.errno(capture) : LibcNet.EAGAIN;
            if ((errno == LibcNet.EINTR || errno == LibcNet.EAGAIN) && ++spins < 1000) {
                continue;
            }
            throw new NativeSocketException("sendmmsg", errno, "fd " + fd + ", " + sent + " of " + count + " sent");
        }
        return sent;
    }

    private void setIntOption(int name, int value, String label) throws NativeSocketException {
        if (!trySetIntOption(name, value)) {
            throw new NativeSocketException("setsockopt", LibcNet.errno(capture), label + "=" + value);
        }
    }

    private boolean trySetIntOption(int name, int value) {
        MemorySegment v = scratch.asSlice(0, 4);
        v.set(ValueLayout.JAVA_INT, 0, value);
        return LibcNet.setsockopt(capture, fd, LibcNet.SOL_SOCKET, name, v, 4) == 0;
    }

    private int getIntOption(int name, String label) throws NativeSocketException {
        MemorySegment v = scratch.asSlice(0, 4);
        scratchLen.set(ValueLayout.JAVA_INT, 0, 4);
        if (LibcNet.getsockopt(capture, fd, LibcNet.SOL_SOCKET, name, v, scratchLen) < 0) {
            throw new NativeSocketException("getsockopt", LibcNet.errno(capture), label);
        }
        return v.get(ValueLayout.JAVA_INT, 0);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        LibcNet.close(capture, fd);
        arena.close();
    }
}
