package io.gevgate.acquisition.genapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gevgate.acquisition.genapi.port.MemoryPort;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** Legacy IIDC nodes: ConfRom with IntKey and TextDesc (IEEE 1212 directory entries). */
class ConfRomNodeTest {

    @Test
    void keysAndTextLeaves() {
        MemoryPort port = new MemoryPort();
        NodeMap m = Xml.load("<ConfRom Name=\"Rom\"><Address>0x400</Address><Length>32</Length><pPort>Device</pPort>"
                + "<IntKey Name=\"VendorId\"><Key>0x03</Key></IntKey>"
                + "<TextDesc Name=\"VendorText\"><Key>0x81</Key></TextDesc>"
                + "<IntKey Name=\"Missing\"><Key>0x17</Key></IntKey></ConfRom>", port);
        ByteBuffer rom = ByteBuffer.allocate(32);
        rom.putInt(0x03_00A0B1);            // entry: key 3, vendor id 0x00A0B1
        rom.putInt(0x81_000002);            // entry: key 0x81, leaf 2 quadlets further (byte 12)
        rom.putInt(0);
        rom.putInt(0x0004_0000);            // leaf header: 4 quadlets
        rom.putInt(0).putInt(0);            // specifier id, language
        rom.put("ACME".getBytes()).putInt(0);
        port.poke(0x400, rom.array());
        assertThat(m.getInteger("VendorId")).isEqualTo(0xA0B1);
        assertThat(m.getString("VendorText")).isEqualTo("ACME");
        assertThatThrownBy(() -> m.getInteger("Missing")).hasMessageContaining("key 0x17 is not in ConfRom Rom");
        assertThat(m.countsByType()).containsEntry("ConfRom", 1).containsEntry("IntKey", 2).containsEntry("TextDesc", 1);
    }
}
