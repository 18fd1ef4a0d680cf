package io.gevgate.simulator.stream;

import io.gevgate.linux.net.DatagramRing;
import io.gevgate.linux.net.NativeSocketException;
import io.gevgate.linux.net.UdpSocket;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The simulator's GVSP stream channel: one platform thread generates self-checking frames
 * ({@link TestPattern}), cuts them into packets and sends them in {@code sendmmsg} batches, free
 * running or paced or triggered. It keeps the last {@code historyDepth} blocks and serves
 * PACKETRESEND requests ({@link #resend}) from them on the same thread (so the socket has one
 * user and the hot path has no locks). {@link LossInjection} damages the stream on purpose.
 */
public final class GvspEmitter implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(GvspEmitter.class.getName());
    private static final int BATCH = 64;
    /** Messages per sendmmsg with UDP GSO: each carries up to {@link #MAX_SEGMENTS} packets. */
    private static final int GSO_BATCH = 16;
    /** Kernel limit on segments per GSO send (UDP_MAX_SEGMENTS) and the 64 KiB datagram limit. */
    private static final int MAX_SEGMENTS = 64;
    private static final int MAX_GSO_BYTES = 65000;

    private record ResendRequest(long blockId, long first, long last) {
    }

    private final GvspEmitterConfig cfg;
    private final BlockLayout layout;
    private final GvspPacketizer packetizer;
    private final LossInjector loss;
    private final EmitterCounters counters = new EmitterCounters();
    private final UdpSocket socket;
    private final DatagramRing ring;
    private final Arena arena = Arena.ofShared();
    private final StreamBlock[] history;
    private final MemorySegment held;
    private int heldLength = -1;
    private final ArrayBlockingQueue<ResendRequest> resendQueue = new ArrayBlockingQueue<>(4096);
    private final Semaphore triggers = new Semaphore(0);
    private final Thread thread;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final int localPort;
    private volatile boolean running = true;
    private volatile boolean halted;
    private volatile Throwable failure;
    /** Full-size packet length (SCPS - 28): the GSO segment size. */
    private final int segment;
    /** Packets one message may carry: 1 without GSO. */
    private final int perMessage;
    private final long packetDelayNanos;
    /** Closed messages waiting in the ring for the next sendmmsg. */
    private int pending;
    /** Bytes and packets of the message being filled in ring slot {@code pending}. */
    private int messageBytes;
    private int messagePackets;
    /** Packets in the ring not yet handed to the kernel (closed messages and the open one). */
    private int pendingPackets;
    private long nextSendNanos;
    private long nextBlockId;
    private long frameCounter;
    private int historyNext;

    private GvspEmitter(GvspEmitterConfig cfg) throws NativeSocketException {
        if (cfg.destinationPort() == 0) {
            throw new IllegalArgumentException("destination port not set");
        }
        this.cfg = cfg;
        this.layout = BlockLayout.of(cfg);
        this.packetizer = new GvspPacketizer(cfg, layout);
        this.loss = new LossInjector(cfg.loss());
        this.history = new StreamBlock[cfg.historyDepth()];
        // blocks are allocated on first use (a deep history must not delay AcquisitionStart's ack)
        this.segment = Math.max(cfg.packetSize() - 28, 64);
        this.held = arena.allocate(segment, 8);
        this.packetDelayNanos = cfg.interPacketDelayNanos();
        UdpSocket s = UdpSocket.open();
        try {
            s.bind(cfg.sourceAddress(), cfg.sourcePort());
            s.setSendBufferSize(cfg.sendBufferBytes());
            this.localPort = s.localPort();
            int segments = Math.min(MAX_SEGMENTS, MAX_GSO_BYTES / segment);
            boolean gso = cfg.udpGso() && packetDelayNanos == 0 && segments > 1 && s.enableUdpSegmentation(segment);
            if (cfg.udpGso() && !gso && packetDelayNanos == 0) {
                LOG.log(System.Logger.Level.WARNING, "UDP GSO unavailable: sending one datagram per packet");
            }
            this.perMessage = gso ? segments : 1;
            this.ring = gso ? new DatagramRing(GSO_BATCH, segment * segments) : new DatagramRing(BATCH, segment);
            ring.setDestination(cfg.destinationAddress(), cfg.destinationPort());
        } catch (NativeSocketException | RuntimeException e) {
            s.close();
            throw e;
        }
        this.socket = s;
        this.nextBlockId = cfg.firstBlockId();
        this.thread = Thread.ofPlatform().name(cfg.threadName()).daemon(true).unstarted(this::run);
    }

    /** Opens the socket and starts streaming. */
    public static GvspEmitter start(GvspEmitterConfig cfg) throws NativeSocketException {
        GvspEmitter e = new GvspEmitter(cfg);
        e.thread.start();
        return e;
    }

    public EmitterCounters counters() {
        return counters;
    }

    /** The stream's source port (what SCSP reports). */
    public int sourcePort() {
        return localPort;
    }

    /** Packets per block, leader and trailer included. */
    public int packetsPerBlock() {
        return packetizer.packetCount();
    }

    /** Packets handed to the kernel per message: more than 1 when UDP GSO is in use. */
    public int packetsPerSend() {
        return perMessage;
    }

    /** Payload bytes per block. */
    public long payloadSize() {
        return layout.totalSize;
    }

    /** GenDC: flow sizes for the flow mapping table (flow 0 = descriptor); null for other kinds. */
    public long[] genDcFlowSizes() {
        return layout.flowSizes == null ? null : layout.flowSizes.clone();
    }

    public Thread thread() {
        return thread;
    }

    public Throwable failure() {
        return failure;
    }

    /** Sends one frame in triggered mode. */
    public void trigger() {
        triggers.release();
        LockSupport.unpark(thread);
    }

    /**
     * PACKETRESEND service, called by the GVCP server (any thread). Queued and served by the
     * emitter thread between batches; never blocks the caller.
     */
    public void resend(long blockId, long firstPacketId, long lastPacketId) {
        if (halted || firstPacketId > lastPacketId) {
            return;
        }
        if (!resendQueue.offer(new ResendRequest(blockId, firstPacketId, lastPacketId))) {
            counters.resendRequestsRejected.incrementAndGet();
            return;
        }
        LockSupport.unpark(thread);
    }

    private void run() {
        try {
            long period = cfg.frameRate() > 0 ? (long) (1e9 / cfg.frameRate()) : 0;
            long next = System.nanoTime();
            while (running && !halted) {
                boolean more = cfg.frameCount() == 0 || frameCounter < cfg.frameCount();
                if (!more) {
                    idleServeResends(10_000_000L);
                    continue;
                }
                if (cfg.triggered()) {
                    if (!triggers.tryAcquire()) {
                        idleServeResends(10_000_000L);
                        continue;
                    }
                } else if (period > 0) {
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        idleServeResends(wait);
                        continue;
                    }
                    next += period;
                }
                sendFrame();
                serveResends();
            }
        } catch (Throwable t) {
            failure = t;
            LOG.log(System.Logger.Level.ERROR, "GVSP emitter failed", t);
        } finally {
            socket.close();
            ring.close();
            stopped.countDown();
        }
    }

    private void idleServeResends(long nanos) throws NativeSocketException {
        if (resendQueue.isEmpty()) {
            LockSupport.parkNanos(this, Math.min(nanos, 10_000_000L));
        }
        serveResends();
    }

    private void sendFrame() throws NativeSocketException {
        StreamBlock b = history[historyNext];
        if (b == null) {
            b = history[historyNext] = new StreamBlock(arena.allocate(Math.max(64, layout.totalSize), 64));
        }
        historyNext = (historyNext + 1) % history.length;
        b.fill(layout, nextBlockId, frameCounter, System.nanoTime());
        if (layout.kind == PayloadKind.GENDC && cfg.genDcDescriptorFault() != null) {
            cfg.genDcDescriptorFault().accept(b.payload.asSlice(0, layout.descriptorSize), frameCounter);
        }
        nextBlockId = advance(nextBlockId);
        frameCounter++;
        int n = packetizer.packetCount();
        for (int pid = 0; pid < n && !halted; pid++) {
            emit(b, pid, false);
            if (resendQueue.peek() != null && pendingPackets == 0) {
                serveResends();
            }
        }
        releaseHeld();
        flush();
        counters.framesSent.incrementAndGet();
        counters.payloadBytesSent.addAndGet(layout.totalSize);
    }

    private long advance(long id) {
        if (cfg.extendedIds()) {
            return id + 1;
        }
        return id >= 65535 ? 1 : id + 1;
    }

    /** Writes one packet into the batch, applying loss injection. */
    private void emit(StreamBlock b, int pid, boolean resend) throws NativeSocketException {
        if (cfg.haltAfterPackets() >= 0 && counters.packetsSent.get() + pendingPackets >= cfg.haltAfterPackets()) {
            flush();
            halted = true; // the "device" dies here, mid-frame if it so happens
            return;
        }
        LossInjector.Action action = loss.next(resend);
        switch (action) {
            case DROP -> counters.packetsDropped.incrementAndGet();
            case SEND -> place(b, pid, resend);
            case DUPLICATE -> {
                place(b, pid, resend);
                place(b, pid, resend);
                counters.packetsDuplicated.incrementAndGet();
            }
            case REORDER -> {
                releaseHeld();
                heldLength = packetizer.write(b, pid, held, 0, resend);
                counters.packetsReordered.incrementAndGet();
                return; // goes out after the next packet
            }
        }
        releaseHeld();
    }

    private void place(StreamBlock b, int pid, boolean resend) throws NativeSocketException {
        append(packetizer.write(b, pid, ring.data(), writeOffset(), resend));
    }

    private void releaseHeld() throws NativeSocketException {
        if (heldLength < 0) {
            return;
        }
        MemorySegment.copy(held, 0, ring.data(), writeOffset(), heldLength);
        int len = heldLength;
        heldLength = -1;
        append(len);
    }

    /** Where the next packet is written: the end of the message being filled. */
    private long writeOffset() {
        return ring.slotOffset(pending) + messageBytes;
    }

    /**
     * Accounts a packet just written at {@link #writeOffset()}. Full-size packets keep filling one
     * GSO message; a shorter one (leader, trailer, last data packet) may only be a message's last
     * segment, so it closes the message.
     */
    private void append(int len) throws NativeSocketException {
        messageBytes += len;
        messagePackets++;
        pendingPackets++;
        if (len != segment || messagePackets == perMessage) {
            closeMessage();
        }
        if (packetDelayNanos > 0) {
            flush();
            pace();
        }
    }

    private void closeMessage() throws NativeSocketException {
        if (messagePackets == 0) {
            return;
        }
        ring.setSendLength(pending, messageBytes);
        messageBytes = 0;
        messagePackets = 0;
        if (++pending == ring.capacity()) {
            flush();
        }
    }

    /**
     * SCPD: waits until the next packet is due. Deadlines are absolute, so parking's timer slack
     * is made up by the following packets; a deadline more than a millisecond in the past (the
     * thread was descheduled) restarts the schedule instead of bursting to catch up.
     */
    private void pace() {
        long now = System.nanoTime();
        if (now - nextSendNanos > 1_000_000L) {
            nextSendNanos = now;
        }
        nextSendNanos += packetDelayNanos;
        long ahead = nextSendNanos - now;
        if (ahead > 100_000L) {
            LockSupport.parkNanos(this, ahead - 50_000L);
        }
        while (System.nanoTime() < nextSendNanos && running) {
            Thread.onSpinWait();
        }
    }

    private void flush() throws NativeSocketException {
        if (messagePackets > 0) {
            ring.setSendLength(pending, messageBytes);
            pending++;
            messageBytes = 0;
            messagePackets = 0;
        }
        if (pending == 0) {
            return;
        }
        int n = pending;
        int packets = pendingPackets;
        pending = 0;
        pendingPackets = 0;
        socket.send(ring, n);
        counters.packetsSent.addAndGet(packets);
        long bytes = 0;
        for (int i = 0; i < n; i++) {
            bytes += ring.length(i);
        }
        counters.bytesSent.addAndGet(bytes);
    }

    private void serveResends() throws NativeSocketException {
        ResendRequest r;
        while (!halted && (r = resendQueue.poll()) != null) {
            counters.resendRequests.incrementAndGet();
            StreamBlock b = find(r.blockId());
            if (b == null) {
                counters.resendsUnavailable.incrementAndGet();
                append(packetizer.writeUnavailable(r.blockId(), r.first(), ring.data(), writeOffset()));
                continue;
            }
            int last = packetizer.packetCount() - 1;
            long first = r.first();
            long end = Math.min(r.last(), last);
            if (first > last) {
                first = last; // asked beyond the block: the trailer tells the receiver where it ends
                end = last;
            }
            for (long pid = first; pid <= end; pid++) {
                emit(b, (int) pid, true);
                counters.packetsResent.incrementAndGet();
            }
        }
        releaseHeld();
        flush();
    }

    private StreamBlock find(long blockId) {
        for (StreamBlock b : history) {
            if (b != null && b.valid && b.blockId == blockId) {
                return b;
            }
        }
        return null;
    }

    /** True once the emitter sent every configured frame (it keeps serving resends). */
    public boolean finishedSending() {
        return cfg.frameCount() > 0 && counters.framesSent() >= cfg.frameCount();
    }

    /** True after {@code haltAfterPackets} made the device go silent. */
    public boolean halted() {
        return halted;
    }

    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        try {
            if (!stopped.await(5, TimeUnit.SECONDS)) {
                LOG.log(System.Logger.Level.WARNING, "GVSP emitter thread did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!thread.isAlive()) {
            arena.close();
        }
    }
}
