package io.gevgate.acquisition.genapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gevgate.acquisition.genapi.GenApiException.Reason;
import io.gevgate.acquisition.genapi.node.EnumEntryNode;
import io.gevgate.acquisition.genapi.node.EnumerationNode;
import io.gevgate.acquisition.genapi.port.MemoryPort;
import org.junit.jupiter.api.Test;

class EnumerationNodeTest {

    final MemoryPort port = new MemoryPort();

    static final String BODY = "<Enumeration Name=\"Mode\"><EnumEntry Name=\"Off\"><Value>0</Value></EnumEntry>"
            + "<EnumEntry Name=\"Once\"><Value>2</Value><pIsAvailable>OnceOk</pIsAvailable></EnumEntry>"
            + "<EnumEntry Name=\"Continuous\"><Value>1</Value><Symbolic>Cont</Symbolic><NumericValue>1.5</NumericValue>"
            + "<IsSelfClearing>Yes</IsSelfClearing></EnumEntry>"
            + "<pValue>ModeReg</pValue></Enumeration>"
            + "<Integer Name=\"OnceOk\"><Value>0</Value></Integer>"
            + "<Enumeration Name=\"Other\"><EnumEntry Name=\"Off\"><Value>7</Value></EnumEntry><Value>7</Value></Enumeration>"
            + Xml.intReg("ModeReg", "0x10", "RW", "");

    @Test
    void symbolsValuesAndAvailability() {
        NodeMap m = Xml.load(BODY, port);
        assertThat(m.getEnum("Mode")).isEqualTo("Off");
        m.setEnum("Mode", "Cont");
        assertThat(port.peek(0x10, 4)).containsExactly(0, 0, 0, 1);
        assertThat(m.getInteger("Mode")).isEqualTo(1);
        assertThat(m.enumEntries("Mode")).containsExactly("Off", "Cont");
        assertThatThrownBy(() -> m.setEnum("Mode", "Once")).extracting(e -> ((GenApiException) e).reason())
                .isEqualTo(Reason.NOT_AVAILABLE);
        m.setInteger("OnceOk", 1);
        m.setEnum("Mode", "Once");
        assertThat(m.get("Mode")).isEqualTo("Once");
        assertThatThrownBy(() -> m.setEnum("Mode", "Never")).hasMessageContaining("no entry \"Never\"");
        assertThatThrownBy(() -> m.setInteger("Mode", 5)).hasMessageContaining("not the value of any EnumEntry");
        port.pokeInt(0x10, 9);
        m.invalidateAll();
        assertThatThrownBy(() -> m.getEnum("Mode")).hasMessageContaining("value 9 matches no EnumEntry");
    }

    @Test
    void entriesAreNodesNamedAfterTheirEnumeration() {
        NodeMap m = Xml.load(BODY, port);
        EnumEntryNode e = (EnumEntryNode) m.node("EnumEntry_Mode_Continuous");
        assertThat(e.symbolic()).isEqualTo("Cont");
        assertThat(e.numericValue()).isEqualTo(1.5);
        assertThat(e.isSelfClearing()).isTrue();
        assertThat(m.node("EnumEntry_Other_Off")).isNotNull();
        assertThat(((EnumerationNode) m.node("Other")).entries()).hasSize(1);
        assertThat(m.getEnum("Other")).isEqualTo("Off");
    }

    @Test
    void duplicateEntryAndEmptyEnumerationAreMalformed() {
        assertThatThrownBy(() -> Xml.load("<Enumeration Name=\"E\"><EnumEntry Name=\"A\"><Value>0</Value></EnumEntry>"
                + "<EnumEntry Name=\"A\"><Value>1</Value></EnumEntry><Value>0</Value></Enumeration>", port))
                .hasMessageContaining("two entries named A");
        assertThatThrownBy(() -> Xml.load("<Enumeration Name=\"E\"><Value>0</Value></Enumeration>", port))
                .hasMessageContaining("no <EnumEntry>");
    }
}
