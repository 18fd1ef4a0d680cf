package io.gevgate.simulator.roce;

import io.gevgate.simulator.Tshark;
import io.gevgate.acquisition.roce.RdmaProfile;
import io.gevgate.acquisition.roce.codec.InvariantCrc;
import io.gevgate.acquisition.roce.codec.RdmaImmediate;
import io.gevgate.gendc.write.ContainerSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Wireshark's InfiniBand dissector (independent of this code) decodes every packet the emitter
 * builds — both packet modes, all six UC RDMA WRITE opcodes — as RoCEv2 (UDP 4791 is its default
 * port) with BTH, RETH and ImmDt where they belong and no malformed packet. tshark 4.0 has no ICRC
 * check, so the ICRC is verified with an independent bit-wise CRC over the pcap's IP packets, and
 * tshark's ICRC field must show the same 4 bytes.
 */
@Timeout(120)
class RoceTsharkConformanceTest {
    @TempDir
    Path tmp;

    @Test
    void tsharkDecodesTheEmittersPackets() throws Exception {
        String tshark = Tshark.find();
        assumeTrue(tshark != null, "tshark is not installed: RoCEv2 conformance check against Wireshark skipped");
        String device = "127.0.0.120";
        String host = "127.0.0.121";
        int sport = 49152;
        ContainerSpec spec = RoceRig.container(40, 20); // flows of 800/1600 bytes: ONLY and FIRST..LAST both occur
        RdmaProfile profile = RoceRig.profile(spec, 256, 3, device, sport, host);
        RocePcap pcap = new RocePcap(device, sport, host, RdmaProfile.ROCE_V2_PORT);
        List<Integer> expectedOps = new ArrayList<>();
        List<Integer> expectedImm = new ArrayList<>();
        long frame = 0;
        for (RocePacketMode mode : RocePacketMode.values()) {
            RocePacketizer p = new RocePacketizer(RoceEmitterConfig.of(profile, spec, device).withMode(mode)
                    .withFirstPsn(0xFFFFFA), InvariantCrc.ipv4(device), sport);
            CollectingSlots out = new CollectingSlots();
            for (int i = 0; i < 2; i++) {
                p.emitFrame(frame, 1_000_000L * frame, out);
                expectedImm.add(RdmaImmediate.encode(p.pageOf(frame), frame));
                frame++;
            }
            for (byte[] b : out.packets) {
                pcap.add(b);
                expectedOps.add(b[0] & 0xFF);
            }
        }
        assertThat(expectedOps).contains(0x26, 0x27, 0x28, 0x2A, 0x2B);
        Path file = tmp.resolve("roce.pcap");
        pcap.write(file);
        pcap.write(Path.of("target", "roce-emitter.pcap")); // kept for inspection with Wireshark

        for (byte[] ip : pcap.ipPackets) {
            assertThat(RocePcap.storedIcrc(ip)).as("ICRC vs independent CRC").isEqualTo(RocePcap.referenceIcrc(ip));
        }
        List<String> rows = Tshark.run(tshark, "-r", file.toString(), "-T", "fields", "-E", "separator=;",
                "-e", "infiniband.bth.opcode", "-e", "infiniband.bth.destqp", "-e", "infiniband.reth.r_key",
                "-e", "infiniband.reth.dmalen", "-e", "infiniband.immdt", "-e", "infiniband.invariant.crc",
                "-e", "_ws.malformed");
        assertThat(rows).hasSize(pcap.ipPackets.size());
        int immIndex = 0;
        for (int i = 0; i < rows.size(); i++) {
            String[] f = rows.get(i).split(";", -1);
            assertThat(Integer.decode(f[0])).as("opcode of packet %d", i + 1).isEqualTo(expectedOps.get(i));
            assertThat(Integer.decode(f[1])).as("dest QP").isEqualTo(RoceRig.QP);
            int op = expectedOps.get(i);
            boolean reth = op == 0x26 || op == 0x2A || op == 0x2B;
            assertThat(f[2].isEmpty()).as("RETH present in packet %d (op 0x%x)", i + 1, op).isEqualTo(!reth);
            if (op == 0x2B) {
                assertThat(Long.decode(f[3])).isEqualTo(128);
                assertThat(f[4]).as("ImmDt").isNotEmpty();
                // the field appears twice (the ImmDt header item and its value): both must be the immediate
                for (String v : f[4].split(",")) {
                    assertThat((int) Long.parseLong(v.replace(":", ""), 16)).isEqualTo(expectedImm.get(immIndex));
                }
                int imm = (int) Long.parseLong(f[4].split(",")[0].replace(":", ""), 16);
                assertThat(imm).isEqualTo(expectedImm.get(immIndex++));
            } else {
                assertThat(f[4]).isEmpty();
            }
            byte[] ip = pcap.ipPackets.get(i);
            int n = ip.length;
            long beField = ((ip[n - 4] & 0xFFL) << 24) | ((ip[n - 3] & 0xFF) << 16) | ((ip[n - 2] & 0xFF) << 8) | (ip[n - 1] & 0xFF);
            assertThat(Long.decode(f[5])).as("tshark's ICRC field is the packet's last 4 bytes").isEqualTo(beField);
            assertThat(f[6]).as("malformed packet %d", i + 1).isEmpty();
        }
        assertThat(immIndex).isEqualTo(expectedImm.size());
        List<String> bad = Tshark.run(tshark, "-r", file.toString(), "-Y", "!infiniband || _ws.malformed || _ws.expert.severity >= 0x00600000",
                "-T", "fields", "-e", "frame.number", "-e", "_ws.expert.message");
        assertThat(bad).as("packets not decoded as InfiniBand, malformed, or with warnings").isEmpty();
        System.out.println(rows.size() + " RoCEv2 packets decoded by tshark, first: " + rows.get(0));
    }

}
