package io.gevgate.bridge.cuframes;

/**
 * The publisher's side of the subscriber table and bitmap (protocol §3.5, §5.9). The Java
 * {@code owners} array is authoritative: a bit is reused only after the connection that held
 * it was released here, so a subscriber clearing its own entry can never make two
 * connections share a bit.
 */
final class SubscriberRegistry {
    static final int FIRST_BIT = 1;
    static final int LAST_BIT = 31;

    private final FramesHeader header;
    private final Object[] owners = new Object[FramesHeader.MAX_SUBSCRIBERS];

    SubscriberRegistry(FramesHeader header) {
        this.header = header;
    }

    /** A bit and the SUBSCRIBE_RESP initial_seq that goes with it. */
    record Allocation(int bit, long initialSeq) {
    }

    /**
     * Takes the lowest free bit for {@code owner} (state HANDSHAKE, bitmap bit set); null when all
     * 31 are taken. {@code initialSeq} is read before the bit is set: every frame published with
     * this bit in its expected bitmap is newer than initialSeq, so the subscriber reads (or skips
     * and acks) it and STRICT_WAIT never waits for a frame the subscriber was told to ignore.
     */
    synchronized Allocation allocate(Object owner, String name, int mode, int cudaDevice) {
        for (int bit = FIRST_BIT; bit <= LAST_BIT; bit++) {
            if (owners[bit] == null) {
                long initialSeq = header.globalSeqAcquire();
                owners[bit] = owner;
                header.writeSubscriber(bit, name.isEmpty() ? "sub-" + bit : name, mode, cudaDevice, 0);
                header.subscriberStateRelease(bit, FramesHeader.STATE_HANDSHAKE);
                header.clearExpected(1L << bit);
                header.bitmapSet(1L << bit);
                return new Allocation(bit, initialSeq);
            }
        }
        return null;
    }

    synchronized void activate(int bit, Object owner) {
        if (owners[bit] == owner) {
            header.segment().set(java.lang.foreign.ValueLayout.JAVA_LONG,
                    FramesHeader.subscriberOffset(bit) + FramesHeader.SUB_CONNECTED_NS, System.nanoTime());
            header.subscriberStateRelease(bit, FramesHeader.STATE_ACTIVE);
        }
    }

    /** Frees {@code bit} if {@code owner} still holds it: bitmap bit cleared, state FREE. */
    synchronized boolean release(int bit, Object owner) {
        if (bit < FIRST_BIT || bit > LAST_BIT || owners[bit] != owner) {
            return false;
        }
        header.bitmapClear(1L << bit);
        header.clearExpected(1L << bit);
        header.subscriberStateRelease(bit, FramesHeader.STATE_FREE);
        owners[bit] = null;
        return true;
    }

    synchronized Object owner(int bit) {
        return owners[bit];
    }

    synchronized int inUse() {
        int n = 0;
        for (Object o : owners) {
            if (o != null) {
                n++;
            }
        }
        return n;
    }
}
