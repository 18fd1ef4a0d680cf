package io.gevgate.simulator.stream;

import io.gevgate.simulator.SimulatedDevice;
import io.gevgate.simulator.SimulatorConfig;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code arv-camera-test-0.8 -n <sim address>} streams from our simulator (stream channel wired)
 * without failures. Always with {@code -n}: without it Aravis discovers on every interface.
 */
class AravisCameraTestInteropTest {
    private static final String TOOL = "/usr/bin/arv-camera-test-0.8";

    @Test
    void arvCameraTestStreamsFromTheSimulatorWithoutErrors() throws Exception {
        assumeTrue(Files.isExecutable(Path.of(TOOL)), TOOL + " is not installed (Debian package aravis-tools)");
        InetAddress addr = InetAddress.getByName("127.0.0.184");
        try (SimulatedDevice dev = SimulatedDevice.start(SimulatorConfig.defaults(addr));
             SimulatedStreamChannel ch = SimulatedStreamChannel.attach(dev)) {
            Path out = Files.createTempFile("arv-camera-test", ".out");
            try {
                Process p = new ProcessBuilder(TOOL, "-n", "127.0.0.184", "--duration=3", "-w", "320", "-h", "240",
                        "-f", "50", "--no-packet-socket",
                        // loaded 2-core CI host: same relaxed timings as our own receiver tests
                        "-p", "50", "-m", "1000", "-q", "1.0").redirectErrorStream(true).redirectOutput(out.toFile()).start();
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                    throw new AssertionError("arv-camera-test did not finish within 60 s");
                }
                String text = Files.readString(out, StandardCharsets.UTF_8);
                System.out.println(text);
                assertThat(p.exitValue()).as(text).isZero();
                assertThat(ch.acquisitionsStarted()).as("AcquisitionStart reached the emitter").isEqualTo(1);
                long completed = number(text, "n_completed_buffers");
                assertThat(completed).as(text).isGreaterThanOrEqualTo(50);
                assertThat(number(text, "n_failures")).as(text).isZero();
                assertThat(number(text, "n_underruns")).as(text).isZero();
            } finally {
                Files.deleteIfExists(out);
            }
        }
    }

    private static long number(String text, String key) {
        Matcher m = Pattern.compile(key + "\\s*=\\s*(\\d+)").matcher(text);
        assertThat(m.find()).as("'%s' in the output:%n%s", key, text).isTrue();
        return Long.parseLong(m.group(1));
    }
}
