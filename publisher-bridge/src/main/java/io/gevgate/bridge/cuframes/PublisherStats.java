package io.gevgate.bridge.cuframes;

import java.util.concurrent.atomic.LongAdder;

/** Publisher counters: every drop or error has one. */
public final class PublisherStats {
    final LongAdder published = new LongAdder();
    final LongAdder connections = new LongAdder();
    final LongAdder subscribed = new LongAdder();
    final LongAdder handshakeErrors = new LongAdder();
    final LongAdder tooMany = new LongAdder();
    final LongAdder handshakeRejectedBusy = new LongAdder();
    final LongAdder strictWaitEvictions = new LongAdder();

    public long published() {
        return published.sum();
    }

    public long connections() {
        return connections.sum();
    }

    public long subscribed() {
        return subscribed.sum();
    }

    public long handshakeErrors() {
        return handshakeErrors.sum();
    }

    public long tooMany() {
        return tooMany.sum();
    }

    public long handshakeRejectedBusy() {
        return handshakeRejectedBusy.sum();
    }

    public long strictWaitEvictions() {
        return strictWaitEvictions.sum();
    }
}
