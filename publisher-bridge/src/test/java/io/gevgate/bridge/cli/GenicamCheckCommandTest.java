package io.gevgate.bridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenicamCheckCommandTest {

    @TempDir
    Path dir;

    record Result(int status, String out, String err) {
    }

    static Result run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int status = Main.run(args);
            return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
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
        Result r = run("genicam", "check", resource("aravis-fake-camera.xml").toString(),
                "--registers", resource("aravis-fake-camera.registers").toString());
        assertThat(r.status()).as(r.out() + r.err()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains("Aravis Fake, schema 1.0").containsPattern("IntReg\\s+20")
                .containsPattern("EnumEntry\\s+20").contains("0 could not be evaluated").contains("result: OK");
    }

    @Test
    void zeroRegistersListValueFailuresButAreNotDocumentDefects() throws IOException {
        Result r = run("genicam", "check", resource("aravis-fake-camera.xml").toString());
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
        Result r = run("genicam", "check", xml.toString());
        assertThat(r.status()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.out()).contains("unknown node type <SmartFeature>").contains("<Weird> in Integer is not interpreted")
                .contains("A: pValue names missing node Missing").contains("result: FAILED");
    }

    @Test
    void unreadableOrInsecureInputIsInvalidInput() throws IOException {
        Path xxe = dir.resolve("xxe.xml");
        Files.writeString(xxe, "<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><RegisterDescription/>");
        Result r = run("genicam", "check", xxe.toString());
        assertThat(r.status()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.err()).contains("DOCTYPE");
        assertThat(run("genicam", "check", dir.resolve("absent.xml").toString()).status()).isEqualTo(ExitCodes.INVALID_INPUT);
        Path regs = dir.resolve("bad.registers");
        Files.writeString(regs, "0x100 zz\n");
        Result bad = run("genicam", "check", resource("aravis-fake-camera.xml").toString(), "--registers", regs.toString());
        assertThat(bad.status()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(bad.err()).contains("line 1");
    }
}
