package io.gevgate.acquisition.gvcp.xml;

import java.nio.charset.StandardCharsets;

/** A retrieved GenICam XML: the text bytes, where they came from and whether they were zipped. */
public record GenICamXml(String url, String fileName, byte[] xml, boolean zipped, boolean sha1Verified) {
    public String text() {
        return new String(xml, StandardCharsets.UTF_8);
    }
}
