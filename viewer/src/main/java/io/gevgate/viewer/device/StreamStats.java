package io.gevgate.viewer.device;

/**
 * A snapshot of the live stream's counters; rates come from two snapshots.
 *
 * @param frames     frames delivered complete
 * @param bytes      payload bytes of those frames
 * @param resends    packets the receiver asked to be resent
 * @param drops      frames lost (incomplete, timed out, no buffer, slow consumer)
 * @param nanos      when this snapshot was taken (System.nanoTime)
 */
public record StreamStats(long frames, long bytes, long resends, long drops, long nanos) {
    public static final StreamStats ZERO = new StreamStats(0, 0, 0, 0, 0);

    public double fpsSince(StreamStats older) {
        double s = (nanos - older.nanos) / 1e9;
        return s <= 0 ? 0 : (frames - older.frames) / s;
    }

    public double megabytesPerSecondSince(StreamStats older) {
        double s = (nanos - older.nanos) / 1e9;
        return s <= 0 ? 0 : (bytes - older.bytes) / s / 1e6;
    }
}
