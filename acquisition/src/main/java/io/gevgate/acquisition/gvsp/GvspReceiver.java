package io.gevgate.acquisition.gvsp;

import io.gevgate.acquisition.frames.HandoffWait;

import io.gevgate.acquisition.net.UdpReceiveThread;
import io.gevgate.linux.net.DatagramRing;
import io.gevgate.linux.net.NativeSocketException;

import java.util.concurrent.TimeUnit;

/**
 * A GVSP stream receiver: one platform thread pulls datagrams in {@code recvmmsg} batches into a
 * preallocated native ring, feeds them to the {@link GvspReassembler}, and hands finished frames
 * to the consumer through a bounded lock-free queue ({@link #poll()}, {@link #take}).
 *
 * <p>The receive thread owns the socket and closes it on exit; {@link #close()} asks it to stop
 * and waits (bounded by the receive timeout).
 */
public final class GvspReceiver implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(GvspReceiver.class.getName());
    private static final long IDLE_RECEIVE_TIMEOUT_NS = 50_000_000L;
    private static final int IP_UDP_OVERHEAD = 28;

    private final GvspReceiverConfig config;
    private final ReceiverCounters counters = new ReceiverCounters();
    private final FramePool pool;
    private final FrameQueue queue;
    private final FrameProgress progress = new FrameProgress();
    private final GvspReassembler reassembler;
    private final UdpReceiveThread receive;

    private GvspReceiver(GvspReceiverConfig config) throws NativeSocketException {
        this.config = config;
        this.pool = new FramePool(config.frameBufferCount(), config.frameBufferBytes(),
                GvspReassembler.maxPackets(config), GvspReassembler.maxFlows(config));
        this.queue = new FrameQueue(config.handoffCapacity(), counters, config.handoffWait());
        this.reassembler = new GvspReassembler(config, pool, queue, counters);
        // a slot as large as the biggest legal datagram, so nothing is ever truncated silently
        int slot = Math.max(config.packetSize() - IP_UDP_OVERHEAD, 2048);
        this.receive = new UdpReceiveThread(LOG, "GVSP", config.bindAddress(), config.port(),
                config.receiveBufferBytes(), config.batchSize(), Math.min(65536, slot + 1024));
        int granted = receive.receiveBufferBytes();
        if (granted < config.receiveBufferBytes()) {
            LOG.log(System.Logger.Level.WARNING, "GVSP receive buffer capped at " + granted + " bytes (asked "
                    + config.receiveBufferBytes() + "); packets will be lost in bursts. Raise the cap with: "
                    + "sysctl -w net.core.rmem_max=" + config.receiveBufferBytes()
                    + " (or run with CAP_NET_ADMIN so SO_RCVBUFFORCE applies)");
        }
        receive.prepare(config.threadName(), new Batches());
    }

    /** Binds the socket and starts the receive thread. */
    public static GvspReceiver start(GvspReceiverConfig config) throws NativeSocketException {
        GvspReceiver r = new GvspReceiver(config);
        r.receive.thread().start();
        return r;
    }

    /**
     * The memory every frame of this receiver is written into: one buffer per pool frame, fixed
     * for the receiver's life, each frame's {@link Frame#payload()} inside one of them. A consumer
     * may register these once for DMA (GPU pinning) instead of copying each frame; it must undo
     * that registration before it drops its last reference to this receiver (the buffers live in
     * an automatic arena and are freed once the receiver and its frames are unreachable).
     */
    public java.util.List<java.lang.foreign.MemorySegment> frameBuffers() {
        return pool.buffers();
    }

    /** The UDP port to write into SCP. */
    public int localPort() {
        return receive.localPort();
    }

    /** The SO_RCVBUF the kernel granted (bytes usable for datagrams). */
    public int receiveBufferBytes() {
        return receive.receiveBufferBytes();
    }

    public ReceiverCounters counters() {
        return counters;
    }

    public GvspReceiverConfig config() {
        return config;
    }

    /** The receive thread (e.g. to measure its CPU time). */
    public Thread thread() {
        return receive.thread();
    }

    /** Frame buffers currently free. */
    public int freeFrameBuffers() {
        return pool.freeCount();
    }

    /** A finished frame if one is waiting, else null. The caller must {@link Frame#release()} it. */
    public Frame poll() {
        return queue.poll();
    }

    /** Waits up to {@code timeout} for a finished frame; null if none arrived in time. */
    public Frame take(long timeout, TimeUnit unit) throws InterruptedException {
        return queue.take(timeout, unit, null);
    }

    /**
     * Like {@link #take(long, TimeUnit)}; with an ADAPTIVE or SPIN {@link HandoffWait}, also runs
     * {@code whileReceiving} on the calling thread each time it re-checks while a frame is on the
     * wire (e.g. to move the frame's final prefix, {@link #progress}, ahead of completion). It must
     * be short and must not throw.
     */
    public Frame take(long timeout, TimeUnit unit, Runnable whileReceiving) throws InterruptedException {
        return queue.take(timeout, unit, whileReceiving);
    }

    /** Reads how much of the frame on the wire is final into {@code into}; false if not readable right now. */
    public boolean progress(FrameProgress.View into) {
        return progress.read(into);
    }

    /** The exception that stopped the receive thread, or null. */
    public Throwable failure() {
        return receive.failure();
    }

    public boolean isRunning() {
        return receive.isRunning();
    }

    /** Feeds each batch to the reassembler; the per-packet loop stays here, monomorphic. */
    private final class Batches implements UdpReceiveThread.BatchHandler {
        private final long idleTimeout = Math.min(IDLE_RECEIVE_TIMEOUT_NS, config.frameRetention().toNanos());
        private final long busyTimeout = Math.max(100_000L, config.initialPacketTimeout().toNanos() / 2);

        @Override
        public void onStart() {
            config.threadSetup().run();
        }

        @Override
        public long receiveTimeoutNanos() {
            return reassembler.openFrames() > 0 ? busyTimeout : idleTimeout;
        }

        @Override
        public void onBatch(DatagramRing ring, int count, long now) {
            for (int i = 0; i < count; i++) {
                reassembler.onPacket(ring.data(), ring.slotOffset(i), ring.length(i), now);
            }
            reassembler.onTick(now);
            reassembler.publishProgress(progress);
        }

        @Override
        public void onStop(long now) {
            reassembler.abortAll(now);
        }
    }

    /** Stops the receive thread, aborts open frames (delivered as ABORTED) and closes the socket. */
    @Override
    public void close() {
        receive.close();
    }
}
