package io.gevgate.acquisition.gvsp;

import java.util.Arrays;

/**
 * Reassembly bookkeeping of one pooled frame: which packet ids arrived, which were requested
 * again, since when each hole has been open. Preallocated with the frame; {@link #reset} clears
 * only what the previous block touched, so opening a frame costs little.
 *
 * <p>State machine: {@code FREE → FILLING → (COMPLETE | MISSING_PACKETS | TIMEOUT | SIZE_MISMATCH |
 * ABORTED) → handed off → FREE on release}. Only the receiver thread touches this object.
 */
final class FrameAssembly {
    enum State { FREE, FILLING, CLOSED }

    final Frame frame;
    final int maxPackets;
    private final long[] received;
    private final long[] requested;
    final long[] holeSince;

    State state = State.FREE;
    int receivedCount;
    int highest;
    int prefix;
    /** Data bytes per generic payload packet of this frame (0 until one is placed). */
    int dataPerPacket;
    /** False once a packet placed data other than by packet id (all-in, multipart, GenDC). */
    boolean placedById;
    int lastPacketId;
    int estimatedLast;
    int touched;
    boolean leaderSeen;
    boolean trailerSeen;
    int tailUpTo;
    boolean resendDisabled;
    boolean newerFrameSeen;
    boolean sizeMismatch;
    int resendBudget;
    int resendUsed;
    long announcedSize;
    long extent;
    long firstNanos;
    long lastNanos;
    long nextCheckNanos;

    FrameAssembly(Frame frame, int maxPackets) {
        this.frame = frame;
        this.maxPackets = maxPackets;
        int words = (maxPackets + 63) >>> 6;
        this.received = new long[words];
        this.requested = new long[words];
        this.holeSince = new long[maxPackets];
    }

    void reset(long now, int defaultLast, int budget) {
        int words = Math.min(received.length, (touched + 64) >>> 6);
        Arrays.fill(received, 0, words, 0L);
        Arrays.fill(requested, 0, words, 0L);
        Arrays.fill(holeSince, 0, Math.min(maxPackets, touched + 1), 0L);
        state = State.FILLING;
        receivedCount = 0;
        highest = -1;
        prefix = -1;
        dataPerPacket = 0;
        placedById = true;
        lastPacketId = -1;
        estimatedLast = defaultLast;
        touched = 0;
        leaderSeen = false;
        trailerSeen = false;
        tailUpTo = -1;
        resendDisabled = false;
        newerFrameSeen = false;
        sizeMismatch = false;
        resendBudget = budget;
        resendUsed = 0;
        announcedSize = -1;
        extent = 0;
        firstNanos = now;
        lastNanos = now;
        nextCheckNanos = Long.MAX_VALUE;
    }

    boolean isReceived(int id) {
        return (received[id >>> 6] & (1L << id)) != 0;
    }

    boolean isRequested(int id) {
        return (requested[id >>> 6] & (1L << id)) != 0;
    }

    void markRequested(int id) {
        requested[id >>> 6] |= 1L << id;
    }

    /** Marks {@code id} received and advances the contiguous prefix. */
    void markReceived(int id) {
        received[id >>> 6] |= 1L << id;
        receivedCount++;
        if (id > touched) {
            touched = id;
        }
        while (prefix + 1 < maxPackets && isReceived(prefix + 1)) {
            prefix++;
        }
    }

    void touch(int id) {
        if (id > touched) {
            touched = id;
        }
    }

    /** Next id above {@code from} (inclusive) that has not arrived, or -1 beyond {@code to}. */
    int nextHole(int from, int to) {
        int i = from;
        while (i <= to) {
            int w = i >>> 6;
            long missing = ~received[w] & (-1L << (i & 63));
            if (missing != 0) {
                int id = (w << 6) + Long.numberOfTrailingZeros(missing);
                return id <= to ? id : -1;
            }
            i = (w + 1) << 6;
        }
        return -1;
    }

    /** Ids expected so far: up to the trailer if seen, else up to the best estimate. */
    int expectedCount() {
        return (trailerSeen ? lastPacketId : Math.max(highest, estimatedLast)) + 1;
    }

    /**
     * Payload bytes from offset 0 that are final: packets 1..prefix of a generic payload all
     * arrived (packet p holds bytes from (p-1) * dataPerPacket); 0 when that does not apply.
     */
    long finalBytes(long capacity) {
        if (!placedById || dataPerPacket == 0 || prefix < 1) {
            return 0;
        }
        long limit = announcedSize >= 0 ? Math.min(announcedSize, capacity) : capacity;
        return Math.min((long) prefix * dataPerPacket, limit);
    }

    boolean complete() {
        return trailerSeen && prefix >= lastPacketId;
    }
}
