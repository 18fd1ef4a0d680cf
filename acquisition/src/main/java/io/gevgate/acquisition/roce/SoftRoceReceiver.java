package io.gevgate.acquisition.roce;

import io.gevgate.acquisition.net.UdpReceiveThread;
import io.gevgate.linux.net.DatagramRing;
import io.gevgate.linux.net.NativeSocketException;

import java.nio.ByteBuffer;
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
    private final UdpReceiveThread receive;
    private final ByteBuffer ringView;

    private SoftRoceReceiver(SoftRoceConfig config, RegisteredPages pages) throws NativeSocketException {
        this.config = config;
        this.pages = pages;
        RdmaProfile profile = config.profile();
        this.assembler = new RoceFrameAssembler(profile, pages, counters, config.checkIcrc(),
                config.deliverIncomplete(), config.frameTimeout().toNanos());
        this.receive = new UdpReceiveThread(LOG, "soft-RoCE", profile.hostIp(), profile.udpPort(),
                config.receiveBufferBytes(), config.batchSize(), SLOT);
        this.ringView = receive.ring().data().asByteBuffer();
        int granted = receive.receiveBufferBytes();
        if (granted < config.receiveBufferBytes()) {
            LOG.log(System.Logger.Level.WARNING, "RoCE receive buffer capped at " + granted
                    + " bytes (asked " + config.receiveBufferBytes() + "); raise net.core.rmem_max");
        }
        receive.prepare(config.threadName(), new Batches());
    }

    /** Binds {@code hostIp:udpPort}, allocates host pages, starts the receive thread. */
    public static SoftRoceReceiver start(SoftRoceConfig config) throws NativeSocketException {
        return start(config, RegisteredPages.allocate(config.profile()));
    }

    /** Like {@link #start(SoftRoceConfig)} with caller-provided pages (pinned host memory, say). */
    public static SoftRoceReceiver start(SoftRoceConfig config, RegisteredPages pages) throws NativeSocketException {
        SoftRoceReceiver r = new SoftRoceReceiver(config, pages);
        r.receive.thread().start();
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
        return receive.receiveBufferBytes();
    }

    /** The receive thread (e.g. to measure its CPU time). */
    public Thread thread() {
        return receive.thread();
    }

    public RoceFrame poll() {
        return assembler.poll();
    }

    public RoceFrame take(long timeout, TimeUnit unit) throws InterruptedException {
        return assembler.take(timeout, unit);
    }

    public Throwable failure() {
        return receive.failure();
    }

    public boolean isRunning() {
        return receive.isRunning();
    }

    /** Feeds each batch to the assembler; the per-datagram loop stays here, monomorphic. */
    private final class Batches implements UdpReceiveThread.BatchHandler {
        private final long idle = Math.min(IDLE_TIMEOUT_NS, config.frameTimeout().toNanos());

        @Override
        public long receiveTimeoutNanos() {
            return idle;
        }

        @Override
        public void onBatch(DatagramRing ring, int count, long now) {
            for (int i = 0; i < count; i++) {
                assembler.onDatagram(ring.data(), ringView, (int) ring.slotOffset(i), ring.length(i), now);
            }
            assembler.onTick(now);
        }
    }

    @Override
    public void close() {
        receive.close();
    }
}
