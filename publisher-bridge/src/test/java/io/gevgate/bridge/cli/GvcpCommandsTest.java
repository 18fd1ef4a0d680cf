package io.gevgate.bridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gevgate.simulator.SimulatedDevice;
import io.gevgate.simulator.SimulatorConfig;
import io.gevgate.simulator.SimulatorXml;
import io.gevgate.simulator.registers.FeatureRegisters;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** discover / regs / xml / sim through Main.run against simulators on 127.0.0.40–45. */
class GvcpCommandsTest {
    private static CliRun run(String... args) {
        return CliRun.run(args);
    }

    @Test
    void discoverRegsAndXml(@TempDir Path dir) throws Exception {
        try (SimulatedDevice d = SimulatedDevice.start(SimulatorConfig.defaults(InetAddress.getByName("127.0.0.40")).withZip(true))) {
            // unicast returns at the first answer: 5 s only bounds a simulator a loaded machine runs late
            CliRun disc = run("discover", "--address", "127.0.0.40", "--timeout-ms", "5000");
            assertThat(disc.exit()).as(disc.err()).isZero();
            assertThat(disc.out()).contains("127.0.0.40", "gevgate GevgateSim", "serial=SIM000040", "gev=2.0");

            CliRun read = run("regs", "read", "0x10000", "--address", "127.0.0.40");
            assertThat(read.exit()).as(read.err()).isZero();
            assertThat(read.out()).contains("0x00010000 = 0x00000280 (640)");

            CliRun write = run("regs", "write", "0x10000", "1024", "--address", "127.0.0.40");
            assertThat(write.exit()).as(write.err()).isZero();
            assertThat(d.registers().value(FeatureRegisters.WIDTH)).isEqualTo(1024);
            assertThat(d.control().owner()).as("control released after the write").isNull();

            CliRun denied = run("regs", "write", "0x10014", "1", "--address", "127.0.0.40");
            assertThat(denied.exit()).isEqualTo(ExitCodes.FAILURE);
            assertThat(denied.err()).contains("WRITEREG_CMD failed: WRITE_PROTECT");

            CliRun bad = run("regs", "read", "zz", "--address", "127.0.0.40");
            assertThat(bad.exit()).isEqualTo(ExitCodes.USAGE);

            Path out = dir.resolve("cam.xml");
            CliRun xml = run("xml", "--address", "127.0.0.40", "--out", out.toString());
            assertThat(xml.exit()).as(xml.err()).isZero();
            assertThat(Files.readAllBytes(out)).isEqualTo(SimulatorXml.builtIn());
            assertThat(xml.err()).contains("unzipped");
        }
    }

    @Test
    void unreachableDeviceExitsWithDeviceUnreachable() {
        CliRun r = run("discover", "--address", "127.0.0.41", "--timeout-ms", "300");
        assertThat(r.exit()).isEqualTo(ExitCodes.DEVICE_UNREACHABLE);
        assertThat(r.err()).contains("no DISCOVERY_ACK from /127.0.0.41:3956");
        CliRun regs = run("regs", "read", "0", "--address", "127.0.0.41", "--timeout-ms", "100", "--tries", "2");
        assertThat(regs.exit()).isEqualTo(ExitCodes.DEVICE_UNREACHABLE);
        assertThat(regs.err()).contains("TIMEOUT");
    }

    @Test
    void simCommandServesUntilStopped() throws Exception {
        CountDownLatch stop = new CountDownLatch(1);
        SimCommand.stopForTests = stop;
        try {
            int[] exit = {-1};
            Thread t = Thread.ofPlatform().start(() -> exit[0] = Main.run("sim", "--address", "127.0.0.43"));
            io.gevgate.acquisition.gvcp.DeviceInfo info = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (info == null && System.nanoTime() < deadline) {
                try {
                    info = io.gevgate.acquisition.gvcp.Discovery.unicast(InetAddress.getByName("127.0.0.43"), Duration.ofMillis(300));
                } catch (RuntimeException e) {
                    Thread.sleep(50);
                }
            }
            assertThat(info).isNotNull();
            assertThat(info.serialNumber()).isEqualTo("SIM000043");
            stop.countDown();
            t.join(30_000);
            assertThat(exit[0]).isZero();
        } finally {
            SimCommand.stopForTests = null;
        }
    }

    @Test
    void simServesAGivenXmlZipped(@TempDir Path dir) throws Exception {
        Path xml = dir.resolve("my.xml");
        byte[] content = "<?xml version=\"1.0\"?><RegisterDescription ModelName=\"Mine\"/>".getBytes(StandardCharsets.UTF_8);
        Files.write(xml, content);
        CountDownLatch stop = new CountDownLatch(1);
        SimCommand.stopForTests = stop;
        try {
            int[] exit = {-1};
            Thread t = Thread.ofPlatform().start(() -> exit[0] = Main.run("sim", "--address", "127.0.0.45", "--xml", xml.toString(), "--zip"));
            Path out = dir.resolve("got.xml");
            CliRun got = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while ((got == null || got.exit() != 0) && System.nanoTime() < deadline) {
                Thread.sleep(100);
                got = run("xml", "--address", "127.0.0.45", "--out", out.toString(), "--timeout-ms", "200", "--tries", "1");
            }
            assertThat(got.exit()).as(got.err()).isZero();
            assertThat(Files.readAllBytes(out)).isEqualTo(content);
            assertThat(got.err()).contains("gevgate-sim-camera.zip").contains("unzipped");
            stop.countDown();
            t.join(30_000);
            assertThat(exit[0]).isZero();
            CliRun missing = run("sim", "--address", "127.0.0.45", "--xml", dir.resolve("nope.xml").toString());
            assertThat(missing.exit()).isEqualTo(ExitCodes.INVALID_INPUT);
        } finally {
            SimCommand.stopForTests = null;
        }
    }

    @Test
    void simProcessStopsCleanlyOnSigtermAndSigint() throws Exception {
        for (String signal : List.of("TERM", "INT")) {
            List<String> cmd = new ArrayList<>();
            if (signal.equals("INT")) {
                // A JVM inherits an ignored SIGINT from a non-interactive parent; restore the default first.
                if (!Files.isExecutable(Path.of("/usr/bin/python3"))) {
                    continue;
                }
                cmd.addAll(List.of("/usr/bin/python3", "-c",
                        "import os,signal,sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execv(sys.argv[1], sys.argv[1:])"));
            }
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "sim", "--address", "127.0.0.44"));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
            CountDownLatch serving = new CountDownLatch(1);
            Thread reader = Thread.ofVirtual().start(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    String l;
                    while ((l = r.readLine()) != null) {
                        lines.add(l);
                        if (l.contains("serving GVCP")) {
                            serving.countDown();
                        }
                    }
                } catch (java.io.IOException ignored) {
                    // ended
                }
            });
            try {
                assertThat(serving.await(30, TimeUnit.SECONDS)).as("sim started: %s", lines).isTrue();
                new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor(5, TimeUnit.SECONDS);
                assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("stopped on SIG%s", signal).isTrue();
                // the reader reaches EOF once it has every line the process wrote
                reader.join(Duration.ofSeconds(30));
                assertThat(reader.isAlive()).as("output read to the end").isFalse();
                assertThat(lines).anyMatch(l -> l.startsWith("gevgate sim: stopped"));
                // The address is free again: a new simulator can bind it.
                SimulatedDevice.start(SimulatorConfig.defaults(InetAddress.getByName("127.0.0.44"))).close();
            } finally {
                if (p.isAlive()) {
                    p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            }
        }
    }
}
