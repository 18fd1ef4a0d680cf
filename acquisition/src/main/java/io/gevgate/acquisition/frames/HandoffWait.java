package io.gevgate.acquisition.frames;

/**
 * How a consumer waiting in a receiver's {@code take} learns that a frame was handed over.
 *
 * <p>Why there is a choice: a thread that has been parked for a whole frame interval can take far
 * longer to run again than the unpark suggests (an idle CPU in a deep sleep state, or on a virtual
 * machine an idle vCPU that the hypervisor descheduled): on the H100 host the gateway measured a
 * hand-off p99 of ~1 ms with plain parking against a p50 of ~60 µs. A consumer that is already
 * awake when the frame completes does not pay that. The receiver knows when a frame starts
 * arriving (its first packet opens it), so the consumer can be woken early and stay awake for just
 * the time the frame is on the wire.
 */
public enum HandoffWait {
    /** Park until the receiver hands a frame over (unpark). Least CPU; pays the full wake-up latency. */
    BLOCK,
    /**
     * Park between frames; when a frame starts arriving the receiver wakes the consumer, which then
     * re-checks every {@link HandoffWaiter#POLL_NANOS} (a short timed park) until the frame is handed
     * over. Costs a few percent of a core while frames are on the wire.
     */
    ADAPTIVE,
    /**
     * Like {@link #ADAPTIVE} but busy-spins ({@link Thread#onSpinWait()}) while a frame is on the
     * wire: the lowest hand-off latency, at the price of a whole core during reception. For hosts
     * with a core to dedicate to the consumer.
     */
    SPIN
}
