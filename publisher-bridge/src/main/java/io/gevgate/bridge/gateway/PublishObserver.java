package io.gevgate.bridge.gateway;

/**
 * Told about every published frame, on the gateway's thread right after publish: benchmarks and
 * tests pair the seq with the frame-complete time to measure frame-complete → subscriber-visible
 * latency. Must not block or allocate per call if used on a live system.
 */
@FunctionalInterface
public interface PublishObserver {
    /**
     * @param seq               the cuframes seq the frame was published with
     * @param frameCompleteNanos {@link System#nanoTime()} when the receiver closed the frame
     */
    void published(long seq, long frameCompleteNanos);
}
