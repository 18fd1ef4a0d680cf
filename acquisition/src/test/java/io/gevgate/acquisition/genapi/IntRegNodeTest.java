package io.gevgate.acquisition.genapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gevgate.acquisition.genapi.GenApiException.Reason;
import io.gevgate.acquisition.genapi.port.MemoryPort;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IntRegNodeTest {

    final MemoryPort port = new MemoryPort();

    static String reg(String len, String sign, String endian) {
        return "<IntReg Name=\"R\"><Address>0x10</Address><Length>" + len + "</Length><AccessMode>RW</AccessMode>"
                + "<pPort>Device</pPort><Sign>" + sign + "</Sign><Endianess>" + endian + "</Endianess></IntReg>";
    }

    @ParameterizedTest(name = "{0} bytes {1} {2}")
    @CsvSource({
        "1, Signed, BigEndian, ff, -1",
        "1, Unsigned, BigEndian, ff, 255",
        "2, Signed, LittleEndian, feff, -2",
        "2, Unsigned, LittleEndian, 3412, 4660",
        "2, Signed, BigEndian, 8000, -32768",
        "3, Signed, BigEndian, 800001, -8388607",
        "4, Unsigned, BigEndian, ffffffff, 4294967295",
        "4, Signed, LittleEndian, 00000080, -2147483648",
        "8, Signed, BigEndian, fffffffffffffffe, -2",
        "8, Unsigned, LittleEndian, 0100000000000000, 1",
    })
    void decodesSignAndByteOrder(int len, String sign, String endian, String hex, long expected) {
        NodeMap m = Xml.load(reg(Integer.toString(len), sign, endian), port);
        port.poke(0x10, java.util.HexFormat.of().parseHex(hex));
        assertThat(m.getInteger("R")).isEqualTo(expected);
        // Writing the value back produces the same bytes.
        port.poke(0x10, new byte[len]);
        m.setInteger("R", expected);
        assertThat(port.peek(0x10, len)).isEqualTo(java.util.HexFormat.of().parseHex(hex));
    }

    @Test
    void rangeFollowsLengthAndSign() {
        NodeMap m = Xml.load(reg("2", "Signed", "BigEndian"), port);
        assertThat(m.integerMin("R")).isEqualTo(-32768);
        assertThat(m.integerMax("R")).isEqualTo(32767);
        assertThatThrownBy(() -> m.setInteger("R", 40000)).isInstanceOf(GenApiException.class)
                .extracting(e -> ((GenApiException) e).reason()).isEqualTo(Reason.OUT_OF_RANGE);
        assertThat(port.writeCount()).isZero();
    }

    @Test
    void defaultsAreLittleEndianUnsignedReadOnly() {
        NodeMap m = Xml.load("<IntReg Name=\"R\"><Address>0</Address><Length>2</Length><pPort>Device</pPort></IntReg>", port);
        port.poke(0, new byte[] {(byte) 0xfe, (byte) 0xff});
        assertThat(m.getInteger("R")).isEqualTo(0xfffe);
        assertThatThrownBy(() -> m.setInteger("R", 1)).extracting(e -> ((GenApiException) e).reason()).isEqualTo(Reason.READ_ONLY);
    }

    @Test
    void addressTermsAddUp() {
        NodeMap m = Xml.load("<IntReg Name=\"R\"><Address>0x100</Address><pAddress>Base</pAddress>"
                + "<IntSwissKnife><pVariable Name=\"S\">Sel</pVariable><Formula>S * 0x40</Formula></IntSwissKnife>"
                + "<pIndex Offset=\"8\">Idx</pIndex><Length>4</Length><AccessMode>RW</AccessMode><pPort>Device</pPort>"
                + "<Endianess>BigEndian</Endianess></IntReg>"
                + "<Integer Name=\"Base\"><Value>0x1000</Value></Integer>"
                + "<Integer Name=\"Sel\"><Value>2</Value></Integer>"
                + "<Integer Name=\"Idx\"><Value>3</Value></Integer>", port);
        m.setInteger("R", 77);
        long addr = 0x100 + 0x1000 + 2 * 0x40 + 3 * 8;
        assertThat(port.peek(addr, 4)).containsExactly(0, 0, 0, 77);
        assertThat(m.countsByType()).containsEntry("IntSwissKnife", 1);
    }

    @Test
    void pIndexWithoutOffsetStepsByLength() {
        NodeMap m = Xml.load("<IntReg Name=\"R\"><Address>0x200</Address><pIndex>Idx</pIndex><Length>2</Length>"
                + "<AccessMode>RW</AccessMode><pPort>Device</pPort></IntReg><Integer Name=\"Idx\"><Value>5</Value></Integer>", port);
        m.setInteger("R", 0x1234);
        assertThat(port.peek(0x200 + 10, 2)).containsExactly(0x34, 0x12);
    }

    @Test
    void portFailureIsTyped() {
        NodeMap m = NodeMap.load(Xml.doc(reg("4", "Unsigned", "BigEndian")).getBytes());
        assertThatThrownBy(() -> m.getInteger("R")).extracting(e -> ((GenApiException) e).reason()).isEqualTo(Reason.NOT_AVAILABLE);
        m.bindDevicePort(new MemoryPort(0x12, 1));
        assertThatThrownBy(() -> m.getInteger("R")).isInstanceOf(GenApiException.class)
                .hasMessageContaining("0x10+4").extracting(e -> ((GenApiException) e).reason()).isEqualTo(Reason.PORT_ERROR);
    }
}
