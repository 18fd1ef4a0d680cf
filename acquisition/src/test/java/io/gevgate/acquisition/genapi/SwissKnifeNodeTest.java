package io.gevgate.acquisition.genapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gevgate.acquisition.genapi.GenApiException.Reason;
import io.gevgate.acquisition.genapi.port.MemoryPort;
import org.junit.jupiter.api.Test;

class SwissKnifeNodeTest {

    final MemoryPort port = new MemoryPort();

    @Test
    void floatResultFromNodesConstantsAndExpressions() {
        NodeMap m = Xml.load("<SwissKnife Name=\"S\"><pVariable Name=\"X\">A</pVariable><Constant Name=\"HALF\">0.5</Constant>"
                + "<Expression Name=\"SQ\">X * X</Expression><Formula>SQ * HALF + PI - PI</Formula></SwissKnife>"
                + "<Float Name=\"A\"><Value>3.0</Value></Float>", port);
        assertThat(m.getFloat("S")).isEqualTo(4.5);
        m.setFloat("A", 4.0);
        assertThat(m.getFloat("S")).isEqualTo(8.0);
        assertThatThrownBy(() -> m.setFloat("S", 1)).extracting(e -> ((GenApiException) e).reason()).isEqualTo(Reason.READ_ONLY);
    }

    @Test
    void integerOperandsKeepIntegerDivisionEvenInAFloatSwissKnife() {
        NodeMap m = Xml.load("<SwissKnife Name=\"S\"><Formula>10 / 4</Formula></SwissKnife>"
                + "<SwissKnife Name=\"T\"><Formula>10 / 4.0</Formula></SwissKnife>", port);
        assertThat(m.getFloat("S")).isEqualTo(2.0);
        assertThat(m.getFloat("T")).isEqualTo(2.5);
    }

    @Test
    void runtimeDivisionByZeroIsAnInvalidValueNotABadFormula() {
        NodeMap m = Xml.load("<SwissKnife Name=\"S\"><pVariable Name=\"D\">Z</pVariable><Formula>1 / D</Formula></SwissKnife>"
                + "<Integer Name=\"Z\"><Value>0</Value></Integer>", port);
        assertThatThrownBy(() -> m.getFloat("S")).extracting(e -> ((GenApiException) e).reason()).isEqualTo(Reason.INVALID_VALUE);
    }

    @Test
    void badFormulaFailsStrictLoadAndIsReportedInLenientLoad() {
        String body = "<SwissKnife Name=\"S\"><Formula>1 + (2</Formula></SwissKnife>";
        assertThatThrownBy(() -> Xml.load(body, port)).isInstanceOf(GenApiException.class)
                .extracting(e -> ((GenApiException) e).reason()).isEqualTo(Reason.BAD_FORMULA);
        NodeMap m = Xml.lenient(body);
        assertThat(m.diagnostics()).anySatisfy(d -> assertThat(d.reason()).isEqualTo(Reason.BAD_FORMULA));
        assertThatThrownBy(() -> m.getFloat("S")).extracting(e -> ((GenApiException) e).reason()).isEqualTo(Reason.BAD_FORMULA);
    }
}
