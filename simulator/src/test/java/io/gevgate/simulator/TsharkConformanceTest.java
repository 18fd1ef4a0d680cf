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
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
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

    @Test
    void captureOfClientAndSimulatorHasNoMalformedPackets(@TempDir Path dir) throws Exception {
        assumeTrue(ExternalTools.installed(TSHARK), "tshark is not installed");
        Path pcap = dir.resolve("gvcp.pcapng");
        Process capture = new ProcessBuilder(TSHARK, "-i", "lo", "-f", "udp and host " + ADDRESS, "-w", pcap.toString())
                .redirectErrorStream(true).start();
        CountDownLatch started = new CountDownLatch(1);
        StringBuilder log = new StringBuilder();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(capture.getInputStream(), StandardCharsets.UTF_8))) {
                String l;
                while ((l = r.readLine()) != null) {
                    log.append(l).append('\n');
                    if (l.contains("Capturing on")) {
                        started.countDown();
                    }
                }
            } catch (java.io.IOException ignored) {
                // capture ended
            }
        });
        try {
            boolean ok = started.await(20, TimeUnit.SECONDS) && capture.isAlive();
            assumeTrue(ok, "tshark cannot capture on lo here (needs root or the wireshark group): " + log);
            Thread.sleep(300);
            int commands = exercise();
            Thread.sleep(500);
            capture.destroy();
            capture.waitFor(10, TimeUnit.SECONDS);
            assertThat(Files.size(pcap)).isPositive();

            ExternalTools.Result gvcp = ExternalTools.run(60, TSHARK, "-r", pcap.toString(),
                    "-d", "udp.port==3956,gvcp", "-Y", "gvcp");
            long decoded = gvcp.stdout().lines().count();
            System.out.println("tshark decoded " + decoded + " GVCP packets for " + commands + " commands");
            assertThat(decoded).isGreaterThanOrEqualTo(2L * commands);
            ExternalTools.Result bad = ExternalTools.run(60, TSHARK, "-r", pcap.toString(), "-d", "udp.port==3956,gvcp",
                    "-Y", "_ws.malformed || _ws.expert.severity == \"Error\" || _ws.expert.severity >= 8388608");
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

    /** One of each command kind; returns how many acknowledged commands were sent. */
    private static int exercise() throws Exception {
        try (SimulatedDevice d = SimulatedDevice.start(SimulatorConfig.defaults(InetAddress.getByName(ADDRESS)).withZip(true));
             GvcpClient c = GvcpClient.open(d.gvcpAddress(), new GvcpClient.Options(Duration.ofMillis(500), 3, null));
             ControlChannel cc = new ControlChannel(c, e -> { })) {
            Discovery.unicast(InetAddress.getByName(ADDRESS), Duration.ofSeconds(1));
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
            try (MessageChannel mc = MessageChannel.open(c, InetAddress.getByName("127.0.0.1"), e -> { })) {
                d.sendEvent(0x9001, 0, 1);
                Thread.sleep(100);
            }
            c.actionCommand(0, 0, 0, null, false);
            c.packetResend(0, 1, 1, 1, false);
            cc.release();
            return 10;
        }
    }
}
