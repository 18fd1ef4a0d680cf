package io.gevgate.bridge.cli;

import io.gevgate.bridge.cuframes.CuframesSubscriber;
import io.gevgate.bridge.cuframes.Frame;
import io.gevgate.bridge.cuframes.PixelFormat;
import io.gevgate.bridge.cuframes.SubscriberConfig;
import io.gevgate.simulator.SimulatedDevice;
import io.gevgate.simulator.SimulatorConfig;
import io.gevgate.simulator.stream.SimulatedStreamChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's main command, {@code ./gevgate run}, bounded by --duration, in process, with a
 * subscriber that must receive frames. Uses 127.0.0.2 / key sim-0 as the README does, unless
 * another simulator or gateway holds them on this host (then 127.0.0.192 and a private key).
 */
class RunCommandTest {
    @TempDir
    Path dir;

    private static boolean udpFree(String address) throws IOException {
        try (DatagramChannel probe = DatagramChannel.open()) {
            probe.bind(new InetSocketAddress(InetAddress.getByName(address), 3956));
            return true;
        } catch (BindException e) {
            return false;
        }
    }

    /** What a bounded {@code gevgate run} printed and returned, and the seqs a subscriber got meanwhile. */
    private record BoundedRun(int status, String out, String err, Set<Long> seqs) {
    }

    /**
     * Runs {@code gevgate ARGS} in process (stdout/stderr captured) while a subscriber to {@code key}
     * stays connected until the publisher goes away; the frame must be 640-wide NV12.
     */
    private BoundedRun runWithSubscriber(String key, String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int status;
        Set<Long> seqs = new HashSet<>();
        try {
            CompletableFuture<Integer> run = new CompletableFuture<>();
            Thread.ofPlatform().daemon().start(() -> run.complete(Main.run(args)));
            try (CuframesSubscriber sub = CuframesSubscriber.connect(SubscriberConfig.builder(key).runtimeDir(dir)
                    .connectTimeoutMs(15_000).build())) {
                assertThat(sub.geometry().format()).isEqualTo(PixelFormat.NV12);
                assertThat(sub.geometry().width()).isEqualTo(640);
                // stay subscribed until the bounded run ends (its status lines then count us)
                long end = System.nanoTime() + 30_000_000_000L;
                try {
                    while (System.nanoTime() < end) {
                        Frame f = sub.next(500);
                        if (f != null) {
                            seqs.add(f.seq());
                            sub.release(f);
                        }
                    }
                } catch (io.gevgate.bridge.cuframes.CuframesException e) {
                    assertThat(e.getMessage()).as("the run ended: the publisher went away").containsAnyOf("shut down", "closed");
                }
            }
            status = run.get(60, java.util.concurrent.TimeUnit.SECONDS);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        return new BoundedRun(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), seqs);
    }

    @Test
    void readmeMainCommandPublishesFramesASubscriberReceives() throws Exception {
        boolean defaults = udpFree("127.0.0.2") && !Files.exists(Path.of("/dev/shm/cuframes-sim-0"));
        String address = defaults ? "127.0.0.2" : "127.0.0.192";
        String key = defaults ? "sim-0" : "readme" + ProcessHandle.current().pid();
        BoundedRun r = runWithSubscriber(key, defaults
                ? new String[] {"run", "--duration", "6", "--runtime-dir", dir.toString()}
                : new String[] {"run", "--duration", "6", "--runtime-dir", dir.toString(), "--sim-address", address,
                    "--key", key});
        int status = r.status();
        Set<Long> seqs = r.seqs();
        String errText = r.err();
        assertThat(status).as("exit status; stderr:%n%s", errText).isZero();
        assertThat(seqs).as("frames the subscriber received").hasSizeGreaterThanOrEqualTo(20);
        assertThat(errText).contains("key '" + key + "'").contains("fps").contains("subscribers 1");
        assertThat(r.out()).contains("duration limit");
        assertThat(Files.exists(Path.of("/dev/shm/cuframes-" + key))).as("shm unlinked").isFalse();
        assertThat(Files.exists(dir.resolve(key + ".sock"))).as("socket removed").isFalse();
    }

    /** {@code gevgate run --rdma} with the built-in simulator (which offers the RDMA profile), bounded by --duration. */
    @Test
    void runRdmaWithTheBuiltInSimulatorPublishesFramesASubscriberReceives() throws Exception {
        String key = "rdmarun" + ProcessHandle.current().pid();
        BoundedRun r = runWithSubscriber(key, "run", "--rdma", "--rdma-engine", "soft",
                "--duration", "6", "--no-gpu", "--runtime-dir", dir.toString(), "--sim-address", "127.0.0.47",
                "--key", key);
        int status = r.status();
        Set<Long> seqs = r.seqs();
        String errText = r.err();
        String outText = r.out();
        assertThat(status).as("exit status; stderr:%n%s", errText).isZero();
        assertThat(errText).contains("RDMA (soft)").contains("subscribers 1");
        assertThat(seqs).as("frames the subscriber received").hasSizeGreaterThanOrEqualTo(20);
        assertThat(outText).contains("duration limit");
        long published = Long.parseLong(outText.replaceAll("(?s).*; (\\d+) frames published.*", "$1"));
        assertThat(published).as("frames published over RDMA").isGreaterThanOrEqualTo(seqs.size());
        assertThat(Files.exists(Path.of("/dev/shm/cuframes-" + key))).as("shm unlinked").isFalse();
        assertThat(Files.exists(dir.resolve(key + ".sock"))).as("socket removed").isFalse();
    }

    @Test
    void rdmaUsageErrorsAndAMissingRdmaDevice() {
        assertThat(Main.run("run", "--rdma", "--rdma-engine", "fast", "--duration", "1")).isEqualTo(ExitCodes.USAGE);
        assertThat(Main.run("run", "--rdma-engine", "soft", "--duration", "1")).isEqualTo(ExitCodes.USAGE);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream oldErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int status;
        try {
            // this host has no RDMA device (no /sys/class/infiniband): verbs must say so, not fall back
            status = Main.run("run", "--rdma", "--rdma-engine", "verbs", "--duration", "5", "--no-gpu", "--quiet",
                    "--runtime-dir", dir.toString(), "--sim-address", "127.0.0.48", "--key", "rdmaverbs" + ProcessHandle.current().pid());
        } finally {
            System.setErr(oldErr);
        }
        String errText = err.toString(StandardCharsets.UTF_8);
        org.junit.jupiter.api.Assumptions.assumeFalse(status == ExitCodes.OK && Files.exists(Path.of("/sys/class/infiniband")),
                "this host has an RDMA device: the verbs engine ran");
        assertThat(status).as("stderr:%n%s", errText).isEqualTo(ExitCodes.FAILURE);
        assertThat(errText).contains("RdmaEngine = verbs").contains("no RDMA device");
    }

    @Test
    void gpuDeviceIsReportedUnavailableAndUsageErrorsAreExitTwo() {
        assertThat(Main.run("run", "--device", "0", "--duration", "1")).isEqualTo(ExitCodes.USAGE);
        assertThat(Main.run("run", "--format", "yuv9")).isEqualTo(ExitCodes.USAGE);
        assertThat(Main.run("run", "--policy", "maybe")).isEqualTo(ExitCodes.USAGE);
        assertThat(Main.run("run", "--handoff-wait", "busy")).isEqualTo(ExitCodes.USAGE);
        assertThat(Main.run("run", "--rt-priority", "100")).isEqualTo(ExitCodes.USAGE);
        assertThat(Main.run("run", "--gateway-cpu", "-1")).isEqualTo(ExitCodes.USAGE);
        assertThat(Main.run("run", "--camera", "not-an-ip!")).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void unreachableCameraIsExitFour() {
        // nothing listens on 127.0.0.193: discovery times out
        assertThat(Main.run("run", "--camera", "127.0.0.193", "--duration", "5", "--runtime-dir", dir.toString()))
                .isEqualTo(ExitCodes.DEVICE_UNREACHABLE);
    }

    @Test
    void streamCommandReceivesAndSavesFrames() throws Exception {
        InetAddress addr = InetAddress.getByName("127.0.0.194");
        try (SimulatedDevice dev = SimulatedDevice.start(SimulatorConfig.defaults(addr));
             SimulatedStreamChannel ch = SimulatedStreamChannel.attach(dev)) {
            dev.registers().set(io.gevgate.simulator.registers.FeatureRegisters.WIDTH, 64);
            dev.registers().set(io.gevgate.simulator.registers.FeatureRegisters.HEIGHT, 32);
            Path save = dir.resolve("frames");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            PrintStream oldOut = System.out;
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            int status;
            try {
                status = Main.run("stream", "--address", "127.0.0.194", "--count", "5", "--save", save.toString(), "--as", "png");
            } finally {
                System.setOut(oldOut);
            }
            assertThat(status).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("5 complete frames");
            try (var files = Files.list(save)) {
                assertThat(files.filter(p -> p.toString().endsWith(".png")).count()).isEqualTo(5);
            }
            java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(save.resolve("frame-000001.png").toFile());
            assertThat(img.getWidth()).isEqualTo(64);
            assertThat(img.getHeight()).isEqualTo(32);
            // the pattern's magic "GVGT" is the first four grey pixels
            assertThat(img.getRaster().getSample(0, 0, 0)).isEqualTo('G');
            assertThat(img.getRaster().getSample(1, 0, 0)).isEqualTo('V');
        }
    }
}
