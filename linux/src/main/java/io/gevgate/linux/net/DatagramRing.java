package io.gevgate.linux.net;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A preallocated native ring of datagram slots plus the {@code struct mmsghdr}/{@code iovec}
 * arrays that {@code recvmmsg}/{@code sendmmsg} need. Everything is allocated once, so a batch
 * receive or send allocates nothing on the Java heap.
 *
 * <p>Slot {@code i} occupies bytes {@code [slotOffset(i), slotOffset(i) + slotSize())} of
 * {@link #data()}. Callers use offsets instead of slices because {@code asSlice} allocates.
 * A ring is used by one thread at a time.
 */
public final class DatagramRing implements AutoCloseable {
    private final Arena arena;
    private final int capacity;
    private final int slotSize;
    private final MemorySegment data;
    private final MemorySegment headers;
    private final MemorySegment iovecs;
    private final MemorySegment names;

    /**
     * @param capacity number of datagrams per batch (1..1024)
     * @param slotSize bytes per datagram slot (the largest datagram; 1..65536)
     */
    public DatagramRing(int capacity, int slotSize) {
        if (capacity < 1 || capacity > 1024) {
            throw new IllegalArgumentException("capacity must be 1..1024, got " + capacity);
        }
        if (slotSize < 1 || slotSize > 65536) {
            throw new IllegalArgumentException("slotSize must be 1..65536, got " + slotSize);
        }
        this.capacity = capacity;
        this.slotSize = slotSize;
        this.arena = Arena.ofShared();
        this.data = arena.allocate((long) capacity * slotSize, 64);
        this.headers = arena.allocate(capacity * LibcNet.MMSGHDR_SIZE, 8);
        this.iovecs = arena.allocate(capacity * LibcNet.IOVEC_SIZE, 8);
        this.names = arena.allocate(capacity * LibcNet.SOCKADDR_IN_SIZE, 8);
        for (int i = 0; i < capacity; i++) {
            long iov = i * LibcNet.IOVEC_SIZE;
            iovecs.set(ValueLayout.ADDRESS, iov, data.asSlice((long) i * slotSize, slotSize));
            iovecs.set(ValueLayout.JAVA_LONG, iov + 8, slotSize);
            long h = i * LibcNet.MMSGHDR_SIZE;
            headers.set(ValueLayout.ADDRESS, h + LibcNet.MSG_IOV, iovecs.asSlice(iov, LibcNet.IOVEC_SIZE));
            headers.set(ValueLayout.JAVA_LONG, h + LibcNet.MSG_IOVLEN, 1L);
        }
    }

    public int capacity() {
        return capacity;
    }

    public int slotSize() {
        return slotSize;
    }

    /** The whole slot memory; slot {@code i} starts at {@link #slotOffset(int)}. */
    public MemorySegment data() {
        return data;
    }

    public long slotOffset(int i) {
        return (long) i * slotSize;
    }

    /** Bytes the kernel stored in slot {@code i} by the last receive (or sent by the last send). */
    public int length(int i) {
        return headers.get(ValueLayout.JAVA_INT, i * LibcNet.MMSGHDR_SIZE + LibcNet.MSG_LEN);
    }

    /** Sets how many bytes of slot {@code i} the next send transmits. */
    public void setSendLength(int i, int length) {
        if (length < 0 || length > slotSize) {
            throw new IllegalArgumentException("length must be 0.." + slotSize + ", got " + length);
        }
        iovecs.set(ValueLayout.JAVA_LONG, i * LibcNet.IOVEC_SIZE + 8, length);
    }

    /**
     * Makes every slot's message carry {@code ipv4:port} as its destination, so an unconnected
     * socket can {@code sendmmsg} without ICMP "port unreachable" errors surfacing as ECONNREFUSED.
     */
    public void setDestination(String ipv4, int port) {
        byte[] ip = ipv4Bytes(ipv4);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535, got " + port);
        }
        for (int i = 0; i < capacity; i++) {
            long n = i * LibcNet.SOCKADDR_IN_SIZE;
            MemorySegment name = names.asSlice(n, LibcNet.SOCKADDR_IN_SIZE);
            LibcNet.writeSockaddrIn(name, ip, port);
            long h = i * LibcNet.MMSGHDR_SIZE;
            headers.set(ValueLayout.ADDRESS, h + LibcNet.MSG_NAME, name);
            headers.set(ValueLayout.JAVA_INT, h + LibcNet.MSG_NAMELEN, (int) LibcNet.SOCKADDR_IN_SIZE);
        }
    }

    MemorySegment headers() {
        return headers;
    }

    /** Restores every slot's iovec length to the full slot size before a receive. */
    void resetReceiveLengths() {
        for (int i = 0; i < capacity; i++) {
            iovecs.set(ValueLayout.JAVA_LONG, i * LibcNet.IOVEC_SIZE + 8, slotSize);
        }
    }

    /** Parses a dotted-quad IPv4 literal; never resolves names (no DNS lookups from here). */
    static byte[] ipv4Bytes(String ipv4) {
        String[] parts = ipv4 == null ? new String[0] : ipv4.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("not a dotted-quad IPv4 address: " + ipv4);
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("not a dotted-quad IPv4 address: " + ipv4);
            }
            int v = Integer.parseInt(p);
            if (v > 255) {
                throw new IllegalArgumentException("IPv4 octet out of range in " + ipv4);
            }
            out[i] = (byte) v;
        }
        return out;
    }

    @Override
    public void close() {
        arena.close();
    }
}
