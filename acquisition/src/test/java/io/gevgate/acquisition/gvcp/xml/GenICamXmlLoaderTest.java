package io.gevgate.acquisition.gvcp.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenICamXmlLoaderTest {
    private static final byte[] XML = "<?xml version=\"1.0\"?><RegisterDescription/>".getBytes(StandardCharsets.UTF_8);

    /** Device memory: {@code content} at 0x10000, nothing else. */
    private static GenICamXmlLoader.MemoryReader memory(byte[] content) {
        return (address, length) -> {
            if (address != 0x10000 || length > content.length + 3) {
                throw new IllegalStateException("read outside the stored XML: " + address + "+" + length);
            }
            return Arrays.copyOf(content, length);
        };
    }

    static byte[] zip(String entry, byte[] data) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry(entry));
            z.write(data);
            z.closeEntry();
        }
        return out.toByteArray();
    }

    @Test
    void localPlainXmlTrimsPadding() {
        byte[] padded = Arrays.copyOf(XML, XML.length + 3);
        GenICamXml x = new GenICamXmlLoader(memory(padded), GenICamXmlLoader.Limits.defaults())
                .load(String.format("Local:cam.xml;10000;%x", padded.length));
        assertThat(x.xml()).isEqualTo(XML);
        assertThat(x.zipped()).isFalse();
        assertThat(x.sha1Verified()).isFalse();
    }

    @Test
    void localZipWithSha1() throws Exception {
        byte[] z = zip("cam.xml", XML);
        String sha = HexFormat.of().formatHex(GenICamXmlLoader.sha1(z));
        GenICamXml x = new GenICamXmlLoader(memory(z), GenICamXmlLoader.Limits.defaults())
                .load(String.format("Local:cam.zip;0x10000;0x%x?SHA1=%s", z.length, sha));
        assertThat(x.xml()).isEqualTo(XML);
        assertThat(x.zipped()).isTrue();
        assertThat(x.sha1Verified()).isTrue();
    }

    @Test
    void sha1MismatchIsRefused() throws Exception {
        byte[] z = zip("cam.xml", XML);
        String wrong = "00".repeat(20);
        assertThatThrownBy(() -> new GenICamXmlLoader(memory(z), GenICamXmlLoader.Limits.defaults())
                .load(String.format("Local:cam.zip;10000;%x?SHA1=%s", z.length, wrong)))
                .isInstanceOf(XmlRetrievalException.class).hasMessageContaining("SHA-1 mismatch");
    }

    @Test
    void zipBombIsRefusedByRatio() throws Exception {
        byte[] bomb = zip("cam.xml", new byte[4 << 20]); // 4 MiB of zeros compresses ~1000:1
        assertThatThrownBy(() -> new GenICamXmlLoader(memory(bomb), GenICamXmlLoader.Limits.defaults())
                .load(String.format("Local:cam.zip;10000;%x", bomb.length)))
                .isInstanceOf(XmlRetrievalException.class).hasMessageContaining("exceeds");
    }

    @Test
    void oversizedXmlIsRefusedBySize() throws Exception {
        byte[] big = new byte[5000];
        Arrays.fill(big, (byte) 'x');
        GenICamXmlLoader.Limits small = new GenICamXmlLoader.Limits(1000, 1000, false);
        assertThatThrownBy(() -> new GenICamXmlLoader(memory(big), small).load("Local:cam.xml;10000;1388"))
                .isInstanceOf(XmlRetrievalException.class).hasMessageContaining("limit 1000");
        byte[] z = zip("cam.xml", big);
        assertThatThrownBy(() -> new GenICamXmlLoader(memory(z), small).load(String.format("Local:cam.zip;10000;%x", z.length)))
                .isInstanceOf(XmlRetrievalException.class).hasMessageContaining("exceeds 1000 bytes");
    }

    @Test
    void corruptOrEmptyZips() throws Exception {
        byte[] garbage = "PK\u0003\u0004 not really a zip at all".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> new GenICamXmlLoader(memory(garbage), GenICamXmlLoader.Limits.defaults())
                .load(String.format("Local:cam.zip;10000;%x", garbage.length)))
                .isInstanceOf(XmlRetrievalException.class).hasMessageContaining("zip cam.zip");
        byte[] noXml = zip("readme.txt", XML);
        assertThatThrownBy(() -> new GenICamXmlLoader(memory(noXml), GenICamXmlLoader.Limits.defaults())
                .load(String.format("Local:cam.zip;10000;%x", noXml.length)))
                .isInstanceOf(XmlRetrievalException.class).hasMessageContaining("no .xml entry");
    }

    @Test
    void fileUrlAndSecondUrlFallback(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("cam.xml");
        Files.write(f, XML);
        GenICamXmlLoader loader = new GenICamXmlLoader(memory(XML), GenICamXmlLoader.Limits.defaults());
        assertThat(loader.load("File:" + f).xml()).isEqualTo(XML);
        GenICamXml x = loader.load("Local:bad", "File://" + f);
        assertThat(x.url()).startsWith("File:");
        assertThatThrownBy(() -> loader.load("File:" + dir.resolve("missing.xml")))
                .isInstanceOf(XmlRetrievalException.class).hasMessageContaining("cannot read XML file");
    }

    @Test
    void randomBytesAsZipAlwaysGiveTypedErrors() throws Exception {
        java.util.random.RandomGenerator rnd = java.util.random.RandomGeneratorFactory.of("L64X128MixRandom").create(0x21F);
        System.out.println("randomBytesAsZip seed=0x21f");
        byte[] valid = zip("cam.xml", XML);
        for (int i = 0; i < 500; i++) {
            byte[] b = valid.clone();
            // Flip a few bytes of a real archive (headers included), or use pure noise.
            if (i % 5 == 0) {
                rnd.nextBytes(b);
            } else {
                for (int k = 0; k < 1 + rnd.nextInt(4); k++) {
                    b[rnd.nextInt(b.length)] = (byte) rnd.nextInt();
                }
            }
            try {
                GenICamXml x = new GenICamXmlLoader(memory(b), GenICamXmlLoader.Limits.defaults())
                        .load(String.format("Local:cam.zip;10000;%x", b.length));
                assertThat(x.xml().length).isLessThanOrEqualTo(32 << 20);
            } catch (XmlRetrievalException expected) {
                assertThat(expected.getMessage()).contains("cam.zip");
            }
        }
    }

    @Test
    void httpWhenExplicitlyAllowed() throws Exception {
        com.sun.net.httpserver.HttpServer http = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getByName("127.0.0.1"), 0), 0);
        http.createContext("/cam.xml", ex -> {
            ex.sendResponseHeaders(200, XML.length);
            ex.getResponseBody().write(XML);
            ex.close();
        });
        http.start();
        try {
            String url = "http://127.0.0.1:" + http.getAddress().getPort() + "/cam.xml";
            GenICamXml x = new GenICamXmlLoader(memory(XML), new GenICamXmlLoader.Limits(1 << 20, 100, true)).load(url);
            assertThat(x.xml()).isEqualTo(XML);
            assertThatThrownBy(() -> new GenICamXmlLoader(memory(XML), new GenICamXmlLoader.Limits(1 << 20, 100, true))
                    .load("http://127.0.0.1:" + http.getAddress().getPort() + "/missing.xml"))
                    .isInstanceOf(XmlRetrievalException.class).hasMessageContaining("HTTP 404");
        } finally {
            http.stop(0);
        }
    }

    @Test
    void httpIsRefusedUnlessAllowed() {
        GenICamXmlLoader loader = new GenICamXmlLoader(memory(XML), GenICamXmlLoader.Limits.defaults());
        assertThatThrownBy(() -> loader.load("http://192.0.2.1/cam.xml"))
                .isInstanceOf(XmlRetrievalException.class).hasMessageContaining("disabled");
    }
}
