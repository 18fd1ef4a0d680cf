package io.gevgate.acquisition.genapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gevgate.acquisition.genapi.node.DisplayNotation;
import io.gevgate.acquisition.genapi.node.FloatFeature;
import io.gevgate.acquisition.genapi.port.MemoryPort;
import org.junit.jupiter.api.Test;

class FloatNodeTest {

    final MemoryPort port = new MemoryPort();

    @Test
    void hostValueRangeIncrementAndDisplayHints() {
        NodeMap m = Xml.load("<Float Name=\"F\"><Value>1.5</Value><Min>0.5</Min><Max>10</Max><Inc>0.25</Inc>"
                + "<Unit>dB</Unit><DisplayNotation>Fixed</DisplayNotation><DisplayPrecision>2</DisplayPrecision></Float>", port);
        assertThat(m.getFloat("F")).isEqualTo(1.5);
        m.setFloat("F", 2.75);
        assertThat(m.get("F")).isEqualTo("2.75");
        assertThatThrownBy(() -> m.setFloat("F", 2.8)).hasMessageContaining("not 0.5 + k * 0.25");
        assertThatThrownBy(() -> m.setFloat("F", 10.5)).hasMessageContaining("outside [0.5, 10.0]");
        assertThatThrownBy(() -> m.setFloat("F", Double.NaN)).isInstanceOf(GenApiException.class);
        FloatFeature f = (FloatFeature) m.node("F");
        assertThat(f.displayNotation()).isEqualTo(DisplayNotation.FIXED);
        assertThat(f.displayPrecision()).isEqualTo(2);
        assertThat(m.info("F").unit()).isEqualTo("dB");
    }

    @Test
    void pValueToAnIntegerRegisterRoundsAndPMaxComesFromANode() {
        NodeMap m = Xml.load("<Float Name=\"F\"><pValue>R</pValue><Min>0</Min><pMax>FMax</pMax></Float>"
                + "<Float Name=\"FMax\"><Value>100.0</Value></Float>"
                + Xml.intReg("R", "0x10", "RW", ""), port);
        m.setFloat("F", 41.6);
        assertThat(m.getFloat("F")).isEqualTo(42.0);
        assertThat(m.floatMax("F")).isEqualTo(100.0);
        assertThatThrownBy(() -> m.setFloat("F", 100.5)).hasMessageContaining("outside");
    }

    @Test
    void selectorIndexedFloat() {
        NodeMap m = Xml.load("<Integer Name=\"Sel\"><Value>1</Value></Integer>"
                + "<Float Name=\"F\"><pIndex>Sel</pIndex><ValueIndexed Index=\"0\">0.5</ValueIndexed>"
                + "<ValueIndexed Index=\"1\">1.5</ValueIndexed></Float>", port);
        assertThat(m.getFloat("F")).isEqualTo(1.5);
        m.setInteger("Sel", 3);
        assertThatThrownBy(() -> m.getFloat("F")).hasMessageContaining("index 3").hasMessageContaining("no ValueDefault");
    }

    @Test
    void valueCopyAndLazyFallbackRange() {
        NodeMap m = Xml.load("<Float Name=\"A\"><Value>1.0</Value><Min>0</Min><Max>5</Max><pValueCopy>B</pValueCopy></Float>"
                + "<Float Name=\"B\"><Value>0.0</Value></Float>", port);
        m.setFloat("A", 2.5);
        assertThat(m.getFloat("B")).isEqualTo(2.5);
        assertThat(m.floatMin("B")).isEqualTo(Double.NEGATIVE_INFINITY);
    }
}
