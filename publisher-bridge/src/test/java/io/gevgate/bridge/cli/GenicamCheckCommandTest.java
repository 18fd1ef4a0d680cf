package io.gevgate.bridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenicamCheckCommandTest {

    @TempDir
    Path dir;

    private static CliRun run(String... args) {
        return CliRun.run(args);
    }

    Path resource(String name) throws IOException {
        Path p = dir.resolve(name);
        try (InputStream in = getClass().getResourceAsStream("/genapi/" + name)) {
            Files.copy(in, p);
        }
        return p;
    }

    @Test
    void aravisXmlWithRegistersIsClean() throws IOException {
        CliRun r = run("genicam", "check", resource("aravis-fake-camera.xml").toString(),
                "--registers", resource("aravis-fake-camera.registers").toString());
        assertThat(r.status()).as(r.out() + r.err()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains("Aravis Fake, schema 1.0").containsPattern("IntReg\\s+20")
                .containsPattern("EnumEntry\\s+20").contains("0 could not be evaluated").contains("result: OK");
    }

    @Test
    void zeroRegistersListValueFailuresButAreNotDocumentDefects() throws IOException {
        CliRun r = run("genicam", "check", resource("aravis-fake-camera.xml").toString());
        assertThat(r.status()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains("PixelFormat (Enumeration): PixelFormat: value 0 matches no EnumEntry")
                .contains("AcquisitionFrameRateConverter (Converter)").contains("0 document defects");
    }

    @Test
    void unsupportedConstructsFailWithInvalidInput() throws IOException {
        Path xml = dir.resolve("vendor.xml");
        Files.writeString(xml, "<RegisterDescription xmlns=\"http://www.genicam.org/GenApi/Version_1_1\">"
                + "<Integer Name=\"A\"><pValue>Missing</pValue></Integer>"
                + "<SmartFeature Name=\"S\"/>"
                + "<Integer Name=\"B\"><Value>1</Value><Weird>1</Weird></Integer></RegisterDescription>");
        CliRun r = run("genicam", "check", xml.toString());
        assertThat(r.status()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.out()).contains("unknown node type <SmartFeature>").contains("<Weird> in Integer is not interpreted")
                .contains("A: pValue names missing node Missing").contains("result: FAILED");
    }

    @Test
    void unreadableOrInsecureInputIsInvalidInput() throws IOException {
        Path xxe = dir.resolve("xxe.xml");
        Files.writeString(xxe, "<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><RegisterDescription/>");
        CliRun r = run("genicam", "check", xxe.toString());
        assertThat(r.status()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.err()).contains("DOCTYPE");
        assertThat(run("genicam", "check", dir.resolve("absent.xml").toString()).status()).isEqualTo(ExitCodes.INVALID_INPUT);
        Path regs = dir.resolve("bad.registers");
        Files.writeString(regs, "0x100 zz\n");
        CliRun bad = run("genicam", "check", resource("aravis-fake-camera.xml").toString(), "--registers", regs.toString());
        assertThat(bad.status()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(bad.err()).contains("line 1");
    }
}
