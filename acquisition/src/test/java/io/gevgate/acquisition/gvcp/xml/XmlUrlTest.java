package io.gevgate.acquisition.gvcp.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class XmlUrlTest {
    @Test
    void localWithAndWithout0x() {
        XmlUrl a = XmlUrl.parse("Local:arv-fake-camera.xml;10000;3e67");
        assertThat(a.scheme()).isEqualTo(XmlUrl.Scheme.LOCAL);
        assertThat(a.fileName()).isEqualTo("arv-fake-camera.xml");
        assertThat(a.address()).isEqualTo(0x10000);
        assertThat(a.length()).isEqualTo(0x3E67);
        assertThat(a.zipped()).isFalse();
        XmlUrl b = XmlUrl.parse("local:///MER2_GIGE_V2.5.4.zip;0x41a30000;0x8810");
        assertThat(b.fileName()).isEqualTo("MER2_GIGE_V2.5.4.zip");
        assertThat(b.address()).isEqualTo(0x41A30000L);
        assertThat(b.length()).isEqualTo(0x8810);
        assertThat(b.zipped()).isTrue();
    }

    @Test
    void sha1Query() {
        XmlUrl u = XmlUrl.parse("Local:x.zip;100000;d89?SHA1=56b85bb6abfedc9113220d16687a81981351ca7d");
        assertThat(u.sha1()).hasSize(20);
        assertThat(u.sha1()[0]).isEqualTo((byte) 0x56);
        assertThatThrownBy(() -> XmlUrl.parse("Local:x.zip;1;2?SHA1=abc"))
                .isInstanceOf(XmlRetrievalException.class).hasMessageContaining("40 hex digits");
    }

    @Test
    void fileAndHttp() {
        XmlUrl f = XmlUrl.parse("File:///tmp/cam.xml");
        assertThat(f.scheme()).isEqualTo(XmlUrl.Scheme.FILE);
        assertThat(f.path()).isEqualTo("/tmp/cam.xml");
        assertThat(f.fileName()).isEqualTo("cam.xml");
        XmlUrl h = XmlUrl.parse("http://example.invalid/cam.zip");
        assertThat(h.scheme()).isEqualTo(XmlUrl.Scheme.HTTP);
        assertThat(h.zipped()).isTrue();
    }

    @Test
    void malformedUrlsNameTheBadPart() {
        assertThatThrownBy(() -> XmlUrl.parse("")).isInstanceOf(XmlRetrievalException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> XmlUrl.parse("Local:x.xml;10000")).hasMessageContaining("2 ';'-separated parts");
        assertThatThrownBy(() -> XmlUrl.parse("Local:x.xml;zz;10")).hasMessageContaining("address must be hex");
        assertThatThrownBy(() -> XmlUrl.parse("Local:x.xml;10;0")).hasMessageContaining("length must be");
        assertThatThrownBy(() -> XmlUrl.parse("Local:x.xml;100000000;10")).hasMessageContaining("beyond 32 bits");
        assertThatThrownBy(() -> XmlUrl.parse("Local:;10;10")).hasMessageContaining("file name is empty");
        assertThatThrownBy(() -> XmlUrl.parse("ftp://x/y.xml")).hasMessageContaining("unknown scheme");
    }
}
