package io.gevgate.acquisition.genapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.gevgate.acquisition.genapi.port.MemoryPort;
import org.junit.jupiter.api.Test;

class BooleanNodeTest {

    @Test
    void onAndOffValues() {
        MemoryPort port = new MemoryPort();
        NodeMap m = Xml.load("<Boolean Name=\"B\"><pValue>R</pValue><OnValue>321</OnValue><OffValue>123</OffValue></Boolean>"
                + "<Boolean Name=\"H\"><Value>1</Value></Boolean>"
                + Xml.intReg("R", "0x0", "RW", ""), port);
        assertThat(m.getBoolean("B")).isFalse();
        m.setBoolean("B", true);
        assertThat(port.peek(0, 4)).containsExactly(0, 0, 0x01, 0x41);
        assertThat(m.get("B")).isEqualTo("true");
        m.set("B", "off");
        assertThat(m.getInteger("R")).isEqualTo(123);
        assertThat(m.getBoolean("H")).isTrue();
        m.setBoolean("H", false);
        assertThat(m.getInteger("H")).isZero();
    }
}
