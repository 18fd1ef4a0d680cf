package io.gevgate.bridge.cuframes;

import java.util.function.BooleanSupplier;

/** Bounded waiting for asynchronous effects (monitor threads, child processes). */
final class Awaits {
    private Awaits() {
    }

    static void until(BooleanSupplier condition, long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("condition not met within " + timeoutMs + " ms");
            }
            Thread.sleep(5);
        }
    }
}
