package io.gevgate.acquisition.genapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gevgate.acquisition.genapi.GenApiException.Reason;
import io.gevgate.acquisition.genapi.port.MemoryPort;
import org.junit.jupiter.api.Test;

class StringRegNodeTest {

    @Test
    void nulTerminatedPaddedAndBounded() {
        MemoryPort port = new MemoryPort();
        NodeMap m = Xml.load("<StringReg Name=\"S\"><Address>0x10</Address><Length>6</Length><AccessMode>RW</AccessMode>"
                + "<pPort>Device</pPort></StringReg>", port);
        port.poke(0x10, "abcdef".getBytes());
        assertThat(m.getString("S")).as("exactly Length bytes, no terminator").isEqualTo("abcdef");
        m.setString("S", "xy");
        assertThat(port.peek(0x10, 6)).containsExactly('x', 'y', 0, 0, 0, 0);
        assertThat(m.getString("S")).isEqualTo("xy");
        assertThatThrownBy(() -> m.setString("S", "toolong")).extracting(e -> ((GenApiException) e).reason())
                .isEqualTo(Reason.INVALID_VALUE);
    }
}
