package io.gevgate.acquisition.genapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.gevgate.acquisition.genapi.node.AccessMode;
import io.gevgate.acquisition.genapi.port.MemoryPort;
import org.junit.jupiter.api.Test;

class StructRegNodeTest {

    @Test
    void entriesShareTheRegisterAndOverrideItsProperties() {
        MemoryPort port = new MemoryPort();
        NodeMap m = Xml.load("<StructReg Comment=\"Ctl\"><Address>0x50</Address><Length>4</Length><AccessMode>RW</AccessMode>"
                + "<pPort>Device</pPort><Endianess>LittleEndian</Endianess>"
                + "<StructEntry Name=\"Enable\"><Bit>0</Bit></StructEntry>"
                + "<StructEntry Name=\"Level\"><LSB>8</LSB><MSB>15</MSB><Sign>Signed</Sign></StructEntry>"
                + "<StructEntry Name=\"Status\"><LSB>16</LSB><MSB>23</MSB><AccessMode>RO</AccessMode></StructEntry>"
                + "</StructReg>", port);
        assertThat(m.countsByType()).containsEntry("StructEntry", 3);
        m.setInteger("Enable", 1);
        m.setInteger("Level", -1);
        assertThat(port.peek(0x50, 4)).containsExactly(0x01, 0xff, 0, 0);
        port.poke(0x52, new byte[] {0x2a});
        m.invalidateAll();
        assertThat(m.getInteger("Status")).isEqualTo(42);
        assertThat(m.getInteger("Level")).isEqualTo(-1);
        assertThat(m.accessMode("Status")).isEqualTo(AccessMode.RO);
        assertThat(m.accessMode("Level")).isEqualTo(AccessMode.RW);
    }
}
