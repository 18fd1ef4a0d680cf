package io.gevgate.gendc.write;

/** Argument checks for the builder: values must fit the GenDC field they go into. */
final class Checks {
    private Checks() {
    }

    static void range(String name, long value, long max) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(name + " must be 0.." + max + ", was " + value);
        }
    }

    static void nonNegative(String name, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be non-negative (below 2^63), was " + value);
        }
    }
}
