package io.gevgate.bridge.convert.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicIntegerArray;

import org.junit.jupiter.api.Test;

class BandRunnerTest {

    @Test
    void everyBandRunsExactlyOncePerRunAndResultsAreVisibleToTheCaller() {
        int bands = 4;
        int runs = 2_000;
        AtomicIntegerArray calls = new AtomicIntegerArray(bands);
        int[] plainWrites = new int[bands]; // plain writes: visibility comes from the runner's hand-off
        try (BandRunner runner = new BandRunner(bands, "test-band")) {
            for (int run = 1; run <= runs; run++) {
                int expected = run;
                runner.run(band -> {
                    calls.incrementAndGet(band);
                    plainWrites[band] = expected;
                });
                for (int band = 0; band < bands; band++) {
                    assertThat(plainWrites[band]).as("band %d after run %d", band, run).isEqualTo(run);
                }
            }
        }
        for (int band = 0; band < bands; band++) {
            assertThat(calls.get(band)).isEqualTo(runs);
        }
    }

    @Test
    void aWorkerFailureReachesTheCallerAndTheRunnerStaysUsable() {
        try (BandRunner runner = new BandRunner(3, "test-band")) {
            assertThatThrownBy(() -> runner.run(band -> {
                if (band == 2) {
                    throw new IllegalStateException("band 2 broke");
                }
            })).isInstanceOf(IllegalStateException.class).hasMessage("band 2 broke");
            AtomicIntegerArray calls = new AtomicIntegerArray(3);
            runner.run(calls::incrementAndGet);
            assertThat(calls.toString()).isEqualTo("[1, 1, 1]");
        }
    }

    @Test
    void closeStopsTheWorkersAndRefusesFurtherRuns() throws InterruptedException {
        BandRunner runner = new BandRunner(3, "test-band-close");
        runner.run(band -> { });
        runner.close();
        assertThatThrownBy(() -> runner.run(band -> { })).isInstanceOf(IllegalStateException.class);
        boolean alive = Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().startsWith("test-band-close") && t.isAlive());
        assertThat(alive).as("worker threads still alive after close").isFalse();
    }

    @Test
    void singleBandRunsOnTheCaller() {
        try (BandRunner runner = new BandRunner(1, "unused")) {
            Thread[] ranOn = new Thread[1];
            runner.run(band -> ranOn[0] = Thread.currentThread());
            assertThat(ranOn[0]).isSameAs(Thread.currentThread());
        }
    }
}
