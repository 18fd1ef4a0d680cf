package io.gevgate.bridge.gateway;

import io.gevgate.linux.ThreadScheduling;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The gateway's thread tuning: applied where allowed, a warning (never a failure) where refused, undone after. */
class LatencyThreadSetupTest {

    private static <T> T onFreshThread(Supplier<T> body) throws Exception {
        CompletableFuture<T> r = new CompletableFuture<>();
        Thread.ofPlatform().daemon(true).start(() -> {
            try {
                r.complete(body.get());
            } catch (Throwable t) {
                r.completeExceptionally(t);
            }
        });
        return r.get(30, TimeUnit.SECONDS);
    }

    @Test
    void nothingAskedChangesNothing() throws Exception {
        LatencyThreadSetup none = new LatencyThreadSetup(0, null);
        assertThat(none.active()).isFalse();
        assertThat(onFreshThread(() -> none.applyToCurrentThread("gateway"))).isEqualTo("normal");
    }

    @Test
    void pinningAndPriorityApplyToTheCallingThreadAndAreUndone() throws Exception {
        List<Integer> allowed = ThreadScheduling.currentAffinity();
        int cpu = allowed.get(allowed.size() - 1);
        LatencyThreadSetup setup = new LatencyThreadSetup(5, cpu);
        String[] seen = onFreshThread(() -> {
            String applied = setup.applyToCurrentThread("gateway");
            String during = ThreadScheduling.currentAffinity() + " policy " + ThreadScheduling.currentPolicy();
            setup.restoreCurrentThread(allowed);
            String after = ThreadScheduling.currentAffinity() + " policy " + ThreadScheduling.currentPolicy();
            return new String[] {applied, during, after};
        });
        // SCHED_FIFO needs CAP_SYS_NICE: without it only the pinning takes effect (and a warning is logged)
        boolean realtime = seen[0].startsWith("SCHED_FIFO 5");
        assertThat(seen[0]).isEqualTo((realtime ? "SCHED_FIFO 5, " : "") + "CPU " + cpu);
        assertThat(seen[1]).isEqualTo("[" + cpu + "] policy " + (realtime ? ThreadScheduling.SCHED_FIFO : ThreadScheduling.SCHED_OTHER));
        assertThat(seen[2]).isEqualTo(allowed + " policy " + ThreadScheduling.SCHED_OTHER);
    }

    @Test
    void aCpuOutsideTheAllowedSetIsAWarningNotAFailure() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(ThreadScheduling.currentAffinity().contains(1023), "this host has CPU 1023");
        String applied = onFreshThread(() -> new LatencyThreadSetup(0, 1023).applyToCurrentThread("GVSP receive"));
        assertThat(applied).isEqualTo("normal");
    }

    @Test
    void optionsRejectOutOfRangeValues() {
        assertThatThrownBy(() -> new GatewayOptions().realtimePriority(100)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1..99");
        assertThatThrownBy(() -> new GatewayOptions().cpus(-1, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GatewayOptions().cpus(null, 1024)).isInstanceOf(IllegalArgumentException.class);
    }
}
