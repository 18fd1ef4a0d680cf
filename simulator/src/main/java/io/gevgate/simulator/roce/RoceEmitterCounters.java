package io.gevgate.simulator.roce;

import java.util.concurrent.atomic.AtomicLong;

/** What the emitter did, including what it did on purpose to its own packets. */
public final class RoceEmitterCounters {
    final AtomicLong frames = new AtomicLong();
    final AtomicLong packetsBuilt = new AtomicLong();
    final AtomicLong packetsSent = new AtomicLong();
    final AtomicLong bytesSent = new AtomicLong();
    final AtomicLong packetsDropped = new AtomicLong();
    final AtomicLong packetsReordered = new AtomicLong();
    final AtomicLong packetsDuplicated = new AtomicLong();

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
                + packetsDuplicated() + "}";
    }
}
