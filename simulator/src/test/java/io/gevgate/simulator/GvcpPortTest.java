package io.gevgate.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gevgate.acquisition.camera.GvcpPort;
import io.gevgate.acquisition.genapi.port.PortException;
import io.gevgate.acquisition.gvcp.GvcpClient;
import io.gevgate.acquisition.gvcp.GvcpException;
import io.gevgate.simulator.registers.FeatureRegisters;
import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The GenApi port over GVCP against the simulator (127.0.0.144): READREG, batches, typed failures. */
class GvcpPortTest {

    @Test
    void readsBatchesAndTypedFailures() throws Exception {
        try (SimulatedDevice d = SimulatedDevice.start(SimulatorConfig.defaults(InetAddress.getByName("127.0.0.144")));
             GvcpClient c = GvcpClient.open(d.gvcpAddress(), new GvcpClient.Options(Duration.ofMillis(5000), 2, null))) {
            GvcpPort port = new GvcpPort(c);
            assertThat(port.maxBatchRegisters()).as("the simulator advertises concatenation").isEqualTo(135);
            port.readRegisters(new long[] {FeatureRegisters.WIDTH, FeatureRegisters.HEIGHT}); // the client reads 0x0934 once itself
            long before = c.counters().commandsSent();
            byte[] three = port.readRegisters(new long[] {FeatureRegisters.WIDTH, FeatureRegisters.HEIGHT, FeatureRegisters.PIXEL_FORMAT});
            assertThat(c.counters().commandsSent() - before).as("one READREG for three addresses").isEqualTo(1);
            assertThat(three).hasSize(12);
            assertThat(three[2] & 0xFF).isEqualTo(640 >> 8);
            assertThat(three[3] & 0xFF).isEqualTo(640 & 0xFF);
            assertThat(port.read(FeatureRegisters.WIDTH, 4)).containsExactly(0, 0, 2, 0x80);

            assertThatThrownBy(() -> port.read(0x00FF_FFF0L, 4)).isInstanceOfSatisfying(PortException.class, e -> {
                assertThat(e.getMessage()).contains("INVALID_ADDRESS");
                assertThat(e.getCause()).isInstanceOf(GvcpException.class);
            });
            assertThatThrownBy(() -> port.write(FeatureRegisters.WIDTH, new byte[] {0, 0, 1, 0}))
                    .as("no control privilege").isInstanceOfSatisfying(PortException.class,
                            e -> assertThat(e.getMessage()).contains("ACCESS_DENIED"));
            assertThatThrownBy(() -> port.read(0xFFFF_FFFEL, 4)).isInstanceOf(PortException.class)
                    .hasMessageContaining("32-bit");
            assertThatThrownBy(() -> port.read(-4, 4)).isInstanceOf(PortException.class);
        }
    }
}
