package io.gevgate.bridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gevgate.simulator.SimulatedDevice;
import io.gevgate.simulator.SimulatorConfig;
import io.gevgate.simulator.registers.FeatureRegisters;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** features / get / set / execute through Main.run against simulators on 127.0.0.150–154. */
class FeatureCommandsTest {
    private static CliRun run(String... args) {
        return CliRun.run(args);
    }

    private static SimulatedDevice sim(String address) throws Exception {
        return SimulatedDevice.start(SimulatorConfig.defaults(InetAddress.getByName(address)));
    }

    @Test
    void featuresListsEveryFeatureWithItsValue() throws Exception {
        try (SimulatedDevice d = sim("127.0.0.150")) {
            CliRun flat = run("features", "--address", "127.0.0.150");
            assertThat(flat.exit()).as(flat.err()).isZero();
            assertThat(flat.out()).contains("Width = 640\n", "PixelFormat = Mono8\n", "DeviceVendorName = gevgate (read-only)\n",
                    "AcquisitionStart = (command)\n", "TriggerSoftware = (not available)\n");
            assertThat(flat.out()).doesNotContain("<error").doesNotContain("WidthReg").doesNotContain("ImageFormatControl");

            CliRun tree = run("features", "--tree", "--visibility", "guru", "--address", "127.0.0.150");
            assertThat(tree.exit()).as(tree.err()).isZero();
            assertThat(tree.out()).startsWith("Root/\n").contains("  ImageFormatControl/\n", "    Width = 640\n");

            CliRun bad = run("features", "--visibility", "wizard", "--address", "127.0.0.150");
            assertThat(bad.exit()).isEqualTo(ExitCodes.USAGE);
            assertThat(bad.err()).contains("--visibility");
        }
    }

    @Test
    void getSetAndExecute() throws Exception {
        try (SimulatedDevice d = sim("127.0.0.151")) {
            CliRun set = run("set", "Width=320", "--address", "127.0.0.151");
            assertThat(set.exit()).as(set.err()).isZero();
            assertThat(set.out()).isEqualTo("Width = 320\n");
            assertThat(d.registers().value(FeatureRegisters.WIDTH)).isEqualTo(320);

            CliRun exposure = run("set", "ExposureTime=5000", "--address", "127.0.0.151");
            assertThat(exposure.exit()).as(exposure.err()).isZero();
            assertThat(d.registers().floatValue(FeatureRegisters.EXPOSURE_TIME)).isEqualTo(5000.0f);

            CliRun get = run("get", "Width", "--address", "127.0.0.151");
            assertThat(get.exit()).as(get.err()).isZero();
            assertThat(get.out()).isEqualTo("320\n");
            assertThat(run("get", "PixelFormat", "--address", "127.0.0.151").out()).isEqualTo("Mono8\n");

            java.util.List<Integer> started = new java.util.concurrent.CopyOnWriteArrayList<>();
            d.registers().addListener(FeatureRegisters.ACQUISITION_START, (a, old, v) -> started.add(v));
            CliRun start = run("execute", "AcquisitionStart", "--address", "127.0.0.151");
            assertThat(start.exit()).as(start.err()).isZero();
            assertThat(start.out()).isEqualTo("AcquisitionStart executed\n");
            assertThat(started).as("the command value reached the device").containsExactly(1);
            assertThat(run("execute", "AcquisitionStop", "--address", "127.0.0.151").exit()).isZero();
            assertThat(d.control().owner()).as("control released when the command ends").isNull();
        }
    }

    @Test
    void errorsNameTheReasonAndChooseTheExitStatus() throws Exception {
        try (SimulatedDevice d = sim("127.0.0.152")) {
            CliRun range = run("set", "Width=321", "--address", "127.0.0.152");
            assertThat(range.exit()).isEqualTo(ExitCodes.INVALID_INPUT);
            assertThat(range.err()).contains("Width", "OUT_OF_RANGE");

            CliRun ro = run("set", "PayloadSize=1", "--address", "127.0.0.152");
            assertThat(ro.exit()).isEqualTo(ExitCodes.FAILURE);
            assertThat(ro.err()).contains("PayloadSize", "READ_ONLY");

            CliRun na = run("execute", "TriggerSoftware", "--address", "127.0.0.152");
            assertThat(na.exit()).isEqualTo(ExitCodes.FAILURE);
            assertThat(na.err()).contains("TriggerSoftware", "NOT_AVAILABLE");

            d.registers().set(FeatureRegisters.TL_PARAMS_LOCKED, 1);
            CliRun locked = run("set", "PixelFormat=Mono16", "--address", "127.0.0.152");
            assertThat(locked.exit()).isEqualTo(ExitCodes.FAILURE);
            assertThat(locked.err()).contains("PixelFormat", "LOCKED", "TLParamsLocked");
            assertThat(d.registers().value(FeatureRegisters.PIXEL_FORMAT)).isEqualTo(FeatureRegisters.PFNC_MONO8);

            CliRun missing = run("get", "Nope", "--address", "127.0.0.152");
            assertThat(missing.exit()).isEqualTo(ExitCodes.INVALID_INPUT);
            assertThat(missing.err()).contains("NO_SUCH_NODE");

            CliRun usage = run("set", "Width", "--address", "127.0.0.152");
            assertThat(usage.exit()).isEqualTo(ExitCodes.USAGE);

            CliRun notCommand = run("execute", "Width", "--address", "127.0.0.152");
            assertThat(notCommand.exit()).isEqualTo(ExitCodes.INVALID_INPUT);
            assertThat(notCommand.err()).contains("TYPE_MISMATCH");
        }
    }

    @Test
    void unreachableDevice() {
        CliRun r = run("get", "Width", "--address", "127.0.0.154", "--timeout-ms", "50", "--tries", "1");
        assertThat(r.exit()).isEqualTo(ExitCodes.DEVICE_UNREACHABLE);
    }
}
