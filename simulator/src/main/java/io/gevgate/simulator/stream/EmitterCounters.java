package io.gevgate.simulator.stream;

import java.util.concurrent.atomic.AtomicLong;

/** Emitter statistics (written by the emitter thread, read anywhere). */
public final class EmitterCounters {
    final AtomicLong framesSent = new AtomicLong();
    final AtomicLong packetsSent = new AtomicLong();
    final AtomicLong bytesSent = new AtomicLong();
    final AtomicLong payloadBytesSent = new AtomicLong();
    final AtomicLong packetsDropped = new AtomicLong();
    final AtomicLong packetsDuplicated = new AtomicLong();
    final AtomicLong packetsReordered = new AtomicLong();
    final AtomicLong resendRequests = new AtomicLong();
    final AtomicLong packetsResent = new AtomicLong();
    final AtomicLong resendsUnavailable = new AtomicLong();
    final AtomicLong resendRequestsRejected = new AtomicLong();

    public long framesSent() {
        return framesSent.get();
    }

    public long packetsSent() {
        return packetsSent.get();
    }

    /** UDP payload bytes handed to the kernel. */
    public long bytesSent() {
        return bytesSent.get();
    }

    /** Frame payload bytes (first transmissions only). */
    public long payloadBytesSent() {
        return payloadBytesSent.get();
    }

    public long packetsDropped() {
        return packetsDropped.get();
    }

    public long packetsDuplicated() {
        return packetsDuplicated.get();
    }

    public long packetsReordered() {
        return packetsReordered.get();
    }

    public long resendRequests() {
        return resendRequests.get();
    }

    public long packetsResent() {
        return packetsResent.get();
    }

    /** Resend requests for blocks no longer in the history (answered with an error packet). */
    public long resendsUnavailable() {
        return resendsUnavailable.get();
    }

    /** Resend requests dropped because the request queue was full. */
    public long resendRequestsRejected() {
        return resendRequestsRejected.get();
    }

    @Override
    public String toString() {
        return "EmitterCounters{frames=" + framesSent + ", packets=" + packetsSent + ", bytes=" + bytesSent
                + ", dropped=" + packetsDropped + ", duplicated=" + packetsDuplicated + ", reordered="
                + packetsReordered + ", resendRequests=" + resendRequests + ", resent=" + packetsResent
                + ", unavailable=" + resendsUnavailable + "}";
    }
}
