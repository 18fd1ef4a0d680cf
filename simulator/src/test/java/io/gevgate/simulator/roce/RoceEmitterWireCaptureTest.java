package io.gevgate.simulator.roce;

import io.gevgate.acquisition.roce.RdmaProfile;
import io.gevgate.acquisition.roce.RoceCounter;
import io.gevgate.acquisition.roce.RoceFrame;
import io.gevgate.acquisition.roce.SoftRoceConfig;
import io.gevgate.acquisition.roce.SoftRoceReceiver;
import io.gevgate.gendc.write.ContainerSpec;
import io.gevgate.simulator.Tshark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The simulator's streaming emitter ({@link RoceEmitter}, a kernel UDP socket) puts packets on the
 * wire whose ICRC is right for the IPv4 header the kernel actually wrote: tshark captures them on
 * {@code lo}, and for every captured packet the stored ICRC must equal an independent bit-wise CRC
 * ({@link RocePcap#referenceIcrc}) over the IP packet as captured, identification included (the
 * ICRC masks TTL, TOS, checksums and FECN/BECN, not the identification). The emitter gets ID 0 from
 * Linux by forcing DF on an unconnected socket; this test is what shows the kernel really does so.
 * tshark 4.0's InfiniBand dissector has no ICRC check (no preference, no status field), so it is
 * used for the decode: every packet InfiniBand, all five opcodes, none malformed or warned about.
 * The soft-RoCE receiver gets the same packets: every frame bit-exact. Skipped, with the reason,
 * when tshark is missing or capturing on lo is not permitted.
 */
@Timeout(150)
class RoceEmitterWireCaptureTest {
    private static final String DEVICE = "127.0.0.122";
    private static final String[] HOSTS = {"127.0.0.123", "127.0.0.124"};
    /** Capture-readiness probes go to the discard port: nobody receives them, only the capture sees them. */
    private static final int PROBE_PORT = 9;
    private static final int FRAMES_PER_MODE = 3;

    @TempDir
    Path tmp;

    @Test
    void everyPacketOnTheWireCarriesTheIcrcOfItsRealHeader() throws Exception {
        String tshark = Tshark.find();
        assumeTrue(tshark != null, "tshark is not installed: wire capture of the RoCE emitter skipped");
        Path pcap = tmp.resolve("emitter-lo.pcap");
        Path log = tmp.resolve("tshark.log");
        Process capture = new ProcessBuilder(tshark, "-i", "lo", "-f",
                "src host " + DEVICE + " and udp and (dst port " + RdmaProfile.ROCE_V2_PORT + " or dst port " + PROBE_PORT + ")",
                "-w", pcap.toString(), "-F", "pcap", "-P", "-l", "-T", "fields", "-e", "udp.dstport",
                "-a", "duration:120")
                .redirectError(log.toFile()).start();
        List<String> seen = new CopyOnWriteArrayList<>();
        Thread reader = Thread.ofPlatform().daemon(true).name("tshark-lines").start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(capture.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l; (l = r.readLine()) != null; ) {
                    seen.add(l.strip());
                }
            } catch (IOException ignored) {
                // the capture ended
            }
        });
        long expectedPackets = 0;
        Set<Integer> opcodesSent = new HashSet<>();
        try {
            waitUntilCapturing(capture, seen, log);

            ContainerSpec spec = RoceRig.container(64, 32); // MTU 256: ONLY, FIRST/MIDDLE/LAST and 0x2B all occur
            RocePacketMode[] modes = RocePacketMode.values();
            for (int m = 0; m < modes.length; m++) {
                String host = HOSTS[m];
                RdmaProfile draft = RoceRig.profile(spec, 256, 4, DEVICE, 1, host);
                try (RoceEmitter emitter = new RoceEmitter(RoceEmitterConfig.of(draft, spec, DEVICE).withMode(modes[m]));
                     SoftRoceReceiver rx = SoftRoceReceiver.start(RoceRig.lossFree(SoftRoceConfig.of(
                             draft.withEndpoints(DEVICE, emitter.sourcePort(), host, RdmaProfile.ROCE_V2_PORT))))) {
                    for (int i = 0; i < FRAMES_PER_MODE; i++) {
                        emitter.emit(1);
                        RoceFrame f = rx.take(10, TimeUnit.SECONDS);
                        assertThat(f).as("%s frame %d; %s", modes[m], i, rx.counters()).isNotNull();
                        try {
                            RoceRig.verifyBitExact(f, spec);
                        } finally {
                            f.release();
                        }
                    }
                    assertThat(rx.counters().get(RoceCounter.BAD_ICRC)).isZero();
                    expectedPackets += emitter.counters().packetsSent();
                }
            }
            long want = expectedPackets;
            waitFor(() -> seen.stream().filter(l -> l.equals(Integer.toString(RdmaProfile.ROCE_V2_PORT))).count() >= want,
                    30, "capture of " + want + " RoCE packets (saw " + seen.size() + " lines)");
        } finally {
            capture.destroy(); // SIGTERM: tshark stops dumpcap and closes the file properly
            if (!capture.waitFor(20, TimeUnit.SECONDS)) {
                capture.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            reader.join(5000);
        }

        List<byte[]> ips = readIpPackets(pcap);
        List<byte[]> roce = new ArrayList<>();
        for (byte[] ip : ips) {
            assertThat(ip.length).as("captured IPv4 + UDP header").isGreaterThanOrEqualTo(28);
            int dport = (ip[22] & 0xFF) << 8 | (ip[23] & 0xFF);
            if (dport == RdmaProfile.ROCE_V2_PORT) {
                roce.add(ip);
            }
        }
        assertThat(roce).as("RoCE packets captured on lo").hasSize((int) expectedPackets);
        for (int i = 0; i < roce.size(); i++) {
            byte[] ip = roce.get(i);
            assertThat(ip[0]).as("IPv4, no options").isEqualTo((byte) 0x45);
            assertThat((ip[4] & 0xFF) << 8 | (ip[5] & 0xFF)).as("IPv4 identification of packet %d", i).isZero();
            assertThat(ip[6] & 0xFF).as("flags: DF only, offset 0").isEqualTo(0x40);
            assertThat(ip[7]).isZero();
            assertThat((ip[2] & 0xFF) << 8 | (ip[3] & 0xFF)).as("IP total length = captured").isEqualTo(ip.length);
            int stored = RocePcap.storedIcrc(ip);
            assertThat(stored).as("ICRC of packet %d vs independent CRC over the captured header", i)
                    .isEqualTo(RocePcap.referenceIcrc(ip));
            // the check can fail: the identification is covered, so any other ID would give another ICRC
            byte[] otherId = ip.clone();
            otherId[5] = 1;
            assertThat(RocePcap.referenceIcrc(otherId)).as("ICRC covers the identification").isNotEqualTo(stored);
            opcodesSent.add(ip[28] & 0xFF);
        }
        assertThat(opcodesSent).contains(0x26, 0x27, 0x28, 0x2A, 0x2B);

        String roceOnly = "udp.dstport == " + RdmaProfile.ROCE_V2_PORT;
        List<String> decoded = Tshark.run(tshark, "-r", pcap.toString(), "-Y", roceOnly + " && infiniband",
                "-T", "fields", "-e", "infiniband.bth.opcode", "-e", "infiniband.invariant.crc");
        assertThat(decoded).as("packets tshark decodes as InfiniBand").hasSize(roce.size());
        for (int i = 0; i < decoded.size(); i++) {
            String[] f = decoded.get(i).split("\t", -1);
            byte[] ip = roce.get(i);
            int n = ip.length;
            long lastFour = (ip[n - 4] & 0xFFL) << 24 | (ip[n - 3] & 0xFF) << 16 | (ip[n - 2] & 0xFF) << 8 | (ip[n - 1] & 0xFF);
            assertThat(Integer.decode(f[0])).as("opcode of packet %d", i).isEqualTo(ip[28] & 0xFF);
            assertThat(Long.decode(f[1])).as("tshark's ICRC field is the verified last 4 bytes").isEqualTo(lastFour);
        }
        List<String> bad = Tshark.run(tshark, "-r", pcap.toString(), "-Y",
                roceOnly + " && (!infiniband || _ws.malformed || _ws.expert.severity >= 0x00600000)",
                "-T", "fields", "-e", "frame.number", "-e", "_ws.expert.message");
        assertThat(bad).as("packets not InfiniBand, malformed or with expert warnings").isEmpty();
        System.out.println(roce.size() + " RoCE packets of the streaming emitter captured on lo: IP ID 0 + DF on every one,"
                + " ICRC verified independently over the captured header, opcodes " + opcodesSent + ", tshark decoded all");
    }

    @Test
    void aWildcardSourceAddressIsRefused() {
        ContainerSpec spec = RoceRig.container(16, 8);
        RdmaProfile profile = RoceRig.profile(spec, 256, 2, DEVICE, 1, HOSTS[0]);
        // the ICRC covers the source address, which the kernel would only pick at send time
        assertThatThrownBy(() -> new RoceEmitter(RoceEmitterConfig.of(profile, spec, "0.0.0.0")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("concrete source address");
    }

    /**
     * Sends one probe at a time until the capture shows one: only then is the filter attached and
     * every later packet captured (the "Capturing on" message comes before that). Skips the test
     * when tshark ends instead (no permission to capture).
     */
    private static void waitUntilCapturing(Process capture, List<String> seen, Path log) throws Exception {
        String probeLine = Integer.toString(PROBE_PORT);
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(DEVICE), 0))) {
            byte[] payload = "gevgate capture probe".getBytes(StandardCharsets.US_ASCII);
            DatagramPacket p = new DatagramPacket(payload, payload.length, InetAddress.getByName(HOSTS[0]), PROBE_PORT);
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!seen.contains(probeLine)) {
                if (!capture.isAlive()) {
                    assumeTrue(false, "tshark cannot capture on lo (exit " + capture.exitValue() + "): "
                            + Files.readString(log, StandardCharsets.UTF_8).strip());
                }
                assertThat(System.nanoTime()).as("capture on lo started within 30 s; tshark log: %s",
                        Files.exists(log) ? Files.readString(log) : "").isLessThan(end);
                probe.send(p);
                Thread.sleep(100);
            }
        }
    }

    interface Condition {
        boolean holds();
    }

    private static void waitFor(Condition c, int seconds, String what) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!c.holds()) {
            assertThat(System.nanoTime()).as("waiting for %s", what).isLessThan(end);
            Thread.sleep(20);
        }
    }

    /** IP packets of a classic pcap captured on lo (link type Ethernet with zero MACs, or raw IP), bounds-checked. */
    static List<byte[]> readIpPackets(Path file) throws IOException {
        byte[] d = Files.readAllBytes(file);
        assertThat(d.length).as("pcap file header").isGreaterThanOrEqualTo(24);
        ByteBuffer b = ByteBuffer.wrap(d);
        int magic = b.getInt(0);
        if (magic == 0xD4C3B2A1 || magic == 0x4D3CB2A1) {
            b.order(ByteOrder.LITTLE_ENDIAN);
        } else {
            assertThat(magic).as("classic pcap magic").isIn(0xA1B2C3D4, 0xA1B23C4D);
        }
        int linkType = b.getInt(20);
        assertThat(linkType).as("link type Ethernet (1) or raw IP (101)").isIn(1, 101);
        int skip = linkType == 1 ? 14 : 0;
        Predicate<Integer> ipv4 = off -> linkType != 1 || ((d[off + 12] & 0xFF) << 8 | (d[off + 13] & 0xFF)) == 0x0800;
        List<byte[]> out = new ArrayList<>();
        int off = 24;
        while (off + 16 <= d.length) {
            int caplen = b.getInt(off + 8);
            int origlen = b.getInt(off + 12);
            assertThat(caplen).as("record at %d", off).isBetween(skip, d.length - off - 16);
            assertThat(caplen).as("packet at %d captured whole", off).isEqualTo(origlen);
            if (ipv4.test(off + 16)) {
                byte[] ip = new byte[caplen - skip];
                System.arraycopy(d, off + 16 + skip, ip, 0, ip.length);
                out.add(ip);
            }
            off += 16 + caplen;
        }
        assertThat(off).as("pcap ends on a record boundary").isEqualTo(d.length);
        return out;
    }
}
