package io.gevgate.simulator.roce;

import io.gevgate.acquisition.roce.RdmaProfile;
import io.gevgate.acquisition.roce.RoceFrame;
import io.gevgate.acquisition.roce.SoftRoceConfig;
import io.gevgate.acquisition.roce.SoftRoceReceiver;
import io.gevgate.acquisition.roce.codec.InvariantCrc;
import io.gevgate.gendc.write.ContainerSpec;
import io.gevgate.simulator.registers.RegisterAccessException;
import io.gevgate.simulator.registers.RegisterSpace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The host programs the profile's registers as it would over GVCP; enabling starts the emitter. */
@Timeout(60)
class RdmaProfileRegistersTest {
    @Test
    void programmedRegistersDriveTheEmitter() throws Exception {
        String device = "127.0.0.125";
        String host = "127.0.0.126";
        ContainerSpec spec = RoceRig.container(64, 32);
        RdmaProfile wanted = RoceRig.profile(spec, 2048, 3, device, 1, host);
        RegisterSpace regs = new RegisterSpace();
        AtomicReference<RoceEmitter> emitter = new AtomicReference<>();
        RdmaProfileRegisters.install(regs, spec, () -> emitter.get() == null ? 0 : emitter.get().sourcePort());
        RdmaProfileRegisters.onEnable(regs, device, p -> {
            try {
                emitter.set(new RoceEmitter(RoceEmitterConfig.of(p, spec, device)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, () -> emitter.get().close());
        assertThat(regs.read(RdmaProfileRegisters.DESTINATION_PORT)).isEqualTo(4791);
        assertThat(regs.read(RdmaProfileRegisters.FLOW_COUNT)).isEqualTo(3);
        assertThatThrownBy(() -> regs.write(RdmaProfileRegisters.PATH_MTU, 1500)).isInstanceOf(RegisterAccessException.class);
        assertThatThrownBy(() -> regs.write(RdmaProfileRegisters.flowRegister(0, RdmaProfileRegisters.FLOW_PAGE_SIZE), 100))
                .isInstanceOf(RegisterAccessException.class);
        // enabling before the destination is programmed fails loudly
        assertThatThrownBy(() -> regs.write(RdmaProfileRegisters.ENABLE, 1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("RdmaFlowPageSize[0]");
        assertThat(regs.read(RdmaProfileRegisters.ENABLE)).as("a failed enable leaves the stream off").isZero();

        regs.write(RdmaProfileRegisters.QUEUE_PAIR, wanted.queuePair());
        regs.write(RdmaProfileRegisters.DESTINATION_IP, InvariantCrc.ipv4(host));
        regs.write(RdmaProfileRegisters.PATH_MTU, wanted.pathMtu());
        regs.write(RdmaProfileRegisters.PAGE_COUNT, wanted.pageCount());
        for (int f = 0; f < 3; f++) {
            regs.write(RdmaProfileRegisters.flowRegister(f, RdmaProfileRegisters.FLOW_REMOTE_KEY), wanted.flow(f).rkey());
            regs.write(RdmaProfileRegisters.flowRegister(f, RdmaProfileRegisters.FLOW_ADDRESS_HIGH),
                    (int) (wanted.flow(f).baseAddress() >>> 32));
            regs.write(RdmaProfileRegisters.flowRegister(f, RdmaProfileRegisters.FLOW_ADDRESS_LOW),
                    (int) wanted.flow(f).baseAddress());
            regs.write(RdmaProfileRegisters.flowRegister(f, RdmaProfileRegisters.FLOW_PAGE_SIZE),
                    (int) wanted.flow(f).pageSize());
            assertThat(regs.read(RdmaProfileRegisters.flowRegister(f, RdmaProfileRegisters.FLOW_SIZE)))
                    .isEqualTo((int) spec.flowSize(f));
        }
        regs.write(RdmaProfileRegisters.ENABLE, 1);
        try {
            int port = regs.read(RdmaProfileRegisters.SOURCE_PORT);
            assertThat(port).isEqualTo(emitter.get().sourcePort()).isPositive();
            RdmaProfile seen = RdmaProfileRegisters.profile(regs, device);
            assertThat(seen.flows()).isEqualTo(wanted.flows());
            try (SoftRoceReceiver rx = SoftRoceReceiver.start(RoceRig.lossFree(SoftRoceConfig.of(
                    wanted.withEndpoints(device, port, host, RdmaProfile.ROCE_V2_PORT))))) {
                emitter.get().emit(1);
                RoceFrame f = rx.take(10, TimeUnit.SECONDS);
                assertThat(f).as("%s", rx.counters()).isNotNull();
                RoceRig.verifyBitExact(f, spec);
                f.release();
            }
        } finally {
            regs.write(RdmaProfileRegisters.ENABLE, 0);
        }
    }
}
