package io.gevgate.acquisition.genapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.gevgate.acquisition.genapi.port.MemoryPort;
import org.junit.jupiter.api.Test;

class IntSwissKnifeNodeTest {

    @Test
    void standardExampleAndTruncation() {
        MemoryPort port = new MemoryPort();
        // The GenICam standard's example: TopMax = 480 - CURHEIGHT.
        NodeMap m = Xml.load("<IntSwissKnife Name=\"TopMax\"><pVariable Name=\"CURHEIGHT\">HeightReg</pVariable>"
                + "<Formula>480-CURHEIGHT</Formula></IntSwissKnife>"
                + Xml.intReg("HeightReg", "0x4", "RW", "")
                + "<IntSwissKnife Name=\"T\"><Formula>10 / 4.0 + 0.9</Formula></IntSwissKnife>"
                + "<IntSwissKnife Name=\"N\"><Formula>-7.9</Formula></IntSwissKnife>"
                + "<IntSwissKnife Name=\"H\"><Formula>(0x80000000 &lt;&lt; 1) | 0xF</Formula></IntSwissKnife>", port);
        port.pokeInt(0x4, 100);
        assertThat(m.getInteger("TopMax")).isEqualTo(380);
        assertThat(m.getInteger("T")).isEqualTo(3); // 3.4 truncated
        assertThat(m.getInteger("N")).isEqualTo(-7);
        assertThat(m.getInteger("H")).isEqualTo(0x10000000FL); // 64-bit arithmetic, no 32-bit wrap
    }
}
