package io.gevgate.bridge.cuframes;

/** Counters of one subscriber (single-threaded, like the subscriber itself). */
public final class SubscriberStats {
    long frames;
    long gaps;
    long timeouts;
    long torn;
    long retries;

    /** Frames returned by next(). */
    public long frames() {
        return frames;
    }

    /** Frames skipped between two returned ones (NEWEST_ONLY). */
    public long gaps() {
        return gaps;
    }

    /** next() calls that ended without a frame. */
    public long timeouts() {
        return timeouts;
    }

    /** Frames whose slot was rewritten before release (post-read verification failed). */
    public long torn() {
        return torn;
    }

    /** Slot reads retried because the seq moved under the reader. */
    public long retries() {
        return retries;
    }

    @Override
    public String toString() {
        return "frames=" + frames + " gaps=" + gaps + " timeouts=" + timeouts + " torn=" + torn + " retries=" + retries;
    }
}
