package io.gevgate.acquisition.genapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gevgate.acquisition.genapi.port.MemoryPort;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Bit numbering: LittleEndian registers count from the least significant bit; BigEndian ones
 * from the most significant bit of the whole register (GenICam convention, as Aravis does).
 */
class MaskedIntRegNodeTest {

    final MemoryPort port = new MemoryPort();

    static String masked(String name, String endian, String bits, String sign, String access) {
        return "<MaskedIntReg Name=\"" + name + "\"><Address>0x40</Address><Length>4</Length><AccessMode>" + access
                + "</AccessMode><pPort>Device</pPort>" + bits + "<Sign>" + sign + "</Sign><Endianess>" + endian
                + "</Endianess></MaskedIntReg>";
    }

    @Test
    void littleEndianLsbMsb() {
        NodeMap m = Xml.load(masked("F", "LittleEndian", "<LSB>4</LSB><MSB>11</MSB>", "Unsigned", "RW"), port);
        port.poke(0x40, HexFormat.of().parseHex("a5c30000")); // value 0x0000C3A5
        assertThat(m.getInteger("F")).isEqualTo(0x3A);
        m.setInteger("F", 0xFF);
        assertThat(port.peek(0x40, 4)).isEqualTo(HexFormat.of().parseHex("f5cf0000")); // 0x0000CFF5
        assertThat(m.integerMax("F")).isEqualTo(255);
    }

    @Test
    void bigEndianLsbMsbCountFromTheTop() {
        // Big-endian bit 0 is the register's MSB: MSB=0..LSB=7 is the top byte.
        NodeMap m = Xml.load(masked("Top", "BigEndian", "<LSB>7</LSB><MSB>0</MSB>", "Unsigned", "RW")
                + masked("Low12", "BigEndian", "<LSB>31</LSB><MSB>20</MSB>", "Unsigned", "RW"), port);
        port.poke(0x40, HexFormat.of().parseHex("12345678"));
        assertThat(m.getInteger("Top")).isEqualTo(0x12);
        assertThat(m.getInteger("Low12")).isEqualTo(0x678);
        m.setInteger("Low12", 0xABC);
        assertThat(port.peek(0x40, 4)).isEqualTo(HexFormat.of().parseHex("12345abc"));
        m.setInteger("Top", 0xEE);
        assertThat(port.peek(0x40, 4)).isEqualTo(HexFormat.of().parseHex("ee345abc"));
    }

    @Test
    void signExtensionOfAField() {
        NodeMap m = Xml.load(masked("S", "LittleEndian", "<LSB>8</LSB><MSB>11</MSB>", "Signed", "RW")
                + masked("SB", "BigEndian", "<LSB>23</LSB><MSB>20</MSB>", "Signed", "RW"), port);
        port.poke(0x40, HexFormat.of().parseHex("000e0000")); // LE value 0x00000E00: bits 8..11 = 0xE
        assertThat(m.getInteger("S")).isEqualTo(-2);
        assertThat(m.integerMin("S")).isEqualTo(-8);
        assertThat(m.integerMax("S")).isEqualTo(7);
        assertThatThrownBy(() -> m.setInteger("S", 8)).hasMessageContaining("outside [-8, 7]");
        m.setInteger("S", -8);
        assertThat(port.peek(0x40, 4)).isEqualTo(HexFormat.of().parseHex("00080000"));
        // BE bits 20..23 counted from the top are value bits 11..8: nibble 0x9 -> -7.
        port.poke(0x40, HexFormat.of().parseHex("00000900"));
        assertThat(m.getInteger("S")).as("S is cached from its own write").isEqualTo(-8);
        m.invalidateAll();
        assertThat(m.getInteger("S")).isEqualTo(0);
        assertThat(m.getInteger("SB")).isEqualTo(-7);
    }

    @Test
    void singleBitAndWriteOnlyRegister() {
        NodeMap m = Xml.load(masked("B", "LittleEndian", "<Bit>31</Bit>", "Unsigned", "RW")
                + "<MaskedIntReg Name=\"W\"><Address>0x80</Address><Length>4</Length><AccessMode>WO</AccessMode>"
                + "<pPort>Device</pPort><Bit>1</Bit></MaskedIntReg>", port);
        m.setInteger("B", 1);
        assertThat(port.peek(0x40, 4)).isEqualTo(HexFormat.of().parseHex("00000080"));
        assertThatThrownBy(() -> m.setInteger("B", 2)).hasMessageContaining("outside [0, 1]");
        port.poke(0x80, HexFormat.of().parseHex("ffffffff"));
        m.setInteger("W", 1); // cannot read-modify-write: the other bits become 0
        assertThat(port.peek(0x80, 4)).isEqualTo(HexFormat.of().parseHex("02000000"));
    }

    @Test
    void fieldOutsideTheRegisterIsReported() {
        NodeMap m = Xml.load("<MaskedIntReg Name=\"X\"><Address>0</Address><Length>1</Length><AccessMode>RO</AccessMode>"
                + "<pPort>Device</pPort><LSB>4</LSB><MSB>9</MSB></MaskedIntReg>", port);
        assertThatThrownBy(() -> m.getInteger("X")).isInstanceOf(GenApiException.class).hasMessageContaining("do not fit a 1-byte register");
    }
}
