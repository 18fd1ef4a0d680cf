package io.gevgate.acquisition.genapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gevgate.acquisition.genapi.port.MemoryPort;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class FloatRegNodeTest {

    final MemoryPort port = new MemoryPort();

    static String reg(String name, String addr, int len, String endian) {
        return "<FloatReg Name=\"" + name + "\"><Address>" + addr + "</Address><Length>" + len + "</Length>"
                + "<AccessMode>RW</AccessMode><pPort>Device</pPort><Endianess>" + endian + "</Endianess></FloatReg>";
    }

    @Test
    void singleAndDoubleInBothByteOrders() {
        NodeMap m = Xml.load(reg("F4B", "0x0", 4, "BigEndian") + reg("F4L", "0x10", 4, "LittleEndian")
                + reg("F8B", "0x20", 8, "BigEndian") + reg("F8L", "0x30", 8, "LittleEndian"), port);
        port.poke(0x0, ByteBuffer.allocate(4).order(ByteOrder.BIG_ENDIAN).putFloat(1.25f).array());
        port.poke(0x10, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(-3.5f).array());
        port.poke(0x20, ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN).putDouble(Math.PI).array());
        port.poke(0x30, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(-1e-9).array());
        assertThat(m.getFloat("F4B")).isEqualTo(1.25);
        assertThat(m.getFloat("F4L")).isEqualTo(-3.5);
        assertThat(m.getFloat("F8B")).isEqualTo(Math.PI);
        assertThat(m.getFloat("F8L")).isEqualTo(-1e-9);
        m.setFloat("F8L", 2.5e10);
        assertThat(ByteBuffer.wrap(port.peek(0x30, 8)).order(ByteOrder.LITTLE_ENDIAN).getDouble()).isEqualTo(2.5e10);
        m.setFloat("F4B", 0.1);
        assertThat(ByteBuffer.wrap(port.peek(0, 4)).getFloat()).isEqualTo(0.1f);
    }

    @Test
    void otherLengthsAreUnsupported() {
        NodeMap m = Xml.load(reg("F2", "0x0", 2, "BigEndian"), port);
        assertThatThrownBy(() -> m.getFloat("F2")).isInstanceOf(GenApiException.class)
                .hasMessageContaining("FloatReg of 2 bytes");
    }
}
