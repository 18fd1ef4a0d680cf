package io.gevgate.simulator.stream;

import io.gevgate.simulator.Tshark;
import io.gevgate.acquisition.gvsp.PixelFormats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Wireshark's GVSP dissector (an independent implementation contributed by the AIA) must decode
 * every packet the emitter produces — all payload kinds, GenDC included — without a malformed
 * packet. The packets come from the emitter's packetizer and are written to a pcap here.
 */
@Timeout(120)
class TsharkConformanceTest {
    private static final int PORT = 50123;

    @TempDir
    Path tmp;


    @Test
    void tsharkFindsNoMalformedPacketInAnyPayloadKind() throws Exception {
        String tshark = Tshark.find();
        assumeTrue(tshark != null, "tshark is not installed: conformance check against Wireshark's GVSP dissector skipped");
        Path pcap = tmp.resolve("gvsp.pcap");
        int total = 0;
        try (PcapWriter w = new PcapWriter(pcap, "127.0.0.84", 40000, "127.0.0.85", PORT);
             Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(65536);
            List<GvspEmitterConfig> configs = new ArrayList<>();
            for (PayloadKind k : PayloadKind.values()) {
                configs.add(new GvspEmitterConfig().payloadKind(k).size(64, 32).rawSize(5000).extendedIds(true));
                if (k != PayloadKind.MULTIPART && k != PayloadKind.GENDC) {
                    configs.add(new GvspEmitterConfig().payloadKind(k).size(64, 32).rawSize(5000));
                }
            }
            configs.add(new GvspEmitterConfig().payloadKind(PayloadKind.IMAGE).pixelFormat(PixelFormats.MONO12P)
                    .size(100, 10).allIn(true));
            configs.add(new GvspEmitterConfig().payloadKind(PayloadKind.GENDC).size(200, 100).extendedIds(true)
                    .packetSize(8192));
            long block = 1;
            for (GvspEmitterConfig c : configs) {
                BlockLayout layout = BlockLayout.of(c);
                GvspPacketizer p = new GvspPacketizer(c, layout);
                StreamBlock b = new StreamBlock(arena.allocate(layout.totalSize, 64));
                b.fill(layout, block++, 7, 123456789L);
                for (int pid = 0; pid < p.packetCount(); pid++) {
                    int len = p.write(b, pid, buf, 0, pid == 1);
                    w.write(buf, 0, len);
                    total++;
                }
                int len = p.writeUnavailable(b.blockId, 1, buf, 0);
                w.write(buf, 0, len);
                total++;
            }
        }
        List<String> all = Tshark.run(tshark, "-r", pcap.toString(), "-d", "udp.port==" + PORT + ",gvsp", "-Y", "gvsp",
                "-T", "fields", "-e", "frame.number");
        assertThat(all).as("packets dissected as GVSP").hasSize(total);
        List<String> bad = Tshark.run(tshark, "-r", pcap.toString(), "-d", "udp.port==" + PORT + ",gvsp",
                "-Y", "_ws.malformed || _ws.expert.severity >= 0x00600000", "-T", "fields", "-e", "frame.number",
                "-e", "_ws.expert.message");
        assertThat(bad).as("malformed or warning/error expert items").isEmpty();
        List<String> genDc = Tshark.run(tshark, "-r", pcap.toString(), "-d", "udp.port==" + PORT + ",gvsp",
                "-Y", "gvsp.gendc.container.header.signature", "-T", "fields", "-e", "frame.number");
        System.out.println(total + " packets, GenDC descriptors decoded by tshark: " + genDc.size());
        assertThat(genDc).as("GenDC container descriptors tshark decoded (two GenDC streams)").hasSize(2);
    }
}
