package io.gevgate.acquisition.genapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gevgate.acquisition.genapi.port.MemoryPort;
import org.junit.jupiter.api.Test;

class IntConverterNodeTest {

    @Test
    void bothDirectionsAndRange() {
        MemoryPort port = new MemoryPort();
        // Binning stored as log2 in the register: value = 1 << raw, raw = log2(value).
        NodeMap m = Xml.load("<IntConverter Name=\"Binning\"><FormulaTo>1 &lt;&lt; FROM</FormulaTo>"
                + "<FormulaFrom>ROUND(LN(TO) / LN(2))</FormulaFrom><pValue>BinReg</pValue></IntConverter>"
                + "<Integer Name=\"BinReg\"><pValue>R</pValue><Min>0</Min><Max>3</Max></Integer>"
                + Xml.intReg("R", "0x8", "RW", ""), port);
        assertThat(m.getInteger("Binning")).isEqualTo(1);
        m.setInteger("Binning", 4);
        assertThat(port.peek(0x8, 4)).containsExactly(0, 0, 0, 2);
        assertThat(m.getInteger("Binning")).isEqualTo(4);
        assertThat(m.integerMin("Binning")).isEqualTo(1);
        assertThat(m.integerMax("Binning")).isEqualTo(8);
        assertThatThrownBy(() -> m.setInteger("Binning", 16)).isInstanceOf(GenApiException.class).hasMessageContaining("outside");
    }
}
