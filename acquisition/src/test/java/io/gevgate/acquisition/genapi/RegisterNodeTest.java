package io.gevgate.acquisition.genapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gevgate.acquisition.genapi.port.MemoryPort;
import org.junit.jupiter.api.Test;

class RegisterNodeTest {

    @Test
    void rawBytesWithPLength() {
        MemoryPort port = new MemoryPort();
        NodeMap m = Xml.load("<Register Name=\"R\"><Address>0x100</Address><pLength>Len</pLength><AccessMode>RW</AccessMode>"
                + "<pPort>Device</pPort></Register><Integer Name=\"Len\"><Value>3</Value></Integer>", port);
        m.setRegister("R", new byte[] {1, 2, 3});
        assertThat(port.peek(0x100, 3)).containsExactly(1, 2, 3);
        assertThat(m.get("R")).isEqualTo("010203");
        m.set("R", "0a0b0c");
        assertThat(m.getRegister("R")).containsExactly(10, 11, 12);
        assertThatThrownBy(() -> m.setRegister("R", new byte[2])).hasMessageContaining("needs exactly 3 bytes");
        m.setInteger("Len", 0);
        assertThatThrownBy(() -> m.getRegister("R")).hasMessageContaining("register length 0");
    }
}
