package io.gevgate.acquisition.genapi;

import static io.gevgate.acquisition.genapi.Xml.intReg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gevgate.acquisition.genapi.GenApiException.Reason;
import io.gevgate.acquisition.genapi.port.MemoryPort;
import org.junit.jupiter.api.Test;

class IntegerNodeTest {

    final MemoryPort port = new MemoryPort();

    @Test
    void hostValueWithRangeAndIncrement() {
        NodeMap m = Xml.load("<Integer Name=\"I\"><Value>10</Value><Min>2</Min><Max>20</Max><Inc>4</Inc>"
                + "<Unit>px</Unit><Representation>Linear</Representation></Integer>", port);
        assertThat(m.getInteger("I")).isEqualTo(10);
        m.setInteger("I", 14);
        assertThat(m.getInteger("I")).isEqualTo(14);
        assertThat(m.integerInc("I")).isEqualTo(4);
        assertThat(m.info("I").unit()).isEqualTo("px");
        assertThatThrownBy(() -> m.setInteger("I", 12)).isInstanceOf(GenApiException.class)
                .hasMessageContaining("not 2 + k * 4").extracting(e -> ((GenApiException) e).reason()).isEqualTo(Reason.OUT_OF_RANGE);
        assertThatThrownBy(() -> m.setInteger("I", 22)).hasMessageContaining("outside [2, 20]");
        assertThatThrownBy(() -> m.setInteger("I", -2)).hasMessageContaining("outside");
        assertThat(m.getInteger("I")).isEqualTo(14);
        assertThat(port.writeCount()).isZero();
    }

    @Test
    void pValueWithPMinPMaxPIncReachesTheRegister() {
        NodeMap m = Xml.load("<Integer Name=\"W\"><pValue>WReg</pValue><pMin>WMin</pMin><pMax>WMax</pMax><pInc>WInc</pInc></Integer>"
                + intReg("WReg", "0x100", "RW", "")
                + "<Integer Name=\"WMin\"><Value>16</Value></Integer>"
                + "<Integer Name=\"WMax\"><Value>640</Value></Integer>"
                + "<Integer Name=\"WInc\"><Value>16</Value></Integer>", port);
        m.setInteger("W", 320);
        assertThat(port.peek(0x100, 4)).containsExactly(0, 0, 1, 0x40);
        assertThat(m.integerMin("W")).isEqualTo(16);
        assertThat(m.integerMax("W")).isEqualTo(640);
        assertThatThrownBy(() -> m.setInteger("W", 321)).isInstanceOf(GenApiException.class).hasMessageContaining("16 + k * 16");
        m.setInteger("WMax", 256);
        assertThatThrownBy(() -> m.setInteger("W", 320)).hasMessageContaining("outside [16, 256]");
    }

    @Test
    void withoutMinMaxTheRangeComesFromThePValueRegister() {
        NodeMap m = Xml.load("<Integer Name=\"V\"><pValue>R</pValue></Integer>"
                + "<IntReg Name=\"R\"><Address>0</Address><Length>1</Length><AccessMode>RW</AccessMode><pPort>Device</pPort>"
                + "<Sign>Signed</Sign></IntReg>", port);
        assertThat(m.integerMin("V")).isEqualTo(-128);
        assertThat(m.integerMax("V")).isEqualTo(127);
        assertThatThrownBy(() -> m.setInteger("V", 128)).hasMessageContaining("outside [-128, 127]");
    }

    @Test
    void selectorIndexedValues() {
        NodeMap m = Xml.load("<Enumeration Name=\"GainSelector\"><EnumEntry Name=\"All\"><Value>0</Value></EnumEntry>"
                + "<EnumEntry Name=\"Red\"><Value>1</Value></EnumEntry><EnumEntry Name=\"Blue\"><Value>2</Value></EnumEntry>"
                + "<Value>0</Value><pSelected>Gain</pSelected></Enumeration>"
                + "<Integer Name=\"Gain\"><pIndex>GainSelector</pIndex><ValueIndexed Index=\"0\">5</ValueIndexed>"
                + "<pValueIndexed Index=\"1\">RedGain</pValueIndexed><ValueDefault>7</ValueDefault></Integer>"
                + intReg("RedGain", "0x20", "RW", ""), port);
        assertThat(m.getInteger("Gain")).isEqualTo(5);
        m.setEnum("GainSelector", "Red");
        m.setInteger("Gain", 9);
        assertThat(port.peek(0x20, 4)).containsExactly(0, 0, 0, 9);
        m.setEnum("GainSelector", "Blue");
        assertThat(m.getInteger("Gain")).isEqualTo(7);
        m.setEnum("GainSelector", "All");
        assertThat(m.getInteger("Gain")).isEqualTo(5);
        assertThat(m.info("GainSelector").selectedFeatures()).containsExactly("Gain");
        assertThat(m.info("Gain").selectors()).containsExactly("GainSelector");
    }

    @Test
    void valueCopyIsWrittenToo() {
        NodeMap m = Xml.load("<Integer Name=\"A\"><Value>1</Value><pValueCopy>B</pValueCopy></Integer>"
                + "<Integer Name=\"B\"><Value>0</Value></Integer>", port);
        m.setInteger("A", 42);
        assertThat(m.getInteger("B")).isEqualTo(42);
    }

    @Test
    void representationsFormatAndParse() {
        NodeMap m = Xml.load("<Integer Name=\"Ip\"><Value>0</Value><Representation>IPV4Address</Representation></Integer>"
                + "<Integer Name=\"Mac\"><Value>0</Value><Representation>MACAddress</Representation></Integer>"
                + "<Integer Name=\"Hex\"><Value>0</Value><Representation>HexNumber</Representation></Integer>", port);
        m.set("Ip", "192.168.1.20");
        assertThat(m.getInteger("Ip")).isEqualTo(0xC0A80114L);
        assertThat(m.get("Ip")).isEqualTo("192.168.1.20");
        m.set("Mac", "00:11:22:aa:bb:cc");
        assertThat(m.get("Mac")).isEqualTo("00:11:22:aa:bb:cc");
        m.set("Hex", "0xbeef");
        assertThat(m.get("Hex")).isEqualTo("0xBEEF");
        assertThatThrownBy(() -> m.set("Hex", "12abc")).isInstanceOf(GenApiException.class)
                .extracting(e -> ((GenApiException) e).reason()).isEqualTo(Reason.INVALID_VALUE);
    }

    @Test
    void missingValueIsMalformed() {
        assertThatThrownBy(() -> Xml.load("<Integer Name=\"X\"><Min>0</Min></Integer>", port))
                .isInstanceOf(GenApiException.class).hasMessageContaining("X: needs one of <Value>, <pValue> or <pIndex>");
    }
}
