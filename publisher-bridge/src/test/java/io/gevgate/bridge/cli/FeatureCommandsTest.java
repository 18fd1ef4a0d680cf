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

/** features / get / set / execute through Main.run against simulators on 127.0.0.150–154. */
class FeatureCommandsTest {
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

    private static SimulatedDevice sim(String address) throws Exception {
        return SimulatedDevice.start(SimulatorConfig.defaults(InetAddress.getByName(address)));
    }

    @Test
    void featuresListsEveryFeatureWithItsValue() throws Exception {
        try (SimulatedDevice d = sim("127.0.0.150")) {
            Run flat = run("features", "--address", "127.0.0.150");
            assertThat(flat.exit()).as(flat.err()).isZero();
            assertThat(flat.out()).contains("Width = 640\n", "PixelFormat = Mono8\n", "DeviceVendorName = gevgate (read-only)\n",
                    "AcquisitionStart = (command)\n", "TriggerSoftware = (not available)\n");
            assertThat(flat.out()).doesNotContain("<error").doesNotContain("WidthReg").doesNotContain("ImageFormatControl");

            Run tree = run("features", "--tree", "--visibility", "guru", "--address", "127.0.0.150");
            assertThat(tree.exit()).as(tree.err()).isZero();
            assertThat(tree.out()).startsWith("Root/\n").contains("  ImageFormatControl/\n", "    Width = 640\n");

            Run bad = run("features", "--visibility", "wizard", "--address", "127.0.0.150");
            assertThat(bad.exit()).isEqualTo(ExitCodes.USAGE);
            assertThat(bad.err()).contains("--visibility");
        }
    }

    @Test
    void getSetAndExecute() throws Exception {
        try (SimulatedDevice d = sim("127.0.0.151")) {
            Run set = run("set", "Width=320", "--address", "127.0.0.151");
            assertThat(set.exit()).as(set.err()).isZero();
            assertThat(set.out()).isEqualTo("Width = 320\n");
            assertThat(d.registers().value(FeatureRegisters.WIDTH)).isEqualTo(320);

            Run exposure = run("set", "ExposureTime=5000", "--address", "127.0.0.151");
            assertThat(exposure.exit()).as(exposure.err()).isZero();
            assertThat(d.registers().floatValue(FeatureRegisters.EXPOSURE_TIME)).isEqualTo(5000.0f);

            Run get = run("get", "Width", "--address", "127.0.0.151");
            assertThat(get.exit()).as(get.err()).isZero();
            assertThat(get.out()).isEqualTo("320\n");
            assertThat(run("get", "PixelFormat", "--address", "127.0.0.151").out()).isEqualTo("Mono8\n");

            java.util.List<Integer> started = new java.util.concurrent.CopyOnWriteArrayList<>();
            d.registers().addListener(FeatureRegisters.ACQUISITION_START, (a, old, v) -> started.add(v));
            Run start = run("execute", "AcquisitionStart", "--address", "127.0.0.151");
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
            Run range = run("set", "Width=321", "--address", "127.0.0.152");
            assertThat(range.exit()).isEqualTo(ExitCodes.INVALID_INPUT);
            assertThat(range.err()).contains("Width", "OUT_OF_RANGE");

            Run ro = run("set", "PayloadSize=1", "--address", "127.0.0.152");
            assertThat(ro.exit()).isEqualTo(ExitCodes.FAILURE);
            assertThat(ro.err()).contains("PayloadSize", "READ_ONLY");

            Run na = run("execute", "TriggerSoftware", "--address", "127.0.0.152");
            assertThat(na.exit()).isEqualTo(ExitCodes.FAILURE);
            assertThat(na.err()).contains("TriggerSoftware", "NOT_AVAILABLE");

            d.registers().set(FeatureRegisters.TL_PARAMS_LOCKED, 1);
            Run locked = run("set", "PixelFormat=Mono16", "--address", "127.0.0.152");
            assertThat(locked.exit()).isEqualTo(ExitCodes.FAILURE);
            assertThat(locked.err()).contains("PixelFormat", "LOCKED", "TLParamsLocked");
            assertThat(d.registers().value(FeatureRegisters.PIXEL_FORMAT)).isEqualTo(FeatureRegisters.PFNC_MONO8);

            Run missing = run("get", "Nope", "--address", "127.0.0.152");
            assertThat(missing.exit()).isEqualTo(ExitCodes.INVALID_INPUT);
            assertThat(missing.err()).contains("NO_SUCH_NODE");

            Run usage = run("set", "Width", "--address", "127.0.0.152");
            assertThat(usage.exit()).isEqualTo(ExitCodes.USAGE);

            Run notCommand = run("execute", "Width", "--address", "127.0.0.152");
            assertThat(notCommand.exit()).isEqualTo(ExitCodes.INVALID_INPUT);
            assertThat(notCommand.err()).contains("TYPE_MISMATCH");
        }
    }

    @Test
    void unreachableDevice() {
        Run r = run("get", "Width", "--address", "127.0.0.154", "--timeout-ms", "50", "--tries", "1");
        assertThat(r.exit()).isEqualTo(ExitCodes.DEVICE_UNREACHABLE);
    }
}
