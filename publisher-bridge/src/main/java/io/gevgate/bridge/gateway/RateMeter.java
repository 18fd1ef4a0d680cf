package io.gevgate.bridge.gateway;

/**
 * Turns monotonically increasing totals into per-second rates between two calls of
 * {@link #sample}: what a once-a-second status line prints. Not thread-safe (one status thread).
 */
public final class RateMeter {
    private long lastNanos = System.nanoTime();
    private long lastFrames;
    private long lastBytes;
    private double fps;
    private double megabytesPerSecond;

    /** Records the totals now and computes the rates since the previous sample. */
    public void sample(long framesTotal, long bytesTotal) {
        long now = System.nanoTime();
        double seconds = Math.max(1e-9, (now - lastNanos) / 1e9);
        fps = (framesTotal - lastFrames) / seconds;
        megabytesPerSecond = (bytesTotal - lastBytes) / seconds / 1e6;
        lastNanos = now;
        lastFrames = framesTotal;
        lastBytes = bytesTotal;
    }

    public double fps() {
        return fps;
    }

    /** MB/s (10^6 bytes per second). */
    public double megabytesPerSecond() {
        return megabytesPerSecond;
    }
}
