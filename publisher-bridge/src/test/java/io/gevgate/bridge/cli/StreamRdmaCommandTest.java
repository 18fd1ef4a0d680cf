package io.gevgate.bridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gevgate.simulator.SimulatedDevice;
import io.gevgate.simulator.SimulatorConfig;
import io.gevgate.simulator.registers.FeatureRegisters;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code gevgate stream --rdma} against the default simulator (RDMA profile built in), 127.0.0.250-251. */
@Timeout(120)
class StreamRdmaCommandTest {
    record Run(int exit, String out, String err) {
    }

    private static synchronized Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int exit = Main.run(args);
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void streamsCompleteFramesOverSoftRoce() throws Exception {
        try (SimulatedDevice d = SimulatedDevice.start(SimulatorConfig.defaults(InetAddress.getByName("127.0.0.250")))) {
            d.registers().set(FeatureRegisters.WIDTH, 128);
            d.registers().set(FeatureRegisters.HEIGHT, 64);
            Run r = run("stream", "--address", "127.0.0.250", "--rdma", "--rdma-engine", "soft", "--count", "10",
                    "--duration", "60");
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.err()).contains("over RDMA (soft engine)");
            assertThat(r.out()).contains("stream: 10 complete frames, 0 incomplete (RDMA)");
            assertThat(d.rdma().enabled()).as("the command disabled the profile on exit").isFalse();
            assertThat(d.rdma().streamsStarted()).isEqualTo(1);
        }
    }

    @Test
    void saveWithRdmaIsAUsageErrorBeforeAnyNetworkTraffic() throws Exception {
        Run save = run("stream", "--address", "127.0.0.251", "--rdma", "--save", "/tmp/gevgate-rdma-save-refused");
        assertThat(save.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(save.err()).contains("--save is not available with --rdma");
    }

    @Test
    void badEngineIsRefusedOnALiveCamera() throws Exception {
        try (SimulatedDevice d = SimulatedDevice.start(SimulatorConfig.defaults(InetAddress.getByName("127.0.0.251")))) {
            Run r = run("stream", "--address", "127.0.0.251", "--rdma", "--rdma-engine", "dpdk", "--count", "1");
            assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
            assertThat(r.err()).contains("soft, verbs or auto");
            assertThat(d.rdma().enabled()).isFalse();
        }
    }
}
