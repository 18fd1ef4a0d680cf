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
    private int pending;
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
        for (int i = 0; i < history.length; i++) {
            history[i] = new StreamBlock(arena.allocate(Math.max(64, layout.totalSize), 64));
        }
        int slot = Math.max(cfg.packetSize() - 28, 64);
        this.held = arena.allocate(slot, 8);
        UdpSocket s = UdpSocket.open();
        try {
            s.bind(cfg.sourceAddress(), cfg.sourcePort());
            s.setSendBufferSize(cfg.sendBufferBytes());
            this.localPort = s.localPort();
            this.ring = new DatagramRing(BATCH, slot);
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
            if (resendQueue.peek() != null && pending == 0) {
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
        if (cfg.haltAfterPackets() >= 0 && counters.packetsSent.get() + pending >= cfg.haltAfterPackets()) {
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
        int len = packetizer.write(b, pid, ring.data(), ring.slotOffset(pending), resend);
        ring.setSendLength(pending, len);
        if (++pending == ring.capacity()) {
            flush();
        }
    }

    private void releaseHeld() throws NativeSocketException {
        if (heldLength < 0) {
            return;
        }
        MemorySegment.copy(held, 0, ring.data(), ring.slotOffset(pending), heldLength);
        ring.setSendLength(pending, heldLength);
        heldLength = -1;
        if (++pending == ring.capacity()) {
            flush();
        }
    }

    private void flush() throws NativeSocketException {
        if (pending == 0) {
            return;
        }
        int n = pending;
        pending = 0;
        socket.send(ring, n);
        counters.packetsSent.addAndGet(n);
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
                int len = packetizer.writeUnavailable(r.blockId(), r.first(), ring.data(), ring.slotOffset(pending));
                ring.setSendLength(pending, len);
                if (++pending == ring.capacity()) {
                    flush();
                }
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
            if (b.valid && b.blockId == blockId) {
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
