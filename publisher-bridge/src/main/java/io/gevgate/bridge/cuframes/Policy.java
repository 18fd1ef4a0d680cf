package io.gevgate.bridge.cuframes;

/** What the publisher does with a slot subscribers still hold (header field {@code policy}). */
public enum Policy {
    /** Overwrite regardless of acks (default). */
    DROP_OLDEST,
    /** Wait until every subscriber acked the slot; evict the slow ones after the ack timeout. */
    STRICT_WAIT;

    public int code() {
        return ordinal();
    }
}
