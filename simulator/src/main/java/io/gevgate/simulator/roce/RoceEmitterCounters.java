package io.gevgate.simulator.roce;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What the emitter did, including what it did on purpose to its own packets, and which frames the
 * loss injection damaged (so a test can prove that none of them is ever delivered as whole).
 */
public final class RoceEmitterCounters {
    /** How many frame numbers {@link #framesWithDroppedPackets()} keeps: the latest ones. */
    public static final int DROP_LOG_CAPACITY = 8192;

    final AtomicLong frames = new AtomicLong();
    final AtomicLong packetsBuilt = new AtomicLong();
    final AtomicLong packetsSent = new AtomicLong();
    final AtomicLong bytesSent = new AtomicLong();
    final AtomicLong packetsDropped = new AtomicLong();
    final AtomicLong packetsReordered = new AtomicLong();
    final AtomicLong packetsDuplicated = new AtomicLong();
    private final AtomicLongArray dropLog = new AtomicLongArray(DROP_LOG_CAPACITY);
    private final AtomicLong framesWithDrops = new AtomicLong();
    private long lastLoggedFrame = -1; // written by the one sending thread only

    /**
     * Counts a packet the loss injection dropped and logs its frame once (the emitter calls this
     * under its lock, one thread at a time; no allocation).
     */
    void packetDropped(long frameNumber) {
        packetsDropped.incrementAndGet();
        if (frameNumber == lastLoggedFrame) {
            return;
        }
        lastLoggedFrame = frameNumber;
        long n = framesWithDrops.get();
        dropLog.set((int) (n % DROP_LOG_CAPACITY), frameNumber);
        framesWithDrops.set(n + 1); // published after the entry
    }

    /** Frames that lost at least one packet to the loss injection, in total. */
    public long framesWithDrops() {
        return framesWithDrops.get();
    }

    /**
     * The frame numbers that lost at least one packet to the loss injection, oldest first: all of
     * them, or the latest {@link #DROP_LOG_CAPACITY} when there were more. Exact once the stream
     * has stopped; while it runs, a snapshot.
     */
    public long[] framesWithDroppedPackets() {
        long n = framesWithDrops.get();
        long from = Math.max(0, n - DROP_LOG_CAPACITY);
        long[] out = new long[(int) (n - from)];
        for (long i = from; i < n; i++) {
            out[(int) (i - from)] = dropLog.get((int) (i % DROP_LOG_CAPACITY));
        }
        return out;
    }

    public long frames() {
        return frames.get();
    }

    public long packetsBuilt() {
        return packetsBuilt.get();
    }

    public long packetsSent() {
        return packetsSent.get();
    }

    public long bytesSent() {
        return bytesSent.get();
    }

    /** Packets the loss injection dropped. */
    public long packetsDropped() {
        return packetsDropped.get();
    }

    public long packetsReordered() {
        return packetsReordered.get();
    }

    public long packetsDuplicated() {
        return packetsDuplicated.get();
    }

    @Override
    public String toString() {
        return "RoceEmitterCounters{frames=" + frames() + ", built=" + packetsBuilt() + ", sent=" + packetsSent()
                + ", dropped=" + packetsDropped() + ", reordered=" + packetsReordered() + ", duplicated="
                + packetsDuplicated() + ", framesWithDrops=" + framesWithDrops() + "}";
    }
}
