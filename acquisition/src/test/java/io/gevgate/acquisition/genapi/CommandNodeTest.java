package io.gevgate.acquisition.genapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gevgate.acquisition.genapi.GenApiException.Reason;
import io.gevgate.acquisition.genapi.port.MemoryPort;
import org.junit.jupiter.api.Test;

class CommandNodeTest {

    @Test
    void executeWritesTheCommandValueAndIsDoneWhenTheDeviceClearsIt() {
        MemoryPort port = new MemoryPort();
        NodeMap m = Xml.load("<Command Name=\"Start\"><pValue>CmdReg</pValue><CommandValue>1</CommandValue></Command>"
                + "<Command Name=\"Stop\"><pValue>CmdReg</pValue><pCommandValue>StopValue</pCommandValue></Command>"
                + "<Integer Name=\"StopValue\"><Value>2</Value></Integer>"
                + Xml.intReg("CmdReg", "0x20", "RW", "") // write-through cached: isDone must still poll
                + "<Command Name=\"Trig\"><pValue>TrigReg</pValue><CommandValue>1</CommandValue></Command>"
                + Xml.intReg("TrigReg", "0x24", "WO", ""), port);
        m.execute("Start");
        assertThat(port.peek(0x20, 4)).containsExactly(0, 0, 0, 1);
        assertThat(m.isDone("Start")).isFalse();
        port.pokeInt(0x20, 0); // the device finished
        assertThat(m.isDone("Start")).isTrue();
        m.execute("Stop");
        assertThat(port.peek(0x20, 4)).containsExactly(0, 0, 0, 2);
        m.execute("Trig");
        assertThat(port.peek(0x24, 4)).containsExactly(0, 0, 0, 1);
        assertThat(m.isDone("Trig")).as("write-only: nothing to wait for").isTrue();
        assertThatThrownBy(() -> m.set("Trig", "1")).hasMessageContaining("use execute");
        assertThatThrownBy(() -> m.execute("StopValue")).extracting(e -> ((GenApiException) e).reason())
                .isEqualTo(Reason.TYPE_MISMATCH);
    }
}
