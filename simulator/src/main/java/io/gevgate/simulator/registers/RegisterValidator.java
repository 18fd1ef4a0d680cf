package io.gevgate.simulator.registers;

/** Checks a value before it is stored; throws {@link RegisterAccessException} to refuse it. */
@FunctionalInterface
public interface RegisterValidator {
    void check(int address, int value);

    /** Unsigned range with an increment, e.g. Width 16..2048 step 4. */
    static RegisterValidator range(long min, long max, long inc) {
        return (address, value) -> {
            long v = Integer.toUnsignedLong(value);
            if (v < min || v > max || (v - min) % inc != 0) {
                throw new RegisterAccessException(io.gevgate.acquisition.gvcp.codec.GvcpStatus.INVALID_PARAMETER,
                        String.format("0x%08X: value %d outside %d..%d step %d", address, v, min, max, inc));
            }
        };
    }

    /** One of a fixed set of values (an enumeration). */
    static RegisterValidator oneOf(int... allowed) {
        return (address, value) -> {
            for (int a : allowed) {
                if (a == value) {
                    return;
                }
            }
            throw new RegisterAccessException(io.gevgate.acquisition.gvcp.codec.GvcpStatus.INVALID_PARAMETER,
                    String.format("0x%08X: value 0x%08X is not an allowed entry", address, value));
        };
    }

    /** An IEEE-754 float32 within [min, max]. */
    static RegisterValidator floatRange(float min, float max) {
        return (address, value) -> {
            float f = Float.intBitsToFloat(value);
            if (!(f >= min && f <= max)) {
                throw new RegisterAccessException(io.gevgate.acquisition.gvcp.codec.GvcpStatus.INVALID_PARAMETER,
                        String.format("0x%08X: value %s outside %s..%s", address, f, min, max));
            }
        };
    }
}
