package io.gevgate.acquisition.gvcp;

import java.util.concurrent.atomic.LongAdder;

/** What a {@link GvcpClient} sent, received, retried and dropped; every drop has a counter. */
public final class GvcpClientCounters {
    final LongAdder commandsSent = new LongAdder();
    final LongAdder retries = new LongAdder();
    final LongAdder timeouts = new LongAdder();
    final LongAdder acksReceived = new LongAdder();
    final LongAdder malformedAcks = new LongAdder();
    final LongAdder staleAcks = new LongAdder();
    final LongAdder unexpectedAckCodes = new LongAdder();
    final LongAdder pendingAcks = new LongAdder();
    final LongAdder errorStatuses = new LongAdder();
    final LongAdder portUnreachable = new LongAdder();

    public long commandsSent() {
        return commandsSent.sum();
    }

    public long retries() {
        return retries.sum();
    }

    public long timeouts() {
        return timeouts.sum();
    }

    public long acksReceived() {
        return acksReceived.sum();
    }

    /** Datagrams that were not a well-formed acknowledge (dropped). */
    public long malformedAcks() {
        return malformedAcks.sum();
    }

    /** Acknowledges for an earlier request id (late answers to a retried command; dropped). */
    public long staleAcks() {
        return staleAcks.sum();
    }

    /** Acknowledges with the right id but the wrong ack code (dropped). */
    public long unexpectedAckCodes() {
        return unexpectedAckCodes.sum();
    }

    public long pendingAcks() {
        return pendingAcks.sum();
    }

    public long errorStatuses() {
        return errorStatuses.sum();
    }

    public long portUnreachable() {
        return portUnreachable.sum();
    }

    @Override
    public String toString() {
        return "sent=" + commandsSent() + " retries=" + retries() + " timeouts=" + timeouts()
                + " acks=" + acksReceived() + " malformed=" + malformedAcks() + " stale=" + staleAcks()
                + " unexpectedCode=" + unexpectedAckCodes() + " pending=" + pendingAcks()
                + " errors=" + errorStatuses() + " unreachable=" + portUnreachable();
    }
}
