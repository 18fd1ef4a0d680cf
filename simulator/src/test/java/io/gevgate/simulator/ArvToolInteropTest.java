package io.gevgate.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gevgate.simulator.registers.FeatureRegisters;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Aravis' arv-tool-0.8 (an independent GigE Vision client) against our simulator on 127.0.0.33. */
class ArvToolInteropTest {
    private static final String TOOL = "/usr/bin/arv-tool-0.8";
    private static final String ADDRESS = "127.0.0.33";
    private static SimulatedDevice device;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(ExternalTools.installed(TOOL), TOOL + " is not installed (Debian package aravis-tools-cli)");
        device = SimulatedDevice.start(SimulatorConfig.defaults(InetAddress.getByName(ADDRESS)));
    }

    @AfterAll
    static void stop() {
        if (device != null) {
            device.close();
        }
    }

    @Test
    void genicamReturnsOurXml() throws Exception {
        ExternalTools.Result r = ExternalTools.run(30, TOOL, "-a", ADDRESS, "genicam");
        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(r.stdout().strip()).isEqualTo(new String(SimulatorXml.builtIn(), StandardCharsets.UTF_8).strip());
    }

    @Test
    void featuresAndValuesListIt() throws Exception {
        ExternalTools.Result f = ExternalTools.run(30, TOOL, "-a", ADDRESS, "features");
        assertThat(f.exit()).as(f.stderr()).isZero();
        assertThat(f.stdout()).contains("Category    : 'ImageFormatControl'", "Integer      : [RW] 'Width'",
                "Enumeration  : [RW] 'PixelFormat'", "Command      : [RW] 'AcquisitionStart'",
                "Float        : [RW] 'ExposureTime'", "Float        : [RW] 'Gain'",
                // pIsAvailable = TriggerModeReg, and TriggerMode is Off: Aravis agrees it is not available.
                "Command     : 'TriggerSoftware' (Not available)",
                "Boolean      : [RW] 'ChunkModeActive'", "Enumeration  : [RW] 'GenDCStreamingMode'",
                "Integer      : [RW] 'GevSCPSPacketSize'", "Float        : [RW] 'AcquisitionFrameRate'");
        ExternalTools.Result v = ExternalTools.run(30, TOOL, "-a", ADDRESS, "values");
        assertThat(v.exit()).as(v.stderr()).isZero();
        assertThat(v.stdout()).contains("'DeviceVendorName' = 'gevgate'", "'DeviceSerialNumber' = 'SIM000033'",
                "'SensorWidth' = 4096", "'PixelFormat' = 'Mono8'", "'GevSCPSPacketSize' = 1400",
                "'GevTimestampTickFrequency' = 1000000000", "'DeviceTLVersionMajor' = 2");
        assertThat(device.counters().errorAcks()).as("arv-tool never hit an error status").isZero();
    }

    @Test
    void controlChangesWidth() throws Exception {
        device.registers().set(FeatureRegisters.WIDTH, 800);
        ExternalTools.Result r = ExternalTools.run(30, TOOL, "-a", ADDRESS, "control", "Width=640", "ExposureTime=2500");
        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(r.stdout()).contains("Width = 640");
        assertThat(device.registers().value(FeatureRegisters.WIDTH)).isEqualTo(640);
        assertThat(device.registers().floatValue(FeatureRegisters.EXPOSURE_TIME)).isEqualTo(2500f);
        assertThat(device.control().owner()).as("arv-tool released control").isNull();
    }
}
