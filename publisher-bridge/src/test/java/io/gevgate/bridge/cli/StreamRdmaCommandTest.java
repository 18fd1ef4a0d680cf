package io.gevgate.bridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gevgate.simulator.SimulatedDevice;
import io.gevgate.simulator.SimulatorConfig;
import io.gevgate.simulator.registers.FeatureRegisters;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code gevgate stream --rdma} against the default simulator (RDMA profile built in), 127.0.0.250-251. */
@Timeout(120)
class StreamRdmaCommandTest {
    private static CliRun run(String... args) {
        return CliRun.run(args);
    }

    @Test
    void streamsCompleteFramesOverSoftRoce() throws Exception {
        try (SimulatedDevice d = SimulatedDevice.start(SimulatorConfig.defaults(InetAddress.getByName("127.0.0.250")))) {
            d.registers().set(FeatureRegisters.WIDTH, 128);
            d.registers().set(FeatureRegisters.HEIGHT, 64);
            CliRun r = run("stream", "--address", "127.0.0.250", "--rdma", "--rdma-engine", "soft", "--rdma-frame-timeout", "10000", "--count", "10",
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
        CliRun save = run("stream", "--address", "127.0.0.251", "--rdma", "--save", "/tmp/gevgate-rdma-save-refused");
        assertThat(save.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(save.err()).contains("--save is not available with --rdma");
    }

    @Test
    void badFrameTimeoutIsAUsageError() throws Exception {
        try (SimulatedDevice d = SimulatedDevice.start(SimulatorConfig.defaults(InetAddress.getByName("127.0.0.251")))) {
            CliRun r = run("stream", "--address", "127.0.0.251", "--rdma", "--rdma-frame-timeout", "0", "--count", "1");
            assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
            assertThat(r.err()).contains("--rdma-frame-timeout: RdmaFrameTimeout must be 1..60000, got 0");
            assertThat(d.rdma().enabled()).isFalse();
        }
    }

    @Test
    void badEngineIsRefusedOnALiveCamera() throws Exception {
        try (SimulatedDevice d = SimulatedDevice.start(SimulatorConfig.defaults(InetAddress.getByName("127.0.0.251")))) {
            CliRun r = run("stream", "--address", "127.0.0.251", "--rdma", "--rdma-engine", "dpdk", "--count", "1");
            assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
            assertThat(r.err()).contains("soft, verbs or auto");
            assertThat(d.rdma().enabled()).isFalse();
        }
    }
}
