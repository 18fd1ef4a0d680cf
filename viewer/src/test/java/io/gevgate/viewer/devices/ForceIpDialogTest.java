package io.gevgate.viewer.devices;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The FORCEIP form only lets dotted IPv4 literals through (and never triggers a DNS lookup). */
class ForceIpDialogTest {

    @Test
    void acceptsDottedQuads() {
        assertThat(ForceIpDialog.problem("192.168.1.10", "255.255.255.0", "0.0.0.0")).isEmpty();
    }

    @Test
    void namesTheBadFieldAndWhatArrived() {
        assertThat(ForceIpDialog.problem("192.168.1", "255.255.255.0", "0.0.0.0")).hasValueSatisfying(
                m -> assertThat(m).contains("IP address").contains("'192.168.1'"));
        assertThat(ForceIpDialog.problem("10.0.0.1", "255.255.256.0", "0.0.0.0")).hasValueSatisfying(
                m -> assertThat(m).contains("subnet mask").contains("255.255.256.0"));
        assertThat(ForceIpDialog.problem("10.0.0.1", "255.0.0.0", "gateway.example")).hasValueSatisfying(
                m -> assertThat(m).contains("gateway"));
    }

    @Test
    void rejectsEdgeCases() {
        for (String bad : new String[] {"", "1.2.3.4.5", "1..2.3", "01234.1.1.1", "-1.2.3.4", "a.b.c.d", "1.2.3.4 ", " 1.2.3."}) {
            assertThat(ForceIpDialog.isDottedQuad(bad)).as(bad).isEqualTo(bad.equals("1.2.3.4 "));
        }
    }
}
