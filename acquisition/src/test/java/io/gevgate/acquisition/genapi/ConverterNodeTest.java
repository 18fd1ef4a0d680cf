package io.gevgate.acquisition.genapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.gevgate.acquisition.genapi.port.MemoryPort;
import org.junit.jupiter.api.Test;

class ConverterNodeTest {

    final MemoryPort port = new MemoryPort();

    @Test
    void bothDirectionsWithVariablesAndConstants() {
        // Gain in dB over a raw register: dB = 20*LG(raw/REF), raw = REF * 10**(dB/20).
        NodeMap m = Xml.load("<Converter Name=\"GainDb\"><pVariable Name=\"REF\">RefGain</pVariable>"
                + "<FormulaTo>20 * LG(FROM / REF)</FormulaTo><FormulaFrom>REF * 10 ** (TO / 20)</FormulaFrom>"
                + "<pValue>GainRaw</pValue><Slope>Increasing</Slope><Unit>dB</Unit></Converter>"
                + "<Integer Name=\"RefGain\"><Value>100</Value></Integer>"
                + "<Integer Name=\"GainRaw\"><pValue>R</pValue><Min>100</Min><Max>10000</Max></Integer>"
                + Xml.intReg("R", "0x10", "RW", ""), port);
        port.pokeInt(0x10, 1000);
        assertThat(m.getFloat("GainDb")).isCloseTo(20.0, within(1e-9));
        m.setFloat("GainDb", 6.0);
        assertThat(m.getInteger("GainRaw")).isEqualTo(200); // 100 * 10^0.3 = 199.5 -> rounded
        assertThat(m.floatMin("GainDb")).isCloseTo(0.0, within(1e-9));
        assertThat(m.floatMax("GainDb")).isCloseTo(40.0, within(1e-9));
        assertThatThrownBy(() -> m.setFloat("GainDb", 41)).hasMessageContaining("outside");
        assertThat(m.info("GainDb").unit()).isEqualTo("dB");
    }

    @Test
    void decreasingConversionFlipsTheRange() {
        NodeMap m = Xml.load("<Converter Name=\"Rate\"><FormulaTo>1000000.0 / FROM</FormulaTo>"
                + "<FormulaFrom>1000000.0 / TO</FormulaFrom><pValue>Period</pValue></Converter>"
                + "<Integer Name=\"Period\"><Value>40000</Value><Min>1000</Min><Max>1000000</Max></Integer>", port);
        assertThat(m.getFloat("Rate")).isEqualTo(25.0);
        assertThat(m.floatMin("Rate")).isEqualTo(1.0);
        assertThat(m.floatMax("Rate")).isEqualTo(1000.0);
        m.setFloat("Rate", 500);
        assertThat(m.getInteger("Period")).isEqualTo(2000);
        assertThatThrownBy(() -> m.setFloat("Rate", 0.5)).hasMessageContaining("outside");
    }

    @Test
    void expressionsAndUndefinedNames() {
        NodeMap m = Xml.load("<Converter Name=\"C\"><Constant Name=\"K\">2.5</Constant>"
                + "<Expression Name=\"SCALE\">K * 2</Expression>"
                + "<FormulaTo>FROM * SCALE</FormulaTo><FormulaFrom>TO / SCALE</FormulaFrom><pValue>V</pValue></Converter>"
                + "<Integer Name=\"V\"><Value>4</Value></Integer>", port);
        assertThat(m.getFloat("C")).isEqualTo(20.0);
        m.setFloat("C", 50.0);
        assertThat(m.getInteger("V")).isEqualTo(10);
        assertThatThrownBy(() -> Xml.load("<Converter Name=\"C\"><FormulaTo>FROM * Q</FormulaTo><FormulaFrom>TO</FormulaFrom>"
                + "<pValue>V</pValue></Converter><Integer Name=\"V\"><Value>4</Value></Integer>", port))
                .isInstanceOf(GenApiException.class).hasMessageContaining("undefined name(s) [Q]");
    }

    @Test
    void nanFromFormulaFromIsATypedErrorAndRoundingIsSymmetric() {
        NodeMap m = Xml.load("<Converter Name=\"C\"><FormulaTo>FROM</FormulaTo><FormulaFrom>SQRT(TO)</FormulaFrom>"
                + "<pValue>V</pValue></Converter><Converter Name=\"H\"><FormulaTo>FROM</FormulaTo>"
                + "<FormulaFrom>TO</FormulaFrom><pValue>V</pValue></Converter><Integer Name=\"V\"><Value>4</Value></Integer>", port);
        assertThatThrownBy(() -> m.setFloat("C", -1)).isInstanceOf(GenApiException.class)
                .hasMessageContaining("V: NaN cannot be written to an integer");
        m.setFloat("H", -2.5);
        assertThat(m.getInteger("V")).isEqualTo(-3);
        m.setFloat("H", 2.5);
        assertThat(m.getInteger("V")).isEqualTo(3);
    }
}
