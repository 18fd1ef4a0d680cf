package io.gevgate.bridge.cuframes;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import io.gevgate.bridge.memory.SlotMemories;
import io.gevgate.bridge.memory.SlotMemory;
import io.gevgate.bridge.memory.SlotMemoryKind;
import io.gevgate.linux.Libc;
import io.gevgate.linux.LinuxException;
import io.gevgate.linux.MappedRegion;
import io.gevgate.linux.ProcessLiveness;
import io.gevgate.linux.SharedMemory;
import io.gevgate.linux.UnixSocket;

/**
 * A cuframes v4 publisher: owns the frames shm header, the slot memory, the control socket and
 * (optionally) the packet ring of one key.
 *
 * <p>Threading: {@link #acquire}, {@link #publish} and {@link #close} are single-writer (call them
 * from one thread). The accept loop and one thread per connection run inside; a JVM shutdown
 * hook (SIGTERM/SIGINT) marks the header shut down and removes the names.
 */
public final class CuframesPublisher implements AutoCloseable {
    static final int FRAMES_SHM_MODE = 0660;
    static final int SOCKET_MODE = 0660;
    static final int MAX_CONCURRENT_HANDSHAKES = 8;
    private static final long STRICT_WAIT_SLEEP_NS = 100_000;

    private final PublisherConfig config;
    private final int shmFd;
    private final MappedRegion headerRegion;
    private final FramesHeader header;
    private final SlotMemory memory;
    private final SubscriberRegistry registry;
    private final Path socketPath;
    private final UnixSocket listener;
    private final Thread acceptThread;
    private final Set<SubscriberConnection> connections = ConcurrentHashMap.newKeySet();
    private final Semaphore handshakeSlots = new Semaphore(MAX_CONCURRENT_HANDSHAKES);
    private final PublisherStats stats = new PublisherStats();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread shutdownHook;
    private volatile PacketRingWriter packets;

    private long nextSeq;
    private int acquiredSlot = -1;

    private CuframesPublisher(PublisherConfig config, int shmFd, MappedRegion headerRegion, SlotMemory memory,
                              UnixSocket listener, Path socketPath) {
        this.config = config;
        this.shmFd = shmFd;
        this.headerRegion = headerRegion;
        this.header = new FramesHeader(headerRegion.segment());
        this.memory = memory;
        this.registry = new SubscriberRegistry(header);
        this.listener = listener;
        this.socketPath = socketPath;
        this.acceptThread = Thread.ofPlatform().daemon().name("cuframes-accept-" + config.key())
                .unstarted(this::acceptLoop);
        this.shutdownHook = config.shutdownHook()
                ? Thread.ofPlatform().name("cuframes-shutdown-" + config.key()).unstarted(() -> shutdown(true))
                : null;
    }

    /** Creates the shm header, slot memory and control socket, and starts accepting subscribers. */
    public static CuframesPublisher create(PublisherConfig config) {
        CuframesKey key = config.key();
        SlotMemoryKind kind = config.memory() != null ? config.memory() : SlotMemories.defaultKind();
        int fd = ShmSegments.createOrRecover(key.framesShmName(), FramesHeader.SIZE,
                m -> m == FramesHeader.MAGIC || m == FramesHeader.MAGIC_LEGACY,
                FramesHeader.OFF_PRODUCER_PID, FRAMES_SHM_MODE);
        MappedRegion region = null;
        SlotMemory memory = null;
        UnixSocket listener = null;
        try {
            SharedMemory.truncate(fd, FramesHeader.SIZE);
            region = MappedRegion.mapShared(fd, FramesHeader.SIZE, Libc.PROT_READ | Libc.PROT_WRITE);
            memory = SlotMemories.allocate(kind, "cuframes-" + key, config.ringSize(),
                    config.geometry().frameSize(), config.cudaDevice());
            new FramesHeader(region.segment()).initialise(config.ringSize(), ProcessLiveness.currentPid(),
                    config.policy().code(), config.ackTimeoutMs(), kind.code(), memory.slotSize(),
                    config.cudaDevice(), config.geometry());
            Path dir = config.runtimeDir();
            Files.createDirectories(dir);
            Path sock = key.socketPath(dir);
            Libc.unlinkPath(sock.toString()); // we own the key now: any socket file there is stale
            listener = UnixSocket.listen(sock, 64, SOCKET_MODE);
            CuframesPublisher p = new CuframesPublisher(config, fd, region, memory, listener, sock);
            p.acceptThread.start();
            if (p.shutdownHook != null) {
                Runtime.getRuntime().addShutdownHook(p.shutdownHook);
            }
            return p;
        } catch (IOException | RuntimeException e) {
            if (listener != null) {
                listener.close();
                Libc.unlinkPath(key.socketPath(config.runtimeDir()).toString());
            }
            if (memory != null) {
                memory.close();
            }
            if (region != null) {
                region.close();
            }
            Libc.close(fd);
            SharedMemory.unlink(key.framesShmName());
            if (e instanceof CuframesException ce) {
                throw ce;
            }
            throw new CuframesException(CuframesError.IO, "creating publisher '" + key + "': " + e.getMessage(), e);
        }
    }

    private void acceptLoop() {
        while (!closed.get()) {
            UnixSocket s;
            try {
                s = listener.accept();
            } catch (LinuxException e) {
                if (closed.get()) {
                    return;
                }
                LockSupport.parkNanos(1_000_000); // e.g. EMFILE: back off instead of spinning
                continue;
            }
            stats.connections.increment();
            SubscriberConnection c = new SubscriberConnection(this, s);
            if (closed.get()) {
                s.close();
                return;
            }
            if (!handshakeSlots.tryAcquire()) {
                stats.handshakeRejectedBusy.increment();
                new ControlChannel(s).trySendError(CuframesError.TOO_MANY, "too many handshakes in progress");
                s.close();
                continue;
            }
            connections.add(c);
            Thread.ofPlatform().daemon().name("cuframes-conn-" + config.key()).start(c);
        }
    }

    void handshakeFinished() {
        handshakeSlots.release();
    }

    void connectionEnded(SubscriberConnection c) {
        connections.remove(c);
    }

    PublisherConfig config() {
        return config;
    }

    FramesHeader header() {
        return header;
    }

    SubscriberRegistry registry() {
        return registry;
    }

    /** The slot memory (e.g. to write frames through {@link SlotMemory#pointer} on the GPU). */
    public SlotMemory memory() {
        return memory;
    }

    public PublisherStats stats() {
        return stats;
    }

    public CuframesKey key() {
        return config.key();
    }

    public FrameGeometry geometry() {
        return config.geometry();
    }

    /** Current subscriber bitmap (bits 1..31). */
    public long subscriberBitmap() {
        return header.subscriberBitmap();
    }

    /** Subscribers holding a bit right now. */
    public int subscriberCount() {
        return registry.inUse();
    }

    /** The seq the next {@link #publish} will assign. */
    public long nextSeq() {
        return nextSeq;
    }

    /** A slot handed to the writer: index, the seq it will carry, and its memory. */
    public record AcquiredSlot(int index, long seq, SlotMemory memory) {
        /** Host view (memfd only). */
        public MemorySegment host() {
            return memory.hostSlot(index);
        }

        public long pointer() {
            return memory.pointer(index);
        }
    }

    /**
     * Picks the next slot ({@code next_seq mod ring}), waits for acks under STRICT_WAIT, and
     * invalidates the slot's seq (a seqlock: readers never accept a slot being rewritten).
     */
    public AcquiredSlot acquire() {
        ensureOpen();
        int ring = config.ringSize();
        int slot = (int) Long.remainderUnsigned(nextSeq, ring);
        if (config.policy() == Policy.STRICT_WAIT) {
            waitForAcks(slot);
        }
        header.slotSeqRelease(slot, FramesHeader.NONE);
        java.lang.invoke.VarHandle.storeStoreFence();
        acquiredSlot = slot;
        return new AcquiredSlot(slot, nextSeq, memory);
    }

    private void waitForAcks(int slot) {
        if (header.slotSeqAcquire(slot) == FramesHeader.NONE) {
            return; // never published: nobody can hold it
        }
        int timeout = config.ackTimeoutMs();
        long deadline = timeout > 0 ? System.nanoTime() + timeout * 1_000_000L : Long.MAX_VALUE;
        while (true) {
            // Only subscribers present both at publish time and now owe an ack: one that joined
            // later never saw the frame, one that left never will.
            long bitmap = header.subscriberBitmap() & header.slotExpectedAcquire(slot);
            long ack = header.slotAckAcquire(slot);
            if ((ack & bitmap) == bitmap || closed.get()) {
                return;
            }
            if (System.nanoTime() - deadline >= 0) {
                long missing = bitmap & ~ack;
                header.bitmapClear(missing);
                evict(missing);
                return;
            }
            LockSupport.parkNanos(STRICT_WAIT_SLEEP_NS);
        }
    }

    /** Slow subscribers leave the bitmap and their connection is shut down, so they learn it (gevgate decision). */
    private void evict(long missingBits) {
        for (int bit = 1; bit < 32; bit++) {
            if ((missingBits & (1L << bit)) != 0) {
                stats.strictWaitEvictions.increment();
                Object owner = registry.owner(bit);
                if (owner instanceof SubscriberConnection c) {
                    c.shutdown();
                }
            }
        }
    }

    /**
     * Publishes the acquired slot with {@code ptsNs}: synchronises the memory, then stores
     * pts, clears the ack bitmap, records the expected subscribers, stores slot seq and global
     * seq, all with release. Returns the seq.
     */
    public long publish(long ptsNs) {
        ensureOpen();
        if (acquiredSlot < 0) {
            throw new CuframesException(CuframesError.INVALID_ARG, "publish without acquire");
        }
        memory.synchronize();
        return publishWritten(ptsNs);
    }

    /**
     * Publishes the acquired slot whose writes the caller has already completed, without
     * synchronising the slot memory: the GPU path waits on its own frame's "done" event (the one
     * kernel/copy that wrote this slot) before calling this, so the context-wide
     * {@code cuCtxSynchronize} of {@link #publish} (which would also wait for other cameras'
     * streams in the same context) is not needed. Same ordering of header stores as {@link #publish}.
     */
    public long publishWritten(long ptsNs) {
        ensureOpen();
        int slot = acquiredSlot;
        if (slot < 0) {
            throw new CuframesException(CuframesError.INVALID_ARG, "publish without acquire");
        }
        long seq = nextSeq;
        header.slotPtsRelease(slot, ptsNs);
        header.slotAckRelease(slot, 0L);
        header.slotExpectedRelease(slot, header.subscriberBitmap());
        header.slotSeqRelease(slot, seq);
        header.globalSeqRelease(seq);
        nextSeq = seq + 1;
        acquiredSlot = -1;
        stats.published.increment();
        return seq;
    }

    /** Convenience: acquire, copy {@code frame} (host bytes) into the slot, publish. */
    public long publishFrame(MemorySegment frame, long ptsNs) {
        AcquiredSlot s = acquire();
        memory.upload(s.index(), 0, frame);
        return publish(ptsNs);
    }

    /** Creates the encoded packet ring {@code /cuframes-<key>-packets}. */
    public synchronized PacketRingWriter enablePackets(PacketRingOptions options) {
        ensureOpen();
        if (packets != null) {
            throw new CuframesException(CuframesError.ALREADY_EXISTS, "packet ring already enabled for '" + config.key() + "'");
        }
        packets = PacketRingWriter.create(config.key(), options);
        return packets;
    }

    public PacketRingWriter packets() {
        return packets;
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new CuframesException(CuframesError.DISCONNECTED, "publisher '" + config.key() + "' is closed");
        }
    }

    @Override
    public void close() {
        shutdown(false);
    }

    /**
     * Orderly shutdown (protocol §5.10). From the shutdown hook the mappings stay in place
     * (another thread may still be writing and the process is exiting anyway).
     */
    private void shutdown(boolean fromHook) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        header.setShutdownFlag();
        PacketRingWriter pr = packets;
        if (pr != null) {
            pr.markShutdown();
        }
        listener.shutdown();
        Libc.unlinkPath(socketPath.toString());
        for (SubscriberConnection c : connections) {
            c.shutdown();
        }
        SharedMemory.unlink(config.key().framesShmName());
        if (pr != null) {
            pr.unlinkName();
        }
        if (fromHook) {
            return;
        }
        try {
            acceptThread.join(2000);
            long deadline = System.nanoTime() + 2_000_000_000L;
            while (!connections.isEmpty() && System.nanoTime() < deadline) {
                LockSupport.parkNanos(1_000_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        listener.close();
        if (pr != null) {
            pr.close();
        }
        memory.close();
        headerRegion.close();
        Libc.close(shmFd);
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the JVM is exiting; the hook will find the publisher closed
            }
        }
    }
}
