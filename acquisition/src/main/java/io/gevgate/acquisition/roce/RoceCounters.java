package io.gevgate.acquisition.roce;

import io.gevgate.acquisition.roce.codec.RoceError;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/** Receiver statistics: written by the receive thread only (release stores), read from any thread. */
public final class RoceCounters {
    private static final RoceCounter[] ALL = RoceCounter.values();
    private final AtomicLongArray values = new AtomicLongArray(ALL.length);

    void increment(RoceCounter c) {
        add(c, 1);
    }

    void add(RoceCounter c, long delta) {
        int i = c.ordinal();
        values.setRelease(i, values.getPlain(i) + delta);
    }

    public long get(RoceCounter c) {
        return values.getAcquire(c.ordinal());
    }

    /** Packets dropped by the decoder or the placement checks (not counting late/orphan). */
    public long decoderDrops() {
        long n = 0;
        for (RoceError e : RoceError.values()) {
            n += get(forError(e));
        }
        return n;
    }

    static RoceCounter forError(RoceError e) {
        return switch (e) {
            case TRUNCATED -> RoceCounter.TRUNCATED;
            case UNSUPPORTED_OPCODE -> RoceCounter.UNSUPPORTED_OPCODE;
            case BAD_TRANSPORT_VERSION -> RoceCounter.BAD_TRANSPORT_VERSION;
            case BAD_PKEY -> RoceCounter.BAD_PKEY;
            case WRONG_QP -> RoceCounter.WRONG_QP;
            case BAD_PAD -> RoceCounter.BAD_PAD;
            case BAD_LENGTH -> RoceCounter.BAD_LENGTH;
            case BAD_ICRC -> RoceCounter.BAD_ICRC;
        };
    }

    public Map<RoceCounter, Long> snapshot() {
        Map<RoceCounter, Long> m = new EnumMap<>(RoceCounter.class);
        for (RoceCounter c : ALL) {
            m.put(c, get(c));
        }
        return m;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("RoceCounters{");
        for (RoceCounter c : ALL) {
            long v = get(c);
            if (v != 0) {
                sb.append(c.name().toLowerCase()).append('=').append(v).append(' ');
            }
        }
        return sb.append('}').toString();
    }
}
