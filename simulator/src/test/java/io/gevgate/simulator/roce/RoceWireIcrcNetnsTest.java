package io.gevgate.simulator.roce;

import io.gevgate.simulator.Tshark;
import io.gevgate.acquisition.roce.RdmaProfile;
import io.gevgate.acquisition.roce.RoceCounter;
import io.gevgate.acquisition.roce.RoceFrame;
import io.gevgate.acquisition.roce.SoftRoceConfig;
import io.gevgate.acquisition.roce.SoftRoceReceiver;
import io.gevgate.acquisition.roce.codec.InvariantCrc;
import io.gevgate.gendc.write.ContainerSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The ICRC as a real RoCE NIC would check it: the emitter's packets put on a wire with the exact
 * IPv4 header the ICRC covers (identification 0, DF), sent through an AF_PACKET socket on one end
 * of a veth pair whose ends live in two network namespaces this test creates (and deletes); tshark
 * captures on the other end. Each captured IP packet's stored ICRC must equal an independent
 * bit-wise CRC over it as captured (ID included), and tshark must decode every packet as
 * InfiniBand without malformed/expert errors. Addresses 192.0.2.1/2 (TEST-NET-1) exist only inside
 * the private namespaces; nothing reaches another interface. Needs root, iproute2 and tshark
 * (skipped otherwise).
 */
@Timeout(180)
class RoceWireIcrcNetnsTest {
    private static final String DEV_IP = "192.0.2.1";
    private static final String HOST_IP = "192.0.2.2";
    private static final byte[] DEV_MAC = {0x02, 0x47, 0x47, 0, 0, 0x01};
    private static final byte[] HOST_MAC = {0x02, 0x47, 0x47, 0, 0, 0x02};
    private static final int SPORT = 49200;
    private static final int CLONE_NEWNET = 0x4000_0000;
    private static final int AF_PACKET = 17;
    private static final int SOCK_RAW = 3;
    private static final int ETH_P_IP = 0x0800;
    /** UDP port of the capture-readiness probes (not RoCE; filtered out before the checks). */
    private static final int PROBE_PORT = 47_935;

    @TempDir
    Path tmp;

    @Test
    void icrcHoldsOnTheWireWithTheProfilesIpHeader() throws Exception {
        String tshark = Tshark.find();
        assumeTrue(tshark != null, "tshark is not installed");
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/ip")) || Files.isExecutable(Path.of("/sbin/ip")), "iproute2 missing");
        long pid = ProcessHandle.current().pid();
        String nsA = "gvroceA" + pid;
        String nsB = "gvroceB" + pid;
        String va = "gvra" + (pid % 100000);
        String vb = "gvrb" + (pid % 100000);
        assumeTrue(sh("ip", "netns", "add", nsA) == 0, "cannot create network namespaces (not root?)");
        Process capture = null;
        SoftRoceReceiver receiver = null;
        try {
            assertThat(sh("ip", "netns", "add", nsB)).isZero();
            assertThat(sh("ip", "link", "add", va, "netns", nsA, "address", mac(DEV_MAC), "type", "veth",
                    "peer", "name", vb, "netns", nsB, "address", mac(HOST_MAC))).isZero();
            assertThat(sh("ip", "-n", nsA, "addr", "add", DEV_IP + "/30", "dev", va)).isZero();
            assertThat(sh("ip", "-n", nsB, "addr", "add", HOST_IP + "/30", "dev", vb)).isZero();
            assertThat(sh("ip", "-n", nsA, "link", "set", va, "up")).isZero();
            assertThat(sh("ip", "-n", nsB, "link", "set", vb, "up")).isZero();

            // packets: two frames of the three-flow container, both packet modes
            ContainerSpec spec = RoceRig.container(40, 20);
            RdmaProfile profile = RoceRig.profile(spec, 256, 4, DEV_IP, SPORT, HOST_IP); // a page per frame: none reclaimed
            List<byte[]> frames = new ArrayList<>();
            long n = 0;
            int psn = 0;
            for (RocePacketMode mode : RocePacketMode.values()) {
                // PSNs continue across the two packetizers, as one device's stream would
                RocePacketizer p = new RocePacketizer(RoceEmitterConfig.of(profile, spec, DEV_IP).withMode(mode)
                        .withFirstPsn(psn), InvariantCrc.ipv4(DEV_IP), SPORT);
                CollectingSlots out = new CollectingSlots();
                for (int i = 0; i < 2; i++) {
                    p.emitFrame(n, 1_000_000L * n, out);
                    n++;
                }
                psn = p.nextPsn();
                for (byte[] roce : out.packets) {
                    frames.add(ethernet(roce));
                }
            }
            long frameCount = n;
            // the soft-RoCE receiver listens in the host namespace: its socket is created by a thread
            // that joined it, and belongs to that namespace for its whole life
            receiver = inNamespace(nsB, () -> SoftRoceReceiver.start(RoceRig.lossFree(SoftRoceConfig.of(profile))));

            Path capfile = tmp.resolve("wire.pcapng");
            Path pcap = tmp.resolve("wire.pcap");
            // -P -l -T fields: a line per captured packet (its UDP destination port), flushed at once
            Path log = tmp.resolve("tshark.log");
            capture = new ProcessBuilder("ip", "netns", "exec", nsB, tshark, "-i", vb,
                    "-f", "udp port 4791 or udp port " + PROBE_PORT, "-a", "duration:60", "-w", capfile.toString(),
                    "-P", "-l", "-T", "fields", "-e", "udp.dstport")
                    .redirectError(log.toFile()).start();
            Process tsharkProcess = capture;
            List<String> seen = new CopyOnWriteArrayList<>();
            Thread reader = Thread.ofPlatform().daemon(true).name("tshark-lines").start(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(tsharkProcess.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String l; (l = r.readLine()) != null; ) {
                        seen.add(l.strip());
                    }
                } catch (IOException ignored) {
                    // the capture ended
                }
            });
            waitUntilCapturing(capture, seen, log, nsA, va);

            sendInNamespace(nsA, va, frames);
            long roceLines = 0;
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while ((roceLines = seen.stream().filter("4791"::equals).count()) < frames.size() && System.nanoTime() < end) {
                Thread.sleep(20);
            }
            assertThat(roceLines).as("RoCE packets tshark reported captured within 30 s").isEqualTo(frames.size());
            capture.destroy(); // SIGTERM: tshark stops dumpcap and closes the file properly
            assertThat(capture.waitFor(40, TimeUnit.SECONDS)).as("tshark finished").isTrue();
            reader.join(5000);
            // a live capture is written by dumpcap as pcapng; rewrite it as classic pcap for the reader below
            Tshark.run(tshark, "-r", capfile.toString(), "-F", "pcap", "-w", pcap.toString());

            List<byte[]> ips = new ArrayList<>();
            for (byte[] ip : readPcapIpPackets(pcap)) {
                assertThat(ip.length).as("captured IPv4 + UDP header").isGreaterThanOrEqualTo(28);
                if (((ip[22] & 0xFF) << 8 | (ip[23] & 0xFF)) != PROBE_PORT) {
                    ips.add(ip);
                }
            }
            assertThat(ips).as("captured packets (%s)", Files.readString(tmp.resolve("tshark.log"))).hasSize(frames.size());
            for (byte[] ip : ips) {
                int id = (ip[4] & 0xFF) << 8 | (ip[5] & 0xFF);
                assertThat(id).as("IPv4 identification on the wire").isZero();
                assertThat(ip[6] & 0x40).as("DF").isNotZero();
                assertThat(RocePcap.storedIcrc(ip)).as("ICRC on the wire vs independent CRC").isEqualTo(RocePcap.referenceIcrc(ip));
            }
            String notProbe = "!(udp.dstport == " + PROBE_PORT + ")";
            List<String> decoded = Tshark.run(tshark, "-r", pcap.toString(), "-Y", "infiniband",
                    "-T", "fields", "-e", "infiniband.bth.opcode");
            assertThat(decoded).hasSize(frames.size());
            List<String> bad = Tshark.run(tshark, "-r", pcap.toString(), "-Y",
                    notProbe + " && (!infiniband || _ws.malformed || _ws.expert.severity >= 0x00600000)");
            assertThat(bad).isEmpty();
            for (long i = 0; i < frameCount; i++) {
                RoceFrame f = receiver.take(10, TimeUnit.SECONDS);
                assertThat(f).as("frame %d over the veth wire; %s", i, receiver.counters()).isNotNull();
                assertThat(f.frameNumber()).as("%s; %s", f, receiver.counters()).isEqualTo(i);
                RoceRig.verifyBitExact(f, spec);
                f.release();
            }
            assertThat(receiver.counters().get(RoceCounter.BAD_ICRC)).isZero();
            System.out.println(ips.size() + " RoCEv2 packets captured on veth " + vb + " (netns " + nsB
                    + "): IP ID 0, ICRC verified independently, tshark decoded all; soft RoCE in the namespace: "
                    + frameCount + " frames bit-exact, " + receiver.counters());
        } finally {
            if (receiver != null) {
                receiver.close();
            }
            if (capture != null && capture.isAlive()) {
                capture.destroy();
                capture.waitFor(5, TimeUnit.SECONDS);
            }
            sh("ip", "netns", "del", nsA); // deleting the namespace removes its veth end, and the pair with it
            sh("ip", "netns", "del", nsB);
        }
        assertThat(Files.exists(Path.of("/var/run/netns", nsA))).isFalse();
    }

    /** Ethernet + IPv4 (ID 0, DF, TTL 64, no options) + UDP (checksum 0) around one RoCE UDP payload. */
    private static byte[] ethernet(byte[] roce) {
        return ethernet(roce, RdmaProfile.ROCE_V2_PORT);
    }

    /** The same frame around any UDP payload, to destination port {@code dstPort}. */
    private static byte[] ethernet(byte[] roce, int dstPort) {
        int udpLen = 8 + roce.length;
        int ipLen = 20 + udpLen;
        ByteBuffer b = ByteBuffer.allocate(14 + ipLen).order(ByteOrder.BIG_ENDIAN);
        b.put(HOST_MAC).put(DEV_MAC).putShort((short) ETH_P_IP);
        int ipStart = b.position();
        b.put((byte) 0x45).put((byte) 0).putShort((short) ipLen).putShort((short) 0) // ID 0
                .putShort((short) 0x4000) // DF, offset 0
                .put((byte) 64).put((byte) 17).putShort((short) 0)
                .putInt(InvariantCrc.ipv4(DEV_IP)).putInt(InvariantCrc.ipv4(HOST_IP));
        int sum = 0;
        for (int i = 0; i < 20; i += 2) {
            sum += (b.get(ipStart + i) & 0xFF) << 8 | (b.get(ipStart + i + 1) & 0xFF);
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        b.putShort(ipStart + 10, (short) ~sum);
        b.putShort((short) SPORT).putShort((short) dstPort).putShort((short) udpLen).putShort((short) 0);
        b.put(roce);
        return b.array();
    }

    /**
     * Sends {@code frames} from a fresh platform thread that first joins namespace {@code ns}
     * (setns affects only the calling thread; the thread ends afterwards, so no JVM thread is left
     * in the namespace).
     */
    private static void sendInNamespace(String ns, String ifname, List<byte[]> frames) throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = Thread.ofPlatform().name("netns-sender").start(() -> {
            try {
                send(ns, ifname, frames);
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        t.join(20_000);
        assertThat(t.isAlive()).isFalse();
        if (failure.get() != null) {
            throw new AssertionError("AF_PACKET send failed: " + failure.get().getMessage(), failure.get());
        }
    }

    interface NsAction<T> {
        T run() throws Exception;
    }

    /** Runs {@code action} on a fresh platform thread that joined namespace {@code ns}; the thread then ends. */
    private static <T> T inNamespace(String ns, NsAction<T> action) throws Exception {
        AtomicReference<Object> result = new AtomicReference<>();
        Thread t = Thread.ofPlatform().name("netns-" + ns).start(() -> {
            try {
                joinNamespace(ns);
                result.set(action.run());
            } catch (Throwable e) {
                result.set(e);
            }
        });
        t.join(20_000);
        assertThat(t.isAlive()).isFalse();
        if (result.get() instanceof Throwable e) {
            throw new AssertionError("in namespace " + ns + ": " + e.getMessage(), e);
        }
        @SuppressWarnings("unchecked")
        T r = (T) result.get();
        return r;
    }

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final MethodHandle CLOSE = LINKER.downcallHandle(LIBC.find("close").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));

    private static void joinNamespace(String ns) throws Throwable {
        MethodHandle open = LINKER.downcallHandle(LIBC.find("open").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
        MethodHandle setns = LINKER.downcallHandle(LIBC.find("setns").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
        try (Arena a = Arena.ofConfined()) {
            int nsFd = (int) open.invokeExact(a.allocateFrom("/var/run/netns/" + ns), 0x80000 /* O_CLOEXEC */);
            assertThat(nsFd).as("open netns %s", ns).isNotNegative();
            try {
                assertThat((int) setns.invokeExact(nsFd, CLONE_NEWNET)).as("setns").isZero();
            } finally {
                int ignored = (int) CLOSE.invokeExact(nsFd);
            }
        }
    }

    private static void send(String ns, String ifname, List<byte[]> frames) throws Throwable {
        joinNamespace(ns);
        Linker linker = LINKER;
        SymbolLookup libc = LIBC;
        MethodHandle close = CLOSE;
        MethodHandle socket = linker.downcallHandle(libc.find("socket").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
        MethodHandle ifIndex = linker.downcallHandle(libc.find("if_nametoindex").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
        MethodHandle sendto = linker.downcallHandle(libc.find("sendto").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG,
                        ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
        try (Arena a = Arena.ofConfined()) {
            int fd = (int) socket.invokeExact(AF_PACKET, SOCK_RAW, Short.toUnsignedInt(Short.reverseBytes((short) ETH_P_IP)));
            assertThat(fd).as("AF_PACKET socket").isNotNegative();
            try {
                int index = (int) ifIndex.invokeExact(a.allocateFrom(ifname));
                assertThat(index).as("ifindex of %s", ifname).isPositive();
                // struct sockaddr_ll: family u16, protocol be16, ifindex i32, hatype u16, pkttype u8, halen u8, addr[8]
                MemorySegment sll = a.allocate(20, 4);
                sll.set(ValueLayout.JAVA_SHORT, 0, (short) AF_PACKET);
                sll.set(ValueLayout.JAVA_SHORT, 2, Short.reverseBytes((short) ETH_P_IP));
                sll.set(ValueLayout.JAVA_INT, 4, index);
                sll.set(ValueLayout.JAVA_BYTE, 11, (byte) 6);
                MemorySegment.copy(HOST_MAC, 0, sll, ValueLayout.JAVA_BYTE, 12, 6);
                MemorySegment buf = a.allocate(16384);
                for (byte[] f : frames) {
                    MemorySegment.copy(f, 0, buf, ValueLayout.JAVA_BYTE, 0, f.length);
                    long sent = (long) sendto.invokeExact(fd, buf, (long) f.length, 0, sll, 20);
                    assertThat(sent).as("sendto").isEqualTo(f.length);
                }
            } finally {
                int ignored = (int) close.invokeExact(fd);
            }
        }
    }

    /**
     * Sends one probe frame at a time over the wire until tshark reports one captured: "Capturing
     * on" is printed before the filter is attached, so only a captured probe proves that every
     * later packet is captured (bounded: 30 s).
     */
    private static void waitUntilCapturing(Process capture, List<String> seen, Path log, String ns, String ifname)
            throws Exception {
        String probeLine = Integer.toString(PROBE_PORT);
        byte[] probe = ethernet("gevgate capture probe".getBytes(StandardCharsets.US_ASCII), PROBE_PORT);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!seen.contains(probeLine)) {
            assertThat(capture.isAlive()).as("tshark running; log: %s", Files.exists(log) ? Files.readString(log) : "").isTrue();
            assertThat(System.nanoTime()).as("capture started within 30 s; tshark log: %s",
                    Files.exists(log) ? Files.readString(log) : "").isLessThan(end);
            sendInNamespace(ns, ifname, List.of(probe));
            Thread.sleep(100);
        }
    }

    /** IP packets of an Ethernet pcap (classic format, either byte order), bounds-checked. */
    private static List<byte[]> readPcapIpPackets(Path file) throws IOException {
        byte[] d = Files.readAllBytes(file);
        assertThat(d.length).as("pcap header").isGreaterThanOrEqualTo(24);
        ByteBuffer b = ByteBuffer.wrap(d);
        int magic = b.getInt(0);
        if (magic == 0xD4C3B2A1 || magic == 0x4D3CB2A1) {
            b.order(ByteOrder.LITTLE_ENDIAN);
        } else {
            assertThat(magic).as("classic pcap magic").isIn(0xA1B2C3D4, 0xA1B23C4D);
        }
        assertThat(b.getInt(20)).as("link type Ethernet").isEqualTo(1);
        List<byte[]> out = new ArrayList<>();
        int off = 24;
        while (off + 16 <= d.length) {
            int caplen = b.getInt(off + 8);
            assertThat(caplen).isBetween(14, d.length - off - 16);
            byte[] ip = new byte[caplen - 14];
            System.arraycopy(d, off + 16 + 14, ip, 0, ip.length);
            out.add(ip);
            off += 16 + caplen;
        }
        return out;
    }

    private static String mac(byte[] m) {
        StringBuilder s = new StringBuilder();
        for (byte x : m) {
            s.append(s.isEmpty() ? "" : ":").append(String.format("%02x", x));
        }
        return s.toString();
    }

    private static int sh(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        if (p.exitValue() != 0) {
            System.out.println(String.join(" ", cmd) + " -> " + p.exitValue() + ": " + out.strip());
        }
        return p.exitValue();
    }
}
