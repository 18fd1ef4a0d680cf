package io.gevgate.bridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GendcCommandTest {
    /** Surefire runs in publisher-bridge/; the samples are in the repository root. */
    private static final Path SAMPLE = Path.of("..", "samples", "intensity-range-confidence.gendc");

    @TempDir
    Path tmp;

    private static CliRun run(String... args) {
        return CliRun.run(args);
    }

    @Test
    void inspectPrintsTheTreeOfTheSample() {
        CliRun r = run("gendc", "inspect", SAMPLE.toString());
        assertThat(r.status()).as(r.err()).isEqualTo(ExitCodes.OK);
        assertThat(r.out())
                .contains("GenDC container 1.1.0, id 1, final descriptor")
                .contains("component 0: Intensity (TypeId 1), format Mono8")
                .contains("component 1: Range (TypeId 4), format Coord3D_C16")
                .contains("component 2: Confidence (TypeId 6), format Confidence8")
                .contains("component 3: Metadata (TypeId 32769), format Data8")
                .contains("part 0: 2D image (0x4200), Mono8 32x24, padding 0/0")
                .contains("GenICam chunk metadata (0x4000)")
                .contains("chunk 0x0A5A0001: 8 bytes at 0");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void inspectJsonIsOneObject() {
        CliRun r = run("gendc", "inspect", "--json", SAMPLE.toString());
        assertThat(r.status()).as(r.err()).isEqualTo(ExitCodes.OK);
        String json = r.out().strip();
        assertThat(json).startsWith("{").endsWith("}").doesNotContain("\n");
        assertThat(json).contains("\"version\":\"1.1.0\"", "\"type\":\"Range\"", "\"format\":\"Coord3D_C16\"",
                "\"sizeX\":32", "\"sizeY\":24", "\"infoTypeSpecific\":1",
                "\"chunks\":[{\"id\":173670401,\"offset\":0,\"length\":8}]");
        assertThat(json.chars().filter(c -> c == '{').count()).isEqualTo(json.chars().filter(c -> c == '}').count());
    }

    @Test
    void invalidFileExitsWithInvalidInputAndOneLine() throws Exception {
        byte[] bytes = Files.readAllBytes(SAMPLE);
        bytes[0] = 'X';
        Path bad = tmp.resolve("bad.gendc");
        Files.write(bad, bytes);
        CliRun r = run("gendc", "inspect", bad.toString());
        assertThat(r.status()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.err().strip()).contains("field Signature").contains("expected \"GNDC\"").doesNotContain("\n");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void truncatedFileNamesTheField() throws Exception {
        byte[] bytes = Files.readAllBytes(SAMPLE);
        Path cut = tmp.resolve("cut.gendc");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length - 1));
        CliRun r = run("gendc", "inspect", cut.toString());
        assertThat(r.status()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.err()).contains("field DataSize");
    }

    @Test
    void emptyAndMissingFiles() throws Exception {
        Path empty = tmp.resolve("empty.gendc");
        Files.write(empty, new byte[0]);
        CliRun r = run("gendc", "inspect", empty.toString());
        assertThat(r.status()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.err()).contains("at least 56 bytes");

        CliRun missing = run("gendc", "inspect", tmp.resolve("nope.gendc").toString());
        assertThat(missing.status()).isEqualTo(ExitCodes.FAILURE);
        assertThat(missing.err()).contains("cannot read");
    }

    @Test
    void missingArgumentIsAUsageError() {
        assertThat(run("gendc", "inspect").status()).isEqualTo(ExitCodes.USAGE);
        assertThat(run("gendc").status()).isEqualTo(ExitCodes.USAGE);
    }
}
