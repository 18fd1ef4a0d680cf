package io.gevgate.bridge.gateway;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Gateway counters: written by the gateway thread, read by the status line and tests. Receiver
 * counters of closed camera sessions are folded in, so totals survive reconnects.
 */
public final class GatewayStats {
    final AtomicLong framesComplete = new AtomicLong();
    final AtomicLong bytesComplete = new AtomicLong();
    final AtomicLong framesPublished = new AtomicLong();
    final AtomicLong framesIncomplete = new AtomicLong();
    final AtomicLong blockIdGaps = new AtomicLong();
    final AtomicLong framesMismatched = new AtomicLong();
    final AtomicLong framesLate = new AtomicLong();
    final AtomicLong conversionErrors = new AtomicLong();
    final AtomicLong connects = new AtomicLong();
    final AtomicLong connectFailures = new AtomicLong();
    final AtomicLong cameraLosses = new AtomicLong();
    final AtomicLong publishLatencyNanosTotal = new AtomicLong();
    final AtomicLong publishLatencyNanosMax = new AtomicLong();
    final AtomicLong resendRequestsClosedSessions = new AtomicLong();
    final AtomicLong receiverDropsClosedSessions = new AtomicLong();

    /** Complete frames the camera delivered (before publishing). */
    public long framesComplete() {
        return framesComplete.get();
    }

    public long bytesComplete() {
        return bytesComplete.get();
    }

    public long framesPublished() {
        return framesPublished.get();
    }

    /** Frames closed as MISSING_PACKETS, TIMEOUT, SIZE_MISMATCH or ABORTED: never published. */
    public long framesIncomplete() {
        return framesIncomplete.get();
    }

    /** Block ids that never showed up at all (skipped ids between consecutive frames). */
    public long blockIdGaps() {
        return blockIdGaps.get();
    }

    /** Complete frames whose size or pixel format differs from the published geometry (not published). */
    public long framesMismatched() {
        return framesMismatched.get();
    }

    /**
     * Complete frames older than one already published (the receiver delivers a frame that waited
     * for a resend after a newer one): withheld, so subscribers always see camera order.
     */
    public long framesLate() {
        return framesLate.get();
    }

    public long conversionErrors() {
        return conversionErrors.get();
    }

    /** Successful camera sessions (1 + reconnects). */
    public long connects() {
        return connects.get();
    }

    public long connectFailures() {
        return connectFailures.get();
    }

    /** Sessions ended by the heartbeat (device vanished or control lost). */
    public long cameraLosses() {
        return cameraLosses.get();
    }

    /** Sum of frame-complete → published times, for the mean. */
    public long publishLatencyNanosTotal() {
        return publishLatencyNanosTotal.get();
    }

    public long publishLatencyNanosMax() {
        return publishLatencyNanosMax.get();
    }

    /** PACKETRESEND commands of finished camera sessions (all of them once {@link Gateway#run} returned). */
    public long resendRequestsOfClosedSessions() {
        return resendRequestsClosedSessions.get();
    }

    void recordLatency(long nanos) {
        publishLatencyNanosTotal.addAndGet(nanos);
        publishLatencyNanosMax.accumulateAndGet(nanos, Math::max);
    }
}
