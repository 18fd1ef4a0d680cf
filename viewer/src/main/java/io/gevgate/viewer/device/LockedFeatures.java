package io.gevgate.viewer.device;

import java.io.ByteArrayInputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Which features carry a {@code <pIsLocked>} and the node that locks them. The GenApi engine applies
 * the lock (a write fails with LOCKED) but its FeatureInfo does not say why a feature is read-only
 * now; the browser wants to show "locked by TLParamsLocked" rather than plain "RO". The XML was
 * already parsed safely by the engine; this scan uses a DOM with DOCTYPEs forbidden, so a hostile
 * file cannot reach entities here either.
 */
public final class LockedFeatures {
    private final Map<String, String> lockedBy;

    private LockedFeatures(Map<String, String> lockedBy) {
        this.lockedBy = Map.copyOf(lockedBy);
    }

    public static LockedFeatures scan(byte[] xml) {
        Map<String, String> out = new HashMap<>();
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setExpandEntityReferences(false);
            var builder = f.newDocumentBuilder();
            builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler() {
                @Override
                public void fatalError(org.xml.sax.SAXParseException e) throws org.xml.sax.SAXException {
                    throw e; // the default handler would also print "[Fatal Error]" to stderr
                }
            });
            NodeList locks = builder.parse(new ByteArrayInputStream(xml)).getElementsByTagName("pIsLocked");
            for (int i = 0; i < locks.getLength(); i++) {
                Node parent = locks.item(i).getParentNode();
                if (parent instanceof Element e && e.hasAttribute("Name")) {
                    out.put(e.getAttribute("Name"), locks.item(i).getTextContent().trim());
                }
            }
        } catch (Exception e) {
            // The engine accepted this XML; if this scan cannot, the browser just shows no lock reasons.
            return new LockedFeatures(Map.of());
        }
        return new LockedFeatures(out);
    }

    public Optional<String> lockOf(String feature) {
        return Optional.ofNullable(lockedBy.get(feature));
    }
}
