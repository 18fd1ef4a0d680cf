package io.gevgate.acquisition.genapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.gevgate.acquisition.genapi.port.MemoryPort;
import org.junit.jupiter.api.Test;

class StringNodeTest {

    @Test
    void hostValueAndPValueToAStringReg() {
        MemoryPort port = new MemoryPort();
        NodeMap m = Xml.load("<String Name=\"S\"><Value>hello</Value></String>"
                + "<String Name=\"V\"><pValue>Reg</pValue></String>"
                + "<StringReg Name=\"Reg\"><Address>0x40</Address><Length>8</Length><AccessMode>RW</AccessMode>"
                + "<pPort>Device</pPort></StringReg>", port);
        assertThat(m.getString("S")).isEqualTo("hello");
        m.setString("S", "world");
        assertThat(m.get("S")).isEqualTo("world");
        m.setString("V", "cam");
        assertThat(new String(port.peek(0x40, 3))).isEqualTo("cam");
        assertThat(m.getString("Reg")).isEqualTo("cam");
    }
}
