package io.gevgate.simulator.roce;

import io.gevgate.acquisition.genapi.NodeMap;
import io.gevgate.acquisition.genapi.port.Port;
import io.gevgate.acquisition.roce.RdmaDeviceSetup;
import io.gevgate.acquisition.roce.RdmaProfile;
import io.gevgate.acquisition.roce.RoceFrame;
import io.gevgate.acquisition.roce.SoftRoceConfig;
import io.gevgate.acquisition.roce.SoftRoceReceiver;
import io.gevgate.gendc.write.ContainerSpec;
import io.gevgate.simulator.registers.RegisterSpace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The profile's GenICam XML nodes, loaded by gevgate's GenApi engine over the simulator's register
 * space: the host detects the profile, reads flow sizes, programs the destination through the
 * selector-addressed nodes, enables, and receives a bit-exact frame over soft RoCE.
 */
@Timeout(60)
class RdmaGenApiTest {
    @Test
    void hostProgramsTheDeviceThroughGenApi() throws Exception {
        String fragment;
        try (InputStream in = RdmaProfileRegisters.class.getResourceAsStream("rdma-profile-features.xml")) {
            fragment = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String body = fragment.substring(fragment.indexOf("<RdmaProfileFeatures>") + "<RdmaProfileFeatures>".length(),
                fragment.indexOf("</RdmaProfileFeatures>"));
        String xml = """
                <?xml version="1.0" encoding="utf-8"?>
                <RegisterDescription ModelName="RdmaTest" VendorName="gevgate" StandardNameSpace="GEV"
                  SchemaMajorVersion="1" SchemaMinorVersion="1" SchemaSubMinorVersion="0" MajorVersion="1"
                  MinorVersion="0" SubMinorVersion="0" ProductGuid="6C1E3F0A-5B7D-4E8A-9C2B-1F0D3A4B5C6E"
                  VersionGuid="0F9E8D7C-6B5A-4938-8271-605F4E3D2C1C" xmlns="http://www.genicam.org/GenApi/Version_1_1">
                  <Category Name="Root"><pFeature>RdmaStreaming</pFeature></Category>
                """ + body + """
                  <Port Name="Device"/>
                </RegisterDescription>
                """;
        String device = "127.0.0.127";
        String host = "127.0.0.128";
        ContainerSpec spec = RoceRig.container(48, 24);
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

        NodeMap map = NodeMap.load(xml.getBytes(StandardCharsets.UTF_8));
        map.bindDevicePort(new Port() {
            @Override
            public byte[] read(long address, int length) {
                return regs.readMemory((int) address, length);
            }

            @Override
            public void write(long address, byte[] bytes) {
                regs.writeMemory((int) address, bytes);
            }
        });
        assertThat(RdmaDeviceSetup.offersProfile(map)).isTrue();
        long[] sizes = RdmaDeviceSetup.flowSizes(map);
        assertThat(sizes).containsExactly(spec.flowSize(0), spec.flowSize(1), spec.flowSize(2));
        RdmaProfile wanted = RoceRig.profile(spec, 1024, 2, device, 1, host);
        RdmaDeviceSetup.program(map, wanted);
        RdmaDeviceSetup.enable(map, true);
        try {
            assertThat(RdmaProfileRegisters.profile(regs, device).flows()).isEqualTo(wanted.flows());
            int port = RdmaDeviceSetup.sourcePort(map);
            assertThat(port).isEqualTo(emitter.get().sourcePort());
            try (SoftRoceReceiver rx = SoftRoceReceiver.start(RoceRig.lossFree(SoftRoceConfig.of(
                    wanted.withEndpoints(device, port, host, RdmaProfile.ROCE_V2_PORT))))) {
                emitter.get().emit(2);
                for (int i = 0; i < 2; i++) {
                    RoceFrame f = rx.take(10, TimeUnit.SECONDS);
                    assertThat(f).as("%s", rx.counters()).isNotNull();
                    RoceRig.verifyBitExact(f, spec);
                    f.release();
                }
            }
        } finally {
            RdmaDeviceSetup.enable(map, false);
        }
        assertThat(regs.read(RdmaProfileRegisters.ENABLE)).isZero();
    }
}
