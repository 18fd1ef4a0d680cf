package io.gevgate.acquisition.genapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.gevgate.acquisition.genapi.port.MemoryPort;
import org.junit.jupiter.api.Test;

class GroupTest {

    @Test
    void groupsAreTransparentAtAnyDepth() {
        NodeMap m = Xml.load("<Group Comment=\"outer\"><Integer Name=\"A\"><Value>1</Value></Integer>"
                + "<Group Comment=\"inner\"><Integer Name=\"B\"><Value>2</Value></Integer></Group></Group>"
                + "<Integer Name=\"C\"><Value>3</Value></Integer>", new MemoryPort());
        assertThat(m.getInteger("A") + m.getInteger("B") + m.getInteger("C")).isEqualTo(6);
        assertThat(m.countsByType()).doesNotContainKey("Group");
    }
}
