package io.gevgate.simulator.roce;

import io.gevgate.acquisition.roce.codec.InvariantCrc;
import io.gevgate.linux.net.DatagramRing;
import io.gevgate.linux.net.NativeSocketException;
import io.gevgate.linux.net.UdpSocket;
import io.gevgate.simulator.stream.LossInjection;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * The simulator's RoCEv2 device side: sends each frame as UC RDMA WRITE packets with correct ICRC
 * to the host address and page the host programmed ({@link RocePacketizer}), in {@code sendmmsg}
 * batches on an unconnected, DF-forced UDP socket (so the kernel's IPv4 header is the one the ICRC
 * was computed for: identification 0, DF), with seeded loss / reorder / duplicate injection.
 * {@link #emit} sends frames from the caller's thread; {@link #startStreaming} runs a paced (or unpaced) thread until {@link #stop()}.
 */
public final class RoceEmitter implements AutoCloseable, PacketSlots {
    private final RoceEmitterConfig config;
    private final RocePacketizer packetizer;
    private final UdpSocket socket;
    private final DatagramRing ring;
    private final ByteBuffer view;
    private final int sourcePort;
    private final LossInjection loss;
    private final RandomGenerator random;
    private final MemorySegment swap = Arena.ofAuto().allocate(RocePacketizer.MAX_PACKET, 8);
    private final RoceEmitterCounters counters = new RoceEmitterCounters();
    private int filled;
    private int heldSlot = -1;
    private int burstLeft;
    private long frameNumber;
    private volatile boolean streaming;
    private Thread thread;

    public RoceEmitter(RoceEmitterConfig config) throws NativeSocketException {
        this.config = config;
        if (InvariantCrc.ipv4(config.sourceIp()) == 0) {
            // the ICRC covers the source address: the kernel's choice for INADDR_ANY is unknown here
            throw new IllegalArgumentException("RoCE emitter needs a concrete source address, got " + config.sourceIp());
        }
        UdpSocket s = UdpSocket.open();
        try {
            s.bind(config.sourceIp(), config.sourcePort());
            // The ICRC covers the IPv4 identification, and the kernel writes it. With DF forced and the
            // socket left unconnected (destination per sendmmsg message), Linux sets it to 0, exactly the
            // header the profile fixes and the packetizer seals the ICRC for (docs/rdma-profile.md §4;
            // RoceEmitterWireCaptureTest checks the captured packets). Never connect() this socket: a
            // connected socket gets a per-socket ID counter instead.
            s.setDontFragment();
            this.sourcePort = s.localPort();
            s.setSendBufferSize(8 << 20);
            this.ring = new DatagramRing(config.batch() + 2, RocePacketizer.MAX_PACKET);
            ring.setDestination(config.profile().hostIp(), config.profile().udpPort());
        } catch (NativeSocketException | RuntimeException e) {
            s.close();
            throw e;
        }
        this.socket = s;
        this.view = ring.data().asByteBuffer();
        this.packetizer = new RocePacketizer(config, InvariantCrc.ipv4(config.sourceIp()), sourcePort);
        this.loss = config.loss();
        this.random = RandomGeneratorFactory.of("L64X128MixRandom").create(loss.seed());
    }

    /** The UDP source port the device sends from (what the RdmaSourcePort feature reports). */
    public int sourcePort() {
        return sourcePort;
    }

    public RoceEmitterCounters counters() {
        return counters;
    }

    public RocePacketizer packetizer() {
        return packetizer;
    }

    /** Sends the next {@code frames} frames now, from this thread. */
    public synchronized void emit(int frames) throws NativeSocketException {
        for (int i = 0; i < frames; i++) {
            packetizer.emitFrame(frameNumber, System.currentTimeMillis() * 1_000_000L, this);
            frameNumber++;
            counters.frames.incrementAndGet();
        }
        flush();
    }

    /**
     * Streams on a platform thread at {@code framesPerSecond} (0 = as fast as the machine allows)
     * until {@link #stop()} or {@code maxFrames} frames (0 = no limit).
     */
    public synchronized void startStreaming(double framesPerSecond, long maxFrames) {
        if (streaming) {
            return;
        }
        streaming = true;
        long periodNs = framesPerSecond > 0 ? (long) (1e9 / framesPerSecond) : 0;
        thread = Thread.ofPlatform().name("roce-emitter").daemon(true).start(() -> {
            long next = System.nanoTime();
            long sent = 0;
            try {
                while (streaming && (maxFrames == 0 || sent < maxFrames)) {
                    emit(1);
                    sent++;
                    if (periodNs > 0) {
                        next += periodNs;
                        long wait = next - System.nanoTime();
                        if (wait > 0) {
                            java.util.concurrent.locks.LockSupport.parkNanos(wait);
                        }
                    }
                }
            } catch (NativeSocketException e) {
                System.getLogger(RoceEmitter.class.getName()).log(System.Logger.Level.ERROR, "RoCE emitter stopped", e);
            } finally {
                streaming = false;
            }
        });
    }

    public void stop() {
        streaming = false;
        Thread t = thread;
        if (t != null) {
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public boolean isStreaming() {
        return streaming;
    }

    // ---- PacketSlots: the packetizer writes straight into the send ring

    @Override
    public MemorySegment segment() {
        return ring.data();
    }

    @Override
    public ByteBuffer view() {
        return view;
    }

    @Override
    public int nextSlot() {
        return (int) ring.slotOffset(filled);
    }

    @Override
    public void commit(int offset, int length) {
        counters.packetsBuilt.incrementAndGet();
        if (!loss.isNone() && lose()) {
            counters.packetDropped(frameNumber); // frameNumber is the frame being packetized
            return; // the slot is reused by the next packet
        }
        int slot = filled;
        ring.setSendLength(slot, length);
        filled++;
        if (heldSlot >= 0) {
            swapSlots(heldSlot, slot); // the held packet goes out after this one
            heldSlot = -1;
        } else if (loss.reorderRate() > 0 && random.nextDouble() < loss.reorderRate()) {
            heldSlot = slot;
            counters.packetsReordered.incrementAndGet();
        }
        if (loss.duplicateRate() > 0 && heldSlot < 0 && random.nextDouble() < loss.duplicateRate()) {
            MemorySegment.copy(ring.data(), ring.slotOffset(slot), ring.data(), ring.slotOffset(filled), length);
            ring.setSendLength(filled, length);
            filled++;
            counters.packetsDuplicated.incrementAndGet();
        }
        if (filled >= config.batch() && heldSlot < 0) {
            try {
                flush();
            } catch (NativeSocketException e) {
                throw new IllegalStateException("sendmmsg failed", e);
            }
        }
    }

    private boolean lose() {
        if (burstLeft > 0) {
            burstLeft--;
            return true;
        }
        if (loss.burstLength() > 0 && loss.burstProbability() > 0 && random.nextDouble() < loss.burstProbability()) {
            burstLeft = loss.burstLength() - 1;
            return true;
        }
        return loss.randomLoss() > 0 && random.nextDouble() < loss.randomLoss();
    }

    private void swapSlots(int a, int b) {
        int la = ring.length(a);
        int lb = ring.length(b);
        long oa = ring.slotOffset(a);
        long ob = ring.slotOffset(b);
        MemorySegment.copy(ring.data(), oa, swap, 0, la);
        MemorySegment.copy(ring.data(), ob, ring.data(), oa, lb);
        MemorySegment.copy(swap, 0, ring.data(), ob, la);
        ring.setSendLength(a, lb);
        ring.setSendLength(b, la);
    }

    private void flush() throws NativeSocketException {
        if (filled == 0) {
            return;
        }
        int n = socket.send(ring, filled);
        counters.packetsSent.addAndGet(n);
        long bytes = 0;
        for (int i = 0; i < n; i++) {
            bytes += ring.length(i);
        }
        counters.bytesSent.addAndGet(bytes);
        filled = 0;
        heldSlot = -1;
    }

    @Override
    public void close() {
        stop();
        synchronized (this) {
            socket.close();
            ring.close();
        }
    }
}
