package io.gevgate.acquisition.gvsp;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Receiver statistics. Written by the receiver thread only (a release store, no CAS), read from
 * any thread (the slow-consumer drop happens on the receiver thread too, when it hands off).
 */
public final class ReceiverCounters {
    private static final GvspCounter[] ALL = GvspCounter.values();
    private final AtomicLongArray values = new AtomicLongArray(ALL.length);

    void increment(GvspCounter c) {
        int i = c.ordinal();
        values.setRelease(i, values.getPlain(i) + 1);
    }

    void add(GvspCounter c, long delta) {
        int i = c.ordinal();
        values.setRelease(i, values.getPlain(i) + delta);
    }

    public long get(GvspCounter c) {
        return values.getAcquire(c.ordinal());
    }

    /** A consistent-enough copy for reporting. */
    public Map<GvspCounter, Long> snapshot() {
        Map<GvspCounter, Long> m = new EnumMap<>(GvspCounter.class);
        for (GvspCounter c : ALL) {
            m.put(c, get(c));
        }
        return m;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("ReceiverCounters{");
        for (GvspCounter c : ALL) {
            long v = get(c);
            if (v != 0) {
                sb.append(c.name().toLowerCase()).append('=').append(v).append(' ');
            }
        }
        return sb.append('}').toString();
    }
}
