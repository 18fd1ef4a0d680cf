package io.gevgate.bridge.cuframes;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;

import io.gevgate.bridge.memory.SlotMemories;
import io.gevgate.bridge.memory.SlotMemory;
import io.gevgate.bridge.memory.SlotMemoryKind;
import io.gevgate.linux.Errno;
import io.gevgate.linux.Libc;
import io.gevgate.linux.LinuxException;
import io.gevgate.linux.MappedRegion;
import io.gevgate.linux.SharedMemory;
import io.gevgate.linux.UnixSocket;

/**
 * A cuframes v4 subscriber (protocol §5.9, §7.2). Single-threaded: one frame outstanding at a
 * time, {@link #next} / {@link #release} / {@link #close} from one thread.
 */
public final class CuframesSubscriber implements AutoCloseable {
    private static final long SOCKET_CHECK_NS = 1_000_000;

    private final SubscriberConfig config;
    private final ControlChannel channel;
    private final int shmFd;
    private final MappedRegion headerRegion;
    private final FramesHeader header;
    private final SlotMemory memory;
    private final FrameGeometry geometry;
    private final int bit;
    private final int ringSize;
    private final Frame frame;
    private final SubscriberStats stats = new SubscriberStats();
    private long lastSeen;
    private boolean outstanding;
    private boolean disconnected;
    private long nextSocketCheck;
    private boolean closed;

    private CuframesSubscriber(SubscriberConfig config, ControlChannel channel, int shmFd, MappedRegion region,
                               SlotMemory memory, int bit, long initialSeq) {
        this.config = config;
        this.channel = channel;
        this.shmFd = shmFd;
        this.headerRegion = region;
        this.header = new FramesHeader(region.segment());
        this.memory = memory;
        this.geometry = header.geometry();
        this.bit = bit;
        this.ringSize = header.ringSize();
        this.lastSeen = initialSeq;
        this.frame = new Frame(header, memory, geometry);
    }

    /** Connects, runs the handshake, maps the header and imports the slot memory. */
    public static CuframesSubscriber connect(SubscriberConfig config) {
        UnixSocket socket = connectWithRetry(config);
        ControlChannel ch = new ControlChannel(socket);
        int[] fds = new int[0];
        int shmFd = -1;
        MappedRegion region = null;
        try {
            int t = config.handshakeTimeoutMs();
            sendHello(ch, config);
            Messages.HelloResponse hello = Messages.HelloResponse.decode(expect(ch, MessageType.HELLO_RESP, t).payload());
            if (hello.result() != 0) {
                throw new CuframesException(CuframesError.ofCode(hello.result()), "HELLO_RESP result " + hello.result());
            }
            if (hello.protoVersion() != FramesHeader.PROTO_VERSION) {
                throw new CuframesException(CuframesError.PROTOCOL, "HELLO_RESP proto_version_actual: expected 4, got "
                        + hello.protoVersion());
            }
            ch.send(MessageType.SUBSCRIBE_REQ, new Messages.SubscribeRequest(FramesHeader.PROTO_VERSION).encode());
            Messages.SubscribeResponse sub = Messages.SubscribeResponse.decode(
                    expect(ch, MessageType.SUBSCRIBE_RESP, t).payload());
            if (sub.result() != 0) {
                throw new CuframesException(CuframesError.ofCode(sub.result()), "SUBSCRIBE_RESP result " + sub.result()
                        + " (" + CuframesError.ofCode(sub.result()).text() + ")");
            }
            ControlChannel.Message vmm = ch.receive(t, io.gevgate.linux.ScmRights.MAX_FDS);
            fds = vmm.fds();
            if (vmm.type() == MessageType.ERROR) {
                throw Messages.ErrorMessage.decode(vmm.payload()).toException("waiting for VMM_FDS");
            }
            if (vmm.type() != MessageType.VMM_FDS) {
                throw new CuframesException(CuframesError.PROTOCOL, "expected VMM_FDS (0x05), got " + MessageType.name(vmm.type()));
            }
            Messages.SlotFds slotFds = Messages.SlotFds.decode(vmm.payload());
            if (slotFds.fdCount() != fds.length) {
                throw new CuframesException(CuframesError.PROTOCOL, "VMM_FDS fd_count " + slotFds.fdCount()
                        + " but " + fds.length + " FDs arrived");
            }
            String shmName = config.key().framesShmName();
            shmFd = SharedMemory.open(shmName, true);
            if (shmFd < 0) {
                throw new CuframesException(CuframesError.NOT_FOUND, shmName + " does not exist");
            }
            long size = Libc.fileSize(shmFd);
            if (size < FramesHeader.SIZE) {
                throw new CuframesException(CuframesError.PROTOCOL, shmName + " is " + size + " bytes, expected " + FramesHeader.SIZE);
            }
            region = MappedRegion.mapShared(shmFd, FramesHeader.SIZE, Libc.PROT_READ | Libc.PROT_WRITE);
            FramesHeader h = new FramesHeader(region.segment());
            h.validateForSubscriber();
            if (h.ringSize() != fds.length) {
                throw new CuframesException(CuframesError.PROTOCOL, "header ring_size " + h.ringSize() + " but "
                        + fds.length + " slot FDs");
            }
            if (slotFds.slotSize() < h.geometry().frameSize()) {
                throw new CuframesException(CuframesError.PROTOCOL, "slot_size_bytes " + slotFds.slotSize()
                        + " smaller than frame_size_bytes " + h.geometry().frameSize());
            }
            SlotMemoryKind kind;
            try {
                kind = SlotMemoryKind.ofCode(h.memoryBackend());
            } catch (IllegalArgumentException e) {
                throw new CuframesException(CuframesError.PROTOCOL, "memory_backend at 0x02C: " + e.getMessage());
            }
            int[] owned = fds;
            fds = new int[0];
            SlotMemory mem = SlotMemories.importFds(kind, owned, slotFds.slotSize(), config.cudaDevice());
            return new CuframesSubscriber(config, ch, shmFd, region, mem, sub.assignedBit(), sub.initialSeq());
        } catch (RuntimeException e) {
            for (int fd : fds) {
                Libc.closeQuietly(fd);
            }
            if (region != null) {
                region.close();
            }
            Libc.closeQuietly(shmFd);
            ch.close();
            if (e instanceof CuframesException) {
                throw e;
            }
            throw new CuframesException(CuframesError.IO, "subscribing to '" + config.key() + "': " + e.getMessage(), e);
        }
    }

    /**
     * Sends HELLO_REQ. A busy publisher answers a connection with ERROR and closes it before reading
     * anything, so the send can fail (EPIPE) although the publisher's refusal is already waiting in
     * our receive buffer: report that refusal (e.g. TOO_MANY), not a bare DISCONNECTED.
     */
    static void sendHello(ControlChannel ch, SubscriberConfig config) {
        try {
            ch.send(MessageType.HELLO_REQ, new Messages.HelloRequest(FramesHeader.PROTO_VERSION, config.consumerName(),
                    config.cudaDevice(), config.mode().code()).encode());
        } catch (CuframesException sendFailed) {
            ControlChannel.Message pending;
            try {
                pending = ch.receive(100, 0);
            } catch (CuframesException nothingPending) {
                sendFailed.addSuppressed(nothingPending);
                throw sendFailed;
            }
            if (pending.type() == MessageType.ERROR) {
                throw Messages.ErrorMessage.decode(pending.payload()).toException("sending HELLO_REQ");
            }
            throw sendFailed;
        }
    }

    private static ControlChannel.Message expect(ControlChannel ch, int type, int timeoutMs) {
        ControlChannel.Message m = ch.receive(timeoutMs, 0);
        if (m.type() == MessageType.ERROR) {
            throw Messages.ErrorMessage.decode(m.payload()).toException("waiting for " + MessageType.name(type));
        }
        if (m.type() != type) {
            throw new CuframesException(CuframesError.PROTOCOL, "expected " + MessageType.name(type) + ", got "
                    + MessageType.name(m.type()));
        }
        return m;
    }

    private static UnixSocket connectWithRetry(SubscriberConfig config) {
        Path path = config.key().socketPath(config.runtimeDir());
        long deadline = System.nanoTime() + Math.max(0, config.connectTimeoutMs()) * 1_000_000L;
        while (true) {
            try {
                return UnixSocket.connect(path);
            } catch (LinuxException e) {
                if (e.errno() != Errno.ENOENT && e.errno() != Errno.ECONNREFUSED) {
                    throw new CuframesException(CuframesError.IO, "connecting to " + path + ": " + e.getMessage(), e);
                }
                if (config.connectTimeoutMs() == 0) {
                    throw new CuframesException(CuframesError.NOT_FOUND, "no publisher at " + path);
                }
                if (config.connectTimeoutMs() > 0 && System.nanoTime() - deadline >= 0) {
                    throw new CuframesException(CuframesError.TIMEOUT, "no publisher at " + path + " within "
                            + config.connectTimeoutMs() + " ms");
                }
                LockSupport.parkNanos(100_000_000L);
            }
        }
    }

    public int assignedBit() {
        return bit;
    }

    public FrameGeometry geometry() {
        return geometry;
    }

    public SubscriberStats stats() {
        return stats;
    }

    public SlotMemoryKind memoryKind() {
        return memory.kind();
    }

    /**
     * The next frame per the mode, waiting up to {@code timeoutMs} (0 = don't wait, &lt; 0 = forever).
     * Returns null when none arrived (counted as a timeout). Throws DISCONNECTED when the publisher
     * shut down or died, or (STRICT_ORDER) fell more than a ring behind.
     */
    public Frame next(long timeoutMs) {
        if (outstanding) {
            throw new CuframesException(CuframesError.INVALID_ARG, "release the previous frame before next()");
        }
        checkAlive();
        long start = System.nanoTime();
        long deadline = timeoutMs > 0 ? start + timeoutMs * 1_000_000L : 0;
        while (true) {
            long gs = header.globalSeqAcquire();
            if (gs != FramesHeader.NONE && (lastSeen == FramesHeader.NONE || Long.compareUnsigned(gs, lastSeen) > 0)) {
                long target;
                boolean restart = false;
                // STRICT_ORDER starts right after initial_seq: with nothing published before the
                // subscription (NONE = -1) that is frame 0, so no frame published after SUBSCRIBE_RESP
                // is missed however late the first next() comes (§7.2).
                if (config.mode() == SubscriberMode.NEWEST_ONLY) {
                    target = gs;
                } else if (gs - lastSeen > ringSize && stats.frames == 0) {
                    target = gs; // overrun before the first frame (slow handshake): start at the newest
                    restart = true;
                } else if (gs - lastSeen > ringSize) {
                    disconnected = true;
                    throw new CuframesException(CuframesError.DISCONNECTED, "STRICT_ORDER overrun: at " + lastSeen
                            + ", newest " + gs + ", ring " + ringSize);
                } else {
                    target = lastSeen + 1;
                }
                int slot = (int) Long.remainderUnsigned(target, ringSize);
                if (header.slotSeqAcquire(slot) == target) {
                    long pts = header.slotPtsAcquire(slot);
                    if (header.slotSeqAcquire(slot) == target) {
                        if (lastSeen != FramesHeader.NONE && target > lastSeen + 1 && !restart) {
                            stats.gaps += target - lastSeen - 1;
                        }
                        if (stats.frames == 0 || target > lastSeen + 1) {
                            ackSkipped(target);
                        }
                        lastSeen = target;
                        frame.slot = slot;
                        frame.seq = target;
                        frame.ptsNs = pts;
                        outstanding = true;
                        stats.frames++;
                        return frame;
                    }
                }
                stats.retries++;
                continue;
            }
            if (timeoutMs == 0) {
                stats.timeouts++;
                return null;
            }
            long now = System.nanoTime();
            if (timeoutMs > 0 && now - deadline >= 0) {
                stats.timeouts++;
                return null;
            }
            if (now - nextSocketCheck >= 0) {
                nextSocketCheck = now + SOCKET_CHECK_NS;
                checkAlive();
            }
            if (now - start < config.spinNs()) {
                Thread.onSpinWait();
            } else {
                LockSupport.parkNanos(config.pollIntervalNs());
            }
        }
    }

    /**
     * Acks every slot holding a frame older than {@code target}: frames this subscriber skipped
     * and will never read must not hold up a STRICT_WAIT publisher (gevgate decision, §7.2).
     */
    private void ackSkipped(long target) {
        long mine = 1L << bit;
        for (int i = 0; i < ringSize; i++) {
            long s = header.slotSeqAcquire(i);
            if (s != FramesHeader.NONE && Long.compareUnsigned(s, target) < 0) {
                header.slotAckOr(i, mine);
            }
        }
    }

    private void checkAlive() {
        if (disconnected || header.shutdownFlag() != 0) {
            disconnected = true;
            throw new CuframesException(CuframesError.DISCONNECTED, "publisher '" + config.key() + "' shut down");
        }
        if (channel.socket().peerClosed()) {
            disconnected = true;
            throw new CuframesException(CuframesError.DISCONNECTED, "publisher '" + config.key() + "' closed the control socket");
        }
    }

    /**
     * Acks the frame (sets this subscriber's bit in the slot's ack bitmap) and returns whether it
     * stayed intact while held; a torn frame is counted.
     */
    public boolean release(Frame f) {
        if (f == null) {
            return true;
        }
        if (f != frame || !outstanding) {
            throw new CuframesException(CuframesError.INVALID_ARG, "frame does not belong to this subscriber or was released");
        }
        boolean ok = f.intact();
        if (!ok) {
            stats.torn++;
        }
        header.slotAckOr(f.slot, 1L << bit);
        outstanding = false;
        return ok;
    }

    /** Round trip over the control socket: sends PING, waits for the PONG echo. */
    public void ping(byte[] payload, int timeoutMs) {
        if (payload.length > 64) {
            throw new CuframesException(CuframesError.INVALID_ARG, "PING payload max 64 bytes");
        }
        channel.send(MessageType.PING, payload);
        ControlChannel.Message m = channel.receive(timeoutMs, 0);
        if (m.type() != MessageType.PONG || !java.util.Arrays.equals(m.payload(), payload)) {
            throw new CuframesException(CuframesError.PROTOCOL, "expected PONG echoing " + payload.length
                    + " bytes, got " + MessageType.name(m.type()) + " with " + m.payload().length);
        }
    }

    /** Opens the publisher's packet ring (keyframe-aligned start). */
    public PacketRingReader openPackets() {
        return PacketRingReader.open(config.key());
    }

    /** Copies the current frame into {@code dst}; convenience for host consumers. */
    public boolean copyFrame(Frame f, MemorySegment dst) {
        return f.copyTo(dst);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        // Leave the bitmap ourselves (as libcuframes does); the publisher's monitor also frees it on EOF.
        header.bitmapClear(1L << bit);
        channel.close();
        memory.close();
        headerRegion.close();
        Libc.closeQuietly(shmFd);
    }
}
