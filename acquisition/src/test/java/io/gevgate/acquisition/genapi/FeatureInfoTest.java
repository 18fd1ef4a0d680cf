package io.gevgate.acquisition.genapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.gevgate.acquisition.genapi.node.AccessMode;
import io.gevgate.acquisition.genapi.node.Representation;
import io.gevgate.acquisition.genapi.node.Visibility;
import io.gevgate.acquisition.genapi.port.MemoryPort;
import org.junit.jupiter.api.Test;

class FeatureInfoTest {

    @Test
    void documentationPropertiesReachTheBrowser() {
        NodeMap m = Xml.load("<Integer Name=\"Gain\" NameSpace=\"Standard\"><DisplayName>Gain (raw)</DisplayName>"
                + "<Description>Amplification.</Description><ToolTip>Raw gain</ToolTip><Visibility>Expert</Visibility>"
                + "<IsDeprecated>Yes</IsDeprecated><Streamable>Yes</Streamable><EventID>9001</EventID>"
                + "<pValue>R</pValue><Unit>dB</Unit><Representation>Logarithmic</Representation></Integer>"
                + Xml.intReg("R", "0", "RW", "")
                + "<Command Name=\"Go\"><Value>0</Value><CommandValue>1</CommandValue></Command>", new MemoryPort());
        FeatureInfo i = m.info("Gain");
        assertThat(i.kind()).isEqualTo("INTEGER");
        assertThat(i.type()).isEqualTo("Integer");
        assertThat(i.displayName()).isEqualTo("Gain (raw)");
        assertThat(i.description()).isEqualTo("Amplification.");
        assertThat(i.toolTip()).isEqualTo("Raw gain");
        assertThat(i.visibility()).isEqualTo(Visibility.EXPERT);
        assertThat(i.access()).isEqualTo(AccessMode.RW);
        assertThat(i.representation()).isEqualTo(Representation.LOGARITHMIC);
        assertThat(i.unit()).isEqualTo("dB");
        assertThat(i.deprecated()).isTrue();
        assertThat(i.streamable()).isTrue();
        assertThat(m.node("Gain").eventId()).isEqualTo("9001");
        assertThat(m.node("Gain").nameSpace()).isEqualTo("Standard");
        assertThat(m.info("Go").kind()).isEqualTo("COMMAND");
        assertThat(m.info("R").kind()).isEqualTo("INTEGER");
        assertThat(m.names()).containsExactly("Device", "Gain", "R", "Go");
    }
}
