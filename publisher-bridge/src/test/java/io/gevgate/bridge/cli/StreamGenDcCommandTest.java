package io.gevgate.bridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gevgate.gendc.read.ComponentView;
import io.gevgate.gendc.read.ContainerView;
import io.gevgate.gendc.read.PartView;
import io.gevgate.simulator.SimulatedDevice;
import io.gevgate.simulator.SimulatorConfig;
import io.gevgate.simulator.registers.FeatureRegisters;
import io.gevgate.simulator.stream.SimulatedStreamChannel;
import io.gevgate.simulator.stream.TestPattern;
import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gevgate stream --save DIR --as gendc} against the simulator streaming GenDC in four flows
 * (descriptor; intensity; range + confidence; chunk metadata), 127.0.0.64–65: every saved file is a
 * valid linear {@code .gendc} container whose parts carry the simulator's test pattern bit-exactly.
 */
@Timeout(120)
class StreamGenDcCommandTest {
    @TempDir
    Path dir;

    @Test
    void savesEachMultiFlowContainerAsALinearGenDcFile() throws Exception {
        try (SimulatedDevice d = SimulatedDevice.start(SimulatorConfig.defaults(InetAddress.getByName("127.0.0.64")));
             SimulatedStreamChannel ch = SimulatedStreamChannel.attach(d)) {
            d.registers().set(FeatureRegisters.WIDTH, 96);
            d.registers().set(FeatureRegisters.HEIGHT, 64);
            d.registers().set(FeatureRegisters.ACQUISITION_FRAME_RATE, Float.floatToIntBits(20f));
            CliRun r = CliRun.run("stream", "--address", "127.0.0.64", "--count", "4", "--duration", "60",
                    "--packet-size", "1400", "--save", dir.toString(), "--as", "gendc");
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.err()).contains("GenDC in 4 flows");
            assertThat(r.out()).contains("stream: 4 complete frames").contains("4 saved");
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.sorted().toList();
        }
        assertThat(files).hasSize(4);
        Set<Long> counters = new HashSet<>();
        for (Path file : files) {
            assertThat(file.getFileName().toString()).endsWith(".gendc");
            MemorySegment container = MemorySegment.ofArray(Files.readAllBytes(file));
            ContainerView v = new ContainerView().wrap(container); // linear: every part inside the file
            assertThat(v.componentCount()).isEqualTo(4);
            assertThat(container.byteSize()).isEqualTo(v.dataOffset() + v.dataSize());
            ComponentView comp = new ComponentView();
            PartView part = new PartView();
            for (int c = 0; c < 4; c++) {
                v.component(c, comp);
                comp.part(0, part);
                MemorySegment data = part.data();
                long patternBytes = c < 3 ? data.byteSize() : 32; // the metadata part: 32-byte pattern + chunk tag
                TestPattern.Verification check = TestPattern.verify(data, 0, patternBytes);
                assertThat(check.problem()).as("%s component %d", file, c).isNull();
                assertThat(TestPattern.firstMismatch(data, 0, patternBytes, check.frameCounter(), c + 1))
                        .as("%s component %d bit-exact", file, c).isEqualTo(-1L);
                assertThat(check.frameCounter()).isEqualTo(v.id());
            }
            counters.add(v.id());
        }
        assertThat(counters).hasSize(4);
        // and the inspector reads the saved file
        CliRun inspect = CliRun.run("gendc", "inspect", files.get(0).toString());
        assertThat(inspect.exit()).as(inspect.err()).isZero();
        assertThat(inspect.out()).contains("4 components");
    }

    @Test
    void aCameraWithoutGenDcIsRefusedClearly() throws Exception {
        // no stream channel attached: SCC0 offers no GenDC
        try (SimulatedDevice d = SimulatedDevice.start(SimulatorConfig.defaults(InetAddress.getByName("127.0.0.65")))) {
            CliRun r = CliRun.run("stream", "--address", "127.0.0.65", "--count", "1", "--packet-size", "1400",
                    "--save", dir.toString(), "--as", "gendc");
            assertThat(r.exit()).isEqualTo(ExitCodes.INVALID_INPUT);
            assertThat(r.err()).contains("--as gendc").contains("does not stream GenDC");
        }
    }
}
