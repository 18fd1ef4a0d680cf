package io.gevgate.acquisition.gvsp;

import io.gevgate.linux.ThreadScheduling;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link GvspReceiverConfig#threadSetup}: runs once on the receive thread itself, before it receives. */
@Timeout(30)
class ReceiveThreadSetupTest {

    @Test
    void setupRunsOnTheReceiveThreadAndItsSchedulingSticksToThatThread() throws Exception {
        List<Integer> allowed = ThreadScheduling.currentAffinity();
        int cpu = allowed.get(0);
        CompletableFuture<String> ranOn = new CompletableFuture<>();
        CompletableFuture<List<Integer>> affinity = new CompletableFuture<>();
        GvspReceiverConfig cfg = new GvspReceiverConfig().bindAddress("127.0.0.1").port(0).threadName("setup-test-rx")
                .threadSetup(() -> {
                    ThreadScheduling.pinCurrent(List.of(cpu));
                    ranOn.complete(Thread.currentThread().getName());
                    affinity.complete(ThreadScheduling.currentAffinity());
                });
        try (GvspReceiver r = GvspReceiver.start(cfg)) {
            assertThat(ranOn.get(20, TimeUnit.SECONDS)).isEqualTo("setup-test-rx");
            assertThat(affinity.get(20, TimeUnit.SECONDS)).containsExactly(cpu);
            assertThat(r.failure()).isNull();
        }
        assertThat(ThreadScheduling.currentAffinity()).as("the caller's thread is untouched").isEqualTo(allowed);
    }

    @Test
    void aFailingSetupStopsTheReceiverWithThatFailure() throws Exception {
        IllegalStateException boom = new IllegalStateException("set-up refused");
        GvspReceiverConfig cfg = new GvspReceiverConfig().bindAddress("127.0.0.1").port(0).threadSetup(() -> {
            throw boom;
        });
        try (GvspReceiver r = GvspReceiver.start(cfg)) {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (r.isRunning() && System.nanoTime() < end) {
                Thread.sleep(5);
            }
            assertThat(r.isRunning()).isFalse();
            assertThat(r.failure()).isSameAs(boom);
        }
    }
}
