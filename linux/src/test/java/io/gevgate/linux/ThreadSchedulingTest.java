package io.gevgate.linux;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Per-thread scheduling, each case on a thread of its own so the test runner's thread is never changed. */
class ThreadSchedulingTest {

    private static <T> T onFreshThread(Supplier<T> body) throws Exception {
        CompletableFuture<T> r = new CompletableFuture<>();
        Thread.ofPlatform().name("sched-test").daemon(true).start(() -> {
            try {
                r.complete(body.get());
            } catch (Throwable t) {
                r.completeExceptionally(t);
            }
        });
        return r.get(30, TimeUnit.SECONDS);
    }

    @Test
    void pinningRestrictsOnlyTheCallingThread() throws Exception {
        List<Integer> allowed = ThreadScheduling.currentAffinity();
        assertThat(allowed).isNotEmpty();
        int cpu = allowed.get(allowed.size() - 1);
        List<Integer> pinned = onFreshThread(() -> {
            ThreadScheduling.pinCurrent(List.of(cpu));
            return ThreadScheduling.currentAffinity();
        });
        assertThat(pinned).containsExactly(cpu);
        assertThat(ThreadScheduling.currentAffinity()).as("this thread untouched").isEqualTo(allowed);
    }

    @Test
    void pinningToNoUsableCpuIsATypedError() throws Exception {
        List<Integer> allowed = ThreadScheduling.currentAffinity();
        int absent = 1023;
        org.junit.jupiter.api.Assumptions.assumeFalse(allowed.contains(absent), "this host has CPU 1023");
        assertThatThrownBy(() -> onFreshThread(() -> {
            ThreadScheduling.pinCurrent(List.of(absent));
            return null;
        })).hasCauseInstanceOf(LinuxException.class).cause().hasMessageContaining("sched_setaffinity")
                .hasMessageContaining("EINVAL");
        assertThatThrownBy(() -> ThreadScheduling.pinCurrent(List.of(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ThreadScheduling.pinCurrent(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * With CAP_SYS_NICE (or an RLIMIT_RTPRIO) the thread becomes SCHED_FIFO and can go back; without
     * it the refusal is EPERM and says what would grant it. Either way the outcome is checked.
     */
    @Test
    void realtimePriorityIsAppliedOrRefusedWithTheReason() throws Exception {
        String outcome = onFreshThread(() -> {
            try {
                ThreadScheduling.makeCurrentRealtime(10);
            } catch (LinuxException e) {
                assertThat(e.errno()).isEqualTo(Errno.EPERM);
                assertThat(e.getMessage()).contains("CAP_SYS_NICE").contains("ulimit -r 10");
                assertThat(ThreadScheduling.currentPolicy()).isEqualTo(ThreadScheduling.SCHED_OTHER);
                return "refused";
            }
            assertThat(ThreadScheduling.currentPolicy()).isEqualTo(ThreadScheduling.SCHED_FIFO);
            ThreadScheduling.makeCurrentNormal();
            assertThat(ThreadScheduling.currentPolicy()).isEqualTo(ThreadScheduling.SCHED_OTHER);
            return "applied";
        });
        System.out.println("SCHED_FIFO priority 10: " + outcome);
        assertThat(outcome).isIn("applied", "refused");
        assertThat(ThreadScheduling.currentPolicy()).isEqualTo(ThreadScheduling.SCHED_OTHER);
    }

    @Test
    void priorityOutsideOneToNinetyNineIsRejectedBeforeAnyCall() {
        assertThatThrownBy(() -> ThreadScheduling.makeCurrentRealtime(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1..99");
        assertThatThrownBy(() -> ThreadScheduling.makeCurrentRealtime(100)).isInstanceOf(IllegalArgumentException.class);
    }
}
