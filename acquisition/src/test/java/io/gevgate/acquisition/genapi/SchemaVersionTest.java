package io.gevgate.acquisition.genapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gevgate.acquisition.genapi.GenApiException.Reason;
import io.gevgate.acquisition.genapi.node.Diagnostic;
import io.gevgate.acquisition.genapi.xml.LoadLimits;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SchemaVersionTest {

    static final String BODY = "<Integer Name=\"I\"><Value>3</Value></Integer>";

    static NodeMap withNamespace(String ns, String minor) {
        String xml = "<RegisterDescription SchemaMajorVersion=\"1\" SchemaMinorVersion=\"" + minor + "\""
                + (ns == null ? "" : " xmlns=\"" + ns + "\"") + ">" + BODY + "</RegisterDescription>";
        return NodeMap.load(xml.getBytes(StandardCharsets.UTF_8), NodeMap.Mode.LENIENT, LoadLimits.DEFAULT);
    }

    @Test
    void schema10And11AndNoNamespaceLoad() {
        for (NodeMap m : new NodeMap[] {
            withNamespace("http://www.genicam.org/GenApi/Version_1_0", "0"),
            withNamespace("http://www.genicam.org/GenApi/Version_1_1", "1"),
            withNamespace(null, "1")}) {
            assertThat(m.getInteger("I")).isEqualTo(3);
            assertThat(m.diagnostics()).isEmpty();
        }
    }

    @Test
    void prefixedGenApiNamespaceLoads() {
        String xml = "<g:RegisterDescription xmlns:g=\"http://www.genicam.org/GenApi/Version_1_1\">"
                + "<g:Integer Name=\"I\"><g:Value>4</g:Value></g:Integer></g:RegisterDescription>";
        assertThat(NodeMap.load(xml.getBytes()).getInteger("I")).isEqualTo(4);
    }

    @Test
    void unknownNamespaceAndMajorVersionAreUnsupported() {
        assertThatThrownBy(() -> withNamespace("http://example.com/Other", "0"))
                .extracting(e -> ((GenApiException) e).reason()).isEqualTo(Reason.UNSUPPORTED);
        String v2 = "<RegisterDescription SchemaMajorVersion=\"2\">" + BODY + "</RegisterDescription>";
        assertThatThrownBy(() -> NodeMap.load(v2.getBytes())).hasMessageContaining("GenApi schema 2");
    }

    @Test
    void unknownNodeTypesTagsAndVendorElementsAreReportedNotDropped() {
        String xml = "<RegisterDescription xmlns=\"http://www.genicam.org/GenApi/Version_1_1\" xmlns:v=\"urn:vendor\">"
                + "<Integer Name=\"I\"><Value>3</Value><SwapEndianessX>1</SwapEndianessX><Extension><Anything/></Extension></Integer>"
                + "<SmartFeature Name=\"S\"/><v:Magic Name=\"M\"/></RegisterDescription>";
        NodeMap m = NodeMap.load(xml.getBytes(), NodeMap.Mode.STRICT, LoadLimits.DEFAULT);
        assertThat(m.getInteger("I")).isEqualTo(3);
        assertThat(m.diagnostics()).extracting(Diagnostic::message).containsExactly(
                "<SwapEndianessX> in Integer is not interpreted",
                "unknown node type <SmartFeature>",
                "element <Magic> of a vendor namespace is not interpreted");
        assertThat(m.diagnostics()).allSatisfy(d -> assertThat(d.severity()).isEqualTo(Diagnostic.Severity.ERROR));
    }
}
