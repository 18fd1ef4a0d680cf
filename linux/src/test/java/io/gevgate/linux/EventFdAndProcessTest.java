package io.gevgate.linux;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EventFdAndProcessTest {
    @Test
    void eventFdCountsSignalsAndTimesOut() {
        try (EventFd e = EventFd.create()) {
            assertThat(e.await(10)).isZero();
            e.signal(2);
            e.signal(3);
            assertThat(e.await(1000)).isEqualTo(5);
            assertThat(e.await(0)).isZero();
        }
    }

    @Test
    void eventFdWakesAnotherThread() throws Exception {
        try (EventFd e = EventFd.create()) {
            Thread t = Thread.ofPlatform().start(() -> {
                try {
                    Thread.sleep(30);
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
                e.signal(1);
            });
            assertThat(e.await(5000)).isEqualTo(1);
            t.join();
        }
    }

    @Test
    void livenessFollowsAChildProcess() throws Exception {
        assertThat(ProcessLiveness.isAlive(ProcessLiveness.currentPid())).isTrue();
        assertThat(ProcessLiveness.currentPid()).isEqualTo((int) ProcessHandle.current().pid());
        Process p = new ProcessBuilder("sleep", "30").start();
        long pid = p.pid();
        assertThat(ProcessLiveness.isAlive(pid)).isTrue();
        p.destroyForcibly();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(ProcessLiveness.isAlive(pid)).isFalse();
        assertThat(ProcessLiveness.isAlive(0)).isFalse();
        assertThat(ProcessLiveness.isAlive(-5)).isFalse();
        assertThat(ProcessLiveness.isAlive(1L << 40)).isFalse();
    }
}
