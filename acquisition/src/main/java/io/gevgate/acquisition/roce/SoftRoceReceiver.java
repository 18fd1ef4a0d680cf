package io.gevgate.acquisition.roce;

import io.gevgate.linux.net.DatagramRing;
import io.gevgate.linux.net.NativeSocketException;
import io.gevgate.linux.net.UdpSocket;

import java.nio.ByteBuffer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The soft-RoCE engine: a UDP socket on the profile's host IP and port 4791, one platform thread
 * pulling datagrams in {@code recvmmsg} batches into a preallocated native ring and feeding them
 * to the {@link RoceFrameAssembler}, which places payload in the {@link RegisteredPages} and hands
 * finished frames to the consumer ({@link #poll()}, {@link #take}). Works on any NIC: it is what a
 * RoCE NIC does in hardware, in Java.
 */
public final class SoftRoceReceiver implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SoftRoceReceiver.class.getName());
    private static final long IDLE_TIMEOUT_NS = 50_000_000L;
    /** Largest RoCEv2 UDP payload: 4096 MTU + BTH + RETH + ImmDt + ICRC, with room to spare. */
    private static final int SLOT = 4096 + 64;

    private final SoftRoceConfig config;
    private final RoceCounters counters = new RoceCounters();
    private final RegisteredPages pages;
    private final RoceFrameAssembler assembler;
    private final UdpSocket socket;
    private final DatagramRing ring;
    private final ByteBuffer ringView;
    private final int grantedReceiveBuffer;
    private final Thread thread;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile Throwable failure;

    private SoftRoceReceiver(SoftRoceConfig config, RegisteredPages pages) throws NativeSocketException {
        this.config = config;
        this.pages = pages;
        RdmaProfile profile = config.profile();
        this.assembler = new RoceFrameAssembler(profile, pages, counters, config.checkIcrc(),
                config.deliverIncomplete(), config.frameTimeout().toNanos());
        UdpSocket s = UdpSocket.open();
        try {
            s.bind(profile.hostIp(), profile.udpPort());
            this.grantedReceiveBuffer = s.setReceiveBufferSize(config.receiveBufferBytes());
            this.ring = new DatagramRing(config.batchSize(), SLOT);
        } catch (NativeSocketException | RuntimeException e) {
            s.close();
            throw e;
        }
        this.socket = s;
        this.ringView = ring.data().asByteBuffer();
        if (grantedReceiveBuffer < config.receiveBufferBytes()) {
            LOG.log(System.Logger.Level.WARNING, "RoCE receive buffer capped at " + grantedReceiveBuffer
                    + " bytes (asked " + config.receiveBufferBytes() + "); raise net.core.rmem_max");
        }
        this.thread = Thread.ofPlatform().name(config.threadName()).daemon(true).unstarted(this::run);
    }

    /** Binds {@code hostIp:udpPort}, allocates host pages, starts the receive thread. */
    public static SoftRoceReceiver start(SoftRoceConfig config) throws NativeSocketException {
        return start(config, RegisteredPages.allocate(config.profile()));
    }

    /** Like {@link #start(SoftRoceConfig)} with caller-provided pages (pinned host memory, say). */
    public static SoftRoceReceiver start(SoftRoceConfig config, RegisteredPages pages) throws NativeSocketException {
        SoftRoceReceiver r = new SoftRoceReceiver(config, pages);
        r.thread.start();
        return r;
    }

    public RoceCounters counters() {
        return counters;
    }

    public RegisteredPages pages() {
        return pages;
    }

    public SoftRoceConfig config() {
        return config;
    }

    public int receiveBufferBytes() {
        return grantedReceiveBuffer;
    }

    /** The receive thread (e.g. to measure its CPU time). */
    public Thread thread() {
        return thread;
    }

    public RoceFrame poll() {
        return assembler.poll();
    }

    public RoceFrame take(long timeout, TimeUnit unit) throws InterruptedException {
        return assembler.take(timeout, unit);
    }

    public Throwable failure() {
        return failure;
    }

    public boolean isRunning() {
        return running && thread.isAlive();
    }

    private void run() {
        try {
            long idle = Math.min(IDLE_TIMEOUT_NS, config.frameTimeout().toNanos());
            int batch = config.batchSize();
            while (running) {
                socket.setReceiveTimeoutNanos(idle);
                int n = socket.receive(ring, batch);
                long now = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    assembler.onDatagram(ring.data(), ringView, (int) ring.slotOffset(i), ring.length(i), now);
                }
                assembler.onTick(now);
            }
        } catch (Throwable t) {
            failure = t;
            LOG.log(System.Logger.Level.ERROR, "soft-RoCE receive thread failed", t);
        } finally {
            socket.close();
            ring.close();
            running = false;
            stopped.countDown();
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            if (thread.isAlive() && !stopped.await(5, TimeUnit.SECONDS)) {
                LOG.log(System.Logger.Level.WARNING, "soft-RoCE receive thread did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!thread.isAlive() && stopped.getCount() > 0) {
            socket.close();
            ring.close();
        }
    }
}
