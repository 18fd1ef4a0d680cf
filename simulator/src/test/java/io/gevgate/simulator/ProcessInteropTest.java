package io.gevgate.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gevgate.acquisition.gvcp.BootstrapRegisters;
import io.gevgate.acquisition.gvcp.GvcpClient;
import io.gevgate.acquisition.gvcp.GvcpException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Tests that need a second process: killing the controller, broadcast discovery in a private netns. */
class ProcessInteropTest {

    @Test
    void killingTheControllingProcessFreesControlAfterTheHeartbeatTimeout() throws Exception {
        try (SimulatedDevice d = SimulatedDevice.start(SimulatorConfig.defaults(InetAddress.getByName("127.0.0.35"))
                .withHeartbeatTimeoutMs(2000)); // the child JVM's heartbeat may be >1 s late on a loaded machine
             GvcpClient second = SimulatorClientTest.client(d, 2000, 2)) {
            ChildJvm child = new ChildJvm(List.of(), HoldControlMain.class, "127.0.0.35");
            try {
                assertThat(child.await("HOLDING", 30)).as("child took control").isNotNull();
                Thread.sleep(4500); // > 2 heartbeat timeouts: only the child's heartbeat keeps control
                assertThatThrownBy(() -> second.writeRegister(BootstrapRegisters.CCP, BootstrapRegisters.CCP_CONTROL))
                        .isInstanceOfSatisfying(GvcpException.class, e -> assertThat(e.statusName()).isEqualTo("ACCESS_DENIED"));
                child.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS); // SIGKILL: no release
                long killed = System.nanoTime();
                long deadline = killed + TimeUnit.SECONDS.toNanos(10);
                boolean taken = false;
                while (!taken && System.nanoTime() < deadline) {
                    try {
                        second.writeRegister(BootstrapRegisters.CCP, BootstrapRegisters.CCP_CONTROL);
                        taken = true;
                    } catch (GvcpException e) {
                        assertThat(e.statusName()).isEqualTo("ACCESS_DENIED");
                        Thread.sleep(50);
                    }
                }
                Duration freed = Duration.ofNanos(System.nanoTime() - killed);
                System.out.println("control freed " + freed.toMillis() + " ms after SIGKILL (heartbeat timeout 2000 ms)");
                assertThat(taken).isTrue();
                assertThat(freed).isLessThan(Duration.ofMillis(2000 + 2500));
                assertThat(d.counters().heartbeatExpiries()).isEqualTo(1);
            } finally {
                child.close();
            }
        }
    }

    @Test
    void broadcastDiscoveryInsideAPrivateNetworkNamespace() throws Exception {
        String ns = "gevgate-gvcp-" + ProcessHandle.current().pid();
        Process add = new ProcessBuilder("ip", "netns", "add", ns).redirectErrorStream(true).start();
        boolean created = add.waitFor(10, TimeUnit.SECONDS) && add.exitValue() == 0;
        assumeTrue(created, "cannot create a network namespace (needs root / CAP_SYS_ADMIN): broadcast discovery not tested here");
        try {
            Process up = new ProcessBuilder("ip", "-n", ns, "link", "set", "lo", "up").start();
            assertThat(up.waitFor(10, TimeUnit.SECONDS) && up.exitValue() == 0).isTrue();
            try (ChildJvm child = new ChildJvm(List.of("ip", "netns", "exec", ns), NetnsDiscoveryProbe.class)) {
                String done = child.await("DONE", 60);
                assertThat(done).as("probe finished").isNotNull();
                assertThat(done).isEqualTo("DONE lo=1 all=1 action=1");
            }
        } finally {
            new ProcessBuilder("ip", "netns", "del", ns).start().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
