package io.gevgate.acquisition.genapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gevgate.acquisition.genapi.GenApiException.Reason;
import io.gevgate.acquisition.genapi.port.MemoryPort;
import io.gevgate.acquisition.genapi.xml.LoadLimits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Untrusted XML: every bad input is a GenApiException with a reason, never a crash or a hang. */
class MalformedXmlTest {

    static Reason reasonOf(Runnable r) {
        try {
            r.run();
        } catch (GenApiException e) {
            return e.reason();
        }
        throw new AssertionError("no GenApiException");
    }

    static NodeMap load(String xml) {
        return NodeMap.load(xml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void referenceCyclesAreDetectedAtLoad() {
        String body = "<Integer Name=\"A\"><pValue>B</pValue></Integer><Integer Name=\"B\"><pValue>C</pValue></Integer>"
                + "<IntSwissKnife Name=\"C\"><pVariable Name=\"X\">A</pVariable><Formula>X</Formula></IntSwissKnife>";
        assertThatThrownBy(() -> load(Xml.doc(body))).isInstanceOf(GenApiException.class)
                .hasMessageContaining("reference cycle: A -> B -> C -> A")
                .extracting(e -> ((GenApiException) e).reason()).isEqualTo(Reason.CYCLE);
        NodeMap lenient = Xml.lenient(body);
        assertThat(lenient.diagnostics()).anySatisfy(d -> assertThat(d.reason()).isEqualTo(Reason.CYCLE));
        // The run-time guard catches it too, without a StackOverflowError.
        assertThat(reasonOf(() -> lenient.getInteger("A"))).isEqualTo(Reason.CYCLE);
    }

    @Test
    void cyclesThroughAvailabilityAreCaughtAtRunTime() {
        // Legal statically (pIsAvailable is not a value edge), but evaluating it loops.
        NodeMap m = Xml.load("<Integer Name=\"A\"><pIsAvailable>B</pIsAvailable><Value>1</Value></Integer>"
                + "<Integer Name=\"B\"><pValue>A</pValue></Integer>", new MemoryPort());
        assertThatThrownBy(() -> m.getInteger("A")).isInstanceOf(GenApiException.class).hasMessageContaining("cycle");
    }

    @Test
    void aVeryLongAcyclicChainIsBoundedNotAStackOverflow() {
        StringBuilder sb = new StringBuilder();
        int n = 5000;
        for (int i = 0; i < n; i++) {
            sb.append("<Integer Name=\"N").append(i).append("\"><pValue>N").append(i + 1).append("</pValue></Integer>");
        }
        sb.append("<Integer Name=\"N").append(n).append("\"><Value>1</Value></Integer>");
        NodeMap m = Xml.load(sb.toString(), new MemoryPort());
        assertThat(reasonOf(() -> m.getInteger("N0"))).isEqualTo(Reason.UNSUPPORTED);
        assertThat(m.getInteger("N" + (n - 10))).isEqualTo(1);
    }

    @Test
    void danglingReferences() {
        assertThatThrownBy(() -> load(Xml.doc("<Integer Name=\"A\"><pValue>Nowhere</pValue></Integer>")))
                .hasMessageContaining("A: pValue names missing node Nowhere")
                .extracting(e -> ((GenApiException) e).reason()).isEqualTo(Reason.DANGLING_REFERENCE);
        NodeMap m = Xml.lenient("<Integer Name=\"A\"><pValue>Nowhere</pValue></Integer>");
        assertThat(reasonOf(() -> m.getInteger("A"))).isEqualTo(Reason.DANGLING_REFERENCE);
        assertThat(reasonOf(() -> load(Xml.doc(Xml.intReg("R", "0", "RO", "").replace("Device", "Width")
                + "<Integer Name=\"Width\"><Value>1</Value></Integer>")))).isEqualTo(Reason.TYPE_MISMATCH);
    }

    @Test
    void badFormulaAndMalformedNodes() {
        assertThat(reasonOf(() -> load(Xml.doc("<IntSwissKnife Name=\"K\"><Formula>2 +* 3</Formula></IntSwissKnife>"))))
                .isEqualTo(Reason.BAD_FORMULA);
        assertThat(reasonOf(() -> load(Xml.doc("<IntSwissKnife Name=\"K\"><Formula>Q</Formula></IntSwissKnife>"))))
                .isEqualTo(Reason.BAD_FORMULA);
        assertThat(reasonOf(() -> load(Xml.doc("<Integer Name=\"I\"><Value>12x</Value></Integer>")))).isEqualTo(Reason.MALFORMED_XML);
        assertThat(reasonOf(() -> load(Xml.doc("<Integer><Value>1</Value></Integer>")))).isEqualTo(Reason.MALFORMED_XML);
        assertThat(reasonOf(() -> load(Xml.doc("<IntReg Name=\"R\"><Address>0</Address><pPort>Device</pPort></IntReg>"))))
                .isEqualTo(Reason.MALFORMED_XML);
        assertThat(reasonOf(() -> load(Xml.doc("<Integer Name=\"I\"><Value>1</Value><Visibility>Wizard</Visibility></Integer>"))))
                .isEqualTo(Reason.MALFORMED_XML);
    }

    @Test
    void xxeIsRefused(@TempDir Path dir) throws IOException {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET");
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>"
                + "<RegisterDescription><String Name=\"S\"><Value>&x;</Value></String></RegisterDescription>";
        assertThatThrownBy(() -> load(xml)).isInstanceOf(GenApiException.class).hasMessageContaining("DOCTYPE")
                .hasMessageNotContaining("TOP-SECRET")
                .extracting(e -> ((GenApiException) e).reason()).isEqualTo(Reason.INSECURE_XML);
    }

    @Test
    void billionLaughsIsRefusedQuickly() {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for (int i = 1; i <= 9; i++) {
            sb.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10)).append("\">");
        }
        sb.append("]><RegisterDescription><String Name=\"S\"><Value>&lol9;</Value></String></RegisterDescription>");
        assertThat(reasonOf(() -> load(sb.toString()))).isEqualTo(Reason.INSECURE_XML);
    }

    @Test
    void externalDtdAndXIncludeAreNotFetched() {
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE RegisterDescription SYSTEM \"http://127.0.0.1:9/none.dtd\">"
                + "<RegisterDescription/>";
        assertThat(reasonOf(() -> load(xml))).isEqualTo(Reason.INSECURE_XML);
        String xinclude = "<RegisterDescription xmlns:xi=\"http://www.w3.org/2001/XInclude\">"
                + "<xi:include href=\"file:///etc/passwd\" parse=\"text\"/></RegisterDescription>";
        NodeMap m = NodeMap.load(xinclude.getBytes(), NodeMap.Mode.LENIENT, LoadLimits.DEFAULT);
        assertThat(m.nodes()).isEmpty();
        assertThat(m.diagnostics()).anySatisfy(d -> assertThat(d.message()).contains("vendor namespace"));
    }

    /** A real 10 MB document: refused by the default 8 MiB limit, loaded when the caller raises it. */
    @Test
    void tenMegabyteDocument() {
        byte[] big = LargeXml.generate(10 << 20).getBytes(StandardCharsets.UTF_8);
        assertThat(big.length).isGreaterThanOrEqualTo(10 << 20);
        assertThatThrownBy(() -> NodeMap.load(big)).isInstanceOf(GenApiException.class)
                .hasMessageContaining("the limit is 8388608")
                .extracting(e -> ((GenApiException) e).reason()).isEqualTo(Reason.INSECURE_XML);
        NodeMap m = NodeMap.load(big, NodeMap.Mode.STRICT, new LoadLimits(16L << 20, 1_000_000, 32));
        assertThat(m.nodes().size()).isGreaterThan(10_000);
    }

    @Test
    void elementCountAndDepthLimits() {
        String deep = "<RegisterDescription>" + "<Group>".repeat(50) + "</Group>".repeat(50) + "</RegisterDescription>";
        assertThatThrownBy(() -> load(deep)).hasMessageContaining("nested deeper than 32");
        String deeper = "<RegisterDescription>" + "<Group>".repeat(5000) + "</Group>".repeat(5000) + "</RegisterDescription>";
        assertThat(reasonOf(() -> load(deeper))).as("the JDK parser's own depth limit").isEqualTo(Reason.INSECURE_XML);
        String many = Xml.doc("<Integer Name=\"I\"><Value>1</Value></Integer>".repeat(50));
        assertThatThrownBy(() -> NodeMap.load(many.getBytes(), NodeMap.Mode.STRICT, new LoadLimits(1 << 20, 100, 32)))
                .hasMessageContaining("more than 100 elements");
    }

    @Test
    void truncatedNotXmlAndWrongRoot() {
        String doc = Xml.doc("<Integer Name=\"I\"><Value>1</Value></Integer>");
        for (int cut = 0; cut < doc.length(); cut += 7) {
            String truncated = doc.substring(0, cut);
            assertThat(reasonOf(() -> load(truncated))).isIn(Reason.MALFORMED_XML, Reason.INSECURE_XML);
        }
        assertThat(reasonOf(() -> load("<Foo/>"))).isEqualTo(Reason.MALFORMED_XML);
        assertThat(reasonOf(() -> load("not xml at all"))).isEqualTo(Reason.MALFORMED_XML);
    }

    @Test
    void randomBytesAndMutatedDocumentsGiveTypedErrors() throws IOException {
        long seed = 0x6E41_9A11L;
        System.out.println("MalformedXmlTest random seed " + seed);
        RandomGenerator rnd = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
        byte[] good = AravisFakeCameraXmlTest.resource("aravis-fake-camera.xml");
        for (int i = 0; i < 300; i++) {
            byte[] data;
            if (i % 3 == 0) {
                data = new byte[rnd.nextInt(200)];
                rnd.nextBytes(data);
            } else {
                data = good.clone();
                for (int k = 0; k < 1 + rnd.nextInt(8); k++) {
                    String noise = " <>/\"=&;0xAZ9-";
                    data[rnd.nextInt(data.length)] = (byte) noise.charAt(rnd.nextInt(noise.length()));
                }
            }
            try {
                NodeMap m = NodeMap.load(data, i % 2 == 0 ? NodeMap.Mode.STRICT : NodeMap.Mode.LENIENT, LoadLimits.DEFAULT);
                m.bindDevicePort(new MemoryPort());
                for (String name : m.names()) {
                    try {
                        m.get(name);
                    } catch (GenApiException expected) {
                        // typed
                    }
                }
            } catch (GenApiException expected) {
                // typed
            }
        }
    }
}
