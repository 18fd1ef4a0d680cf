package io.gevgate.acquisition.gvsp;

import io.gevgate.linux.net.DatagramRing;
import io.gevgate.linux.net.NativeSocketException;
import io.gevgate.linux.net.UdpSocket;

import java.util.concurrent.CountDownLatch;
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
    private final GvspReassembler reassembler;
    private final UdpSocket socket;
    private final DatagramRing ring;
    private final int localPort;
    private final int grantedReceiveBuffer;
    private final Thread thread;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile Throwable failure;

    private GvspReceiver(GvspReceiverConfig config) throws NativeSocketException {
        this.config = config;
        this.pool = new FramePool(config.frameBufferCount(), config.frameBufferBytes(),
                GvspReassembler.maxPackets(config), GvspReassembler.maxFlows(config));
        this.queue = new FrameQueue(config.handoffCapacity(), counters);
        this.reassembler = new GvspReassembler(config, pool, queue, counters);
        UdpSocket s = UdpSocket.open();
        try {
            s.bind(config.bindAddress(), config.port());
            this.localPort = s.localPort();
            this.grantedReceiveBuffer = s.setReceiveBufferSize(config.receiveBufferBytes());
            // a slot as large as the biggest legal datagram, so nothing is ever truncated silently
            int slot = Math.max(config.packetSize() - IP_UDP_OVERHEAD, 2048);
            this.ring = new DatagramRing(config.batchSize(), Math.min(65536, slot + 1024));
        } catch (NativeSocketException | RuntimeException e) {
            s.close();
            throw e;
        }
        this.socket = s;
        if (grantedReceiveBuffer < config.receiveBufferBytes()) {
            LOG.log(System.Logger.Level.WARNING, "GVSP receive buffer capped at " + grantedReceiveBuffer + " bytes (asked "
                    + config.receiveBufferBytes() + "); packets will be lost in bursts. Raise the cap with: "
                    + "sysctl -w net.core.rmem_max=" + config.receiveBufferBytes()
                    + " (or run with CAP_NET_ADMIN so SO_RCVBUFFORCE applies)");
        }
        this.thread = Thread.ofPlatform().name(config.threadName()).daemon(true).unstarted(this::run);
    }

    /** Binds the socket and starts the receive thread. */
    public static GvspReceiver start(GvspReceiverConfig config) throws NativeSocketException {
        GvspReceiver r = new GvspReceiver(config);
        r.thread.start();
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
        return localPort;
    }

    /** The SO_RCVBUF the kernel granted (bytes usable for datagrams). */
    public int receiveBufferBytes() {
        return grantedReceiveBuffer;
    }

    public ReceiverCounters counters() {
        return counters;
    }

    public GvspReceiverConfig config() {
        return config;
    }

    /** The receive thread (e.g. to measure its CPU time). */
    public Thread thread() {
        return thread;
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
        return queue.take(timeout, unit);
    }

    /** The exception that stopped the receive thread, or null. */
    public Throwable failure() {
        return failure;
    }

    public boolean isRunning() {
        return running && thread.isAlive();
    }

    private void run() {
        try {
            long idleTimeout = Math.min(IDLE_RECEIVE_TIMEOUT_NS, config.frameRetention().toNanos());
            long busyTimeout = Math.max(100_000L, config.initialPacketTimeout().toNanos() / 2);
            int batch = config.batchSize();
            while (running) {
                socket.setReceiveTimeoutNanos(reassembler.openFrames() > 0 ? busyTimeout : idleTimeout);
                int n = socket.receive(ring, batch);
                long now = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    reassembler.onPacket(ring.data(), ring.slotOffset(i), ring.length(i), now);
                }
                reassembler.onTick(now);
            }
        } catch (Throwable t) {
            failure = t;
            LOG.log(System.Logger.Level.ERROR, "GVSP receive thread failed", t);
        } finally {
            try {
                reassembler.abortAll(System.nanoTime());
            } finally {
                socket.close();
                ring.close();
                running = false;
                stopped.countDown();
            }
        }
    }

    /** Stops the receive thread, aborts open frames (delivered as ABORTED) and closes the socket. */
    @Override
    public void close() {
        running = false;
        try {
            if (thread.isAlive() && !stopped.await(5, TimeUnit.SECONDS)) {
                LOG.log(System.Logger.Level.WARNING, "GVSP receive thread did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!thread.isAlive() && stopped.getCount() > 0) {
            // never started: release native resources here
            socket.close();
            ring.close();
        }
    }
}
