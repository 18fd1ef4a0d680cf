package io.gevgate.bridge.cuframes;

/** How a subscriber walks the ring. */
public enum SubscriberMode {
    /** Always the newest frame; skipped frames count as gaps. */
    NEWEST_ONLY,
    /** Every frame in order; falling more than a ring behind is DISCONNECTED (cuframes semantics). */
    STRICT_ORDER;

    public int code() {
        return ordinal();
    }
}
