package io.gevgate.viewer.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LockedFeaturesTest {

    @Test
    void findsTheLockOfEachFeature() {
        String xml = """
                <RegisterDescription>
                  <Integer Name="Width"><pIsLocked>TLParamsLocked</pIsLocked><pValue>WidthReg</pValue></Integer>
                  <Integer Name="Height"><pValue>HeightReg</pValue></Integer>
                </RegisterDescription>""";
        LockedFeatures l = LockedFeatures.scan(xml.getBytes(StandardCharsets.UTF_8));
        assertThat(l.lockOf("Width")).contains("TLParamsLocked");
        assertThat(l.lockOf("Height")).isEmpty();
    }

    @Test
    void hostileOrBrokenXmlYieldsNoLocksInsteadOfFailing() {
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE r [<!ENTITY e SYSTEM "file:///etc/passwd">]>
                <r><Integer Name="W"><pIsLocked>&e;</pIsLocked></Integer></r>""";
        assertThat(LockedFeatures.scan(xxe.getBytes(StandardCharsets.UTF_8)).lockOf("W")).isEmpty();
        assertThat(LockedFeatures.scan("<r><unclosed>".getBytes(StandardCharsets.UTF_8)).lockOf("W")).isEmpty();
        assertThat(LockedFeatures.scan(new byte[0]).lockOf("W")).isEmpty();
    }
}
