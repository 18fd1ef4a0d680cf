package io.gevgate.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gevgate.acquisition.gvcp.Bootstrap;
import io.gevgate.acquisition.gvcp.BootstrapRegisters;
import io.gevgate.acquisition.gvcp.ControlChannel;
import io.gevgate.acquisition.gvcp.Discovery;
import io.gevgate.acquisition.gvcp.GvcpClient;
import io.gevgate.acquisition.gvcp.GvcpException;
import io.gevgate.acquisition.gvcp.MessageChannel;
import io.gevgate.acquisition.gvcp.xml.GenICamXmlLoader;
import io.gevgate.simulator.registers.FeatureRegisters;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wireshark's GVCP dissector (written by the GigE Vision standard body's predecessor) as a
 * conformance check: a capture on lo of our client talking to our simulator must decode as GVCP
 * with no malformed packet and no error-level expert info.
 */
class TsharkConformanceTest {
    private static final String TSHARK = "/usr/bin/tshark";
    private static final String ADDRESS = "127.0.0.34";

    /** UDP port of the readiness probes (nothing listens there; they are not GVCP). */
    private static final int PROBE_PORT = 47_934;

    @Test
    void captureOfClientAndSimulatorHasNoMalformedPackets(@TempDir Path dir) throws Exception {
        assumeTrue(ExternalTools.installed(TSHARK), "tshark is not installed");
        Path pcap = dir.resolve("gvcp.pcapng");
        // -P -l -T fields: one line per captured packet (its UDP destination port), flushed at once,
        // so the test can see WHEN a packet has really been captured
        Process capture = new ProcessBuilder(TSHARK, "-i", "lo", "-f", "udp and host " + ADDRESS, "-w", pcap.toString(),
                "-P", "-l", "-T", "fields", "-e", "udp.dstport", "-a", "duration:120")
                .redirectErrorStream(true).start();
        List<String> seen = new CopyOnWriteArrayList<>();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(capture.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l; (l = r.readLine()) != null; ) {
                    seen.add(l.strip());
                }
            } catch (java.io.IOException ignored) {
                // capture ended
            }
        });
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0))) {
            // "Capturing on" is printed before the filter is attached: probe until one is captured
            awaitProbe(capture, seen, probe, "capture on lo started");
            int commands = exercise();
            // packets on lo are captured in order: once a later probe is seen, every command is in the file
            awaitProbe(capture, seen, probe, "the last commands captured");
            capture.destroy();
            assertThat(capture.waitFor(20, TimeUnit.SECONDS)).as("tshark stopped").isTrue();
            assertThat(Files.size(pcap)).isPositive();

            String notProbe = "!(udp.port == " + PROBE_PORT + ")";
            ExternalTools.Result gvcp = ExternalTools.run(60, TSHARK, "-r", pcap.toString(),
                    "-d", "udp.port==3956,gvcp", "-Y", "gvcp");
            long decoded = gvcp.stdout().lines().count();
            System.out.println("tshark decoded " + decoded + " GVCP packets for " + commands + " commands");
            assertThat(decoded).isGreaterThanOrEqualTo(2L * commands);
            ExternalTools.Result bad = ExternalTools.run(60, TSHARK, "-r", pcap.toString(), "-d", "udp.port==3956,gvcp",
                    "-Y", notProbe + " && (_ws.malformed || _ws.expert.severity == \"Error\" || _ws.expert.severity >= 8388608)");
            assertThat(bad.exit()).as(bad.stderr()).isZero();
            assertThat(bad.stdout().strip()).as("malformed or erroneous packets").isEmpty();
            ExternalTools.Result text = ExternalTools.run(60, TSHARK, "-r", pcap.toString(), "-d", "udp.port==3956,gvcp", "-V");
            assertThat(text.stdout()).contains("READREG_CMD").contains("READMEM_ACK").contains("DISCOVERY_ACK")
                    .doesNotContain("[Malformed Packet");
        } finally {
            if (capture.isAlive()) {
                capture.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * Sends a probe datagram to {@link #PROBE_PORT} every 100 ms until tshark reports one more
     * captured probe than before (bounded: 30 s). Skips the test when tshark ends instead (no
     * permission to capture on lo).
     */
    private static void awaitProbe(Process capture, List<String> seen, DatagramSocket probe, String what) throws Exception {
        String port = Integer.toString(PROBE_PORT);
        long before = seen.stream().filter(port::equals).count();
        byte[] payload = "gevgate capture probe".getBytes(StandardCharsets.US_ASCII);
        DatagramPacket p = new DatagramPacket(payload, payload.length, InetAddress.getByName(ADDRESS), PROBE_PORT);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (seen.stream().filter(port::equals).count() == before) {
            if (!capture.isAlive()) {
                assumeTrue(false, "tshark cannot capture on lo here (needs root or the wireshark group): " + seen);
            }
            assertThat(System.nanoTime()).as("waiting for %s; tshark said: %s", what, seen).isLessThan(end);
            probe.send(p);
            Thread.sleep(100);
        }
    }

    /** One of each command kind; returns how many acknowledged commands were sent. */
    private static int exercise() throws Exception {
        try (SimulatedDevice d = SimulatedDevice.start(SimulatorConfig.defaults(InetAddress.getByName(ADDRESS)).withZip(true));
             GvcpClient c = GvcpClient.open(d.gvcpAddress(), new GvcpClient.Options(Duration.ofMillis(500), 3, null));
             ControlChannel cc = new ControlChannel(c, e -> { })) {
            Discovery.unicast(InetAddress.getByName(ADDRESS), Duration.ofSeconds(5));
            Bootstrap b = new Bootstrap(c);
            new GenICamXmlLoader(c::readMemory, GenICamXmlLoader.Limits.defaults()).load(b.firstUrl(), b.secondUrl());
            cc.take(ControlChannel.Mode.CONTROL);
            c.readRegisters(FeatureRegisters.WIDTH, FeatureRegisters.HEIGHT);
            c.writeRegisters(new int[] {FeatureRegisters.WIDTH, FeatureRegisters.HEIGHT}, new int[] {800, 600});
            c.writeMemory(BootstrapRegisters.USER_DEFINED_NAME, new byte[16]);
            try {
                c.readRegister(0x0003_0000);
            } catch (GvcpException expected) {
                // an error ack is part of what Wireshark must decode
            }
            java.util.concurrent.CountDownLatch event = new java.util.concurrent.CountDownLatch(1);
            try (MessageChannel mc = MessageChannel.open(c, InetAddress.getByName("127.0.0.1"), e -> event.countDown())) {
                d.sendEvent(0x9001, 0, 1);
                assertThat(event.await(10, TimeUnit.SECONDS)).as("event delivered (and acknowledged)").isTrue();
            }
            c.actionCommand(0, 0, 0, null, false);
            c.packetResend(0, 1, 1, 1, false);
            cc.release();
            return 10;
        }
    }
}
