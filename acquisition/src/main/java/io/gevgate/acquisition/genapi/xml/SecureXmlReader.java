package io.gevgate.acquisition.genapi.xml;

import io.gevgate.acquisition.genapi.GenApiException;
import io.gevgate.acquisition.genapi.GenApiException.Reason;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Parses a GenICam XML document as untrusted input: any DOCTYPE is refused (which rules out
 * external entities, XXE and entity-expansion bombs at once), nothing is fetched from outside,
 * and size, element count and nesting are bounded. Accepts GenApi schema 1.0 and 1.1 (and
 * documents without a namespace); elements of other namespaces are vendor extensions and are
 * kept with a {@code ns:} marker so that the loader can report them.
 */
public final class SecureXmlReader {

    /** Namespaces of the GenApi schema versions this engine reads. */
    public static final List<String> GENAPI_NAMESPACES = List.of(
            "http://www.genicam.org/GenApi/Version_1_0",
            "http://www.genicam.org/GenApi/Version_1_1");

    private final LoadLimits limits;

    public SecureXmlReader(LoadLimits limits) {
        this.limits = limits;
    }

    /** Parses the document and returns its root element ({@code RegisterDescription}). */
    public XmlElement read(byte[] xml) {
        if (xml.length > limits.maxBytes()) {
            throw new GenApiException(null, Reason.INSECURE_XML, "document has " + xml.length
                    + " bytes, the limit is " + limits.maxBytes());
        }
        Document doc = parse(xml);
        Element root = doc.getDocumentElement();
        if (!"RegisterDescription".equals(localName(root))) {
            throw new GenApiException(null, Reason.MALFORMED_XML,
                    "expected root element RegisterDescription, found " + localName(root));
        }
        String ns = root.getNamespaceURI();
        if (ns != null && !GENAPI_NAMESPACES.contains(ns)) {
            throw new GenApiException(null, Reason.UNSUPPORTED, "unknown GenApi schema namespace " + ns
                    + " (supported: " + GENAPI_NAMESPACES + ")");
        }
        return convert(root, ns);
    }

    private static String localName(Node n) {
        return n.getLocalName() != null ? n.getLocalName() : n.getNodeName();
    }

    /**
     * Configured once: {@code newInstance()} runs a service lookup that costs more than parsing a
     * small document. Factories are not thread-safe, so builders are made under its lock.
     */
    private static final DocumentBuilderFactory FACTORY = secureFactory();

    private static DocumentBuilderFactory secureFactory() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setValidating(false);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            return f;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser lacks a required security feature", e);
        }
    }

    private static Document parse(byte[] xml) {
        try {
            DocumentBuilder b;
            synchronized (FACTORY) {
                b = FACTORY.newDocumentBuilder();
            }
            // The default handler prints to stderr; ours stays silent and lets the exception speak.
            b.setErrorHandler(new DefaultHandler() {
                @Override
                public void fatalError(SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            return b.parse(new ByteArrayInputStream(xml));
        } catch (SAXParseException e) {
            String msg = e.getMessage() == null ? "" : e.getMessage();
            // DOCTYPE/entities are refused on purpose; "JAXP000..." are the JDK's own resource limits.
            Reason reason = msg.contains("DOCTYPE") || msg.toLowerCase().contains("entit") || msg.contains("JAXP")
                    ? Reason.INSECURE_XML : Reason.MALFORMED_XML;
            throw new GenApiException(null, reason, "line " + e.getLineNumber() + ", column "
                    + e.getColumnNumber() + ": " + msg, e);
        } catch (SAXException | IOException e) {
            throw new GenApiException(null, Reason.MALFORMED_XML, String.valueOf(e.getMessage()), e);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser lacks a required security feature", e);
        }
    }

    /** Iterative conversion (explicit stack), so deep nesting cannot overflow the Java stack. */
    private XmlElement convert(Element root, String genapiNs) {
        record Frame(Element dom, int depth) {
        }
        int count = 0;
        ArrayDeque<Element> order = new ArrayDeque<>();
        // First pass: collect elements in pre-order, checking count and depth.
        ArrayDeque<Frame> work = new ArrayDeque<>();
        work.push(new Frame(root, 1));
        while (!work.isEmpty()) {
            Frame fr = work.pop();
            order.push(fr.dom);
            if (++count > limits.maxElements()) {
                throw new GenApiException(null, Reason.INSECURE_XML, "more than " + limits.maxElements() + " elements");
            }
            for (Node c = fr.dom.getFirstChild(); c != null; c = c.getNextSibling()) {
                if (c instanceof Element ce) {
                    if (fr.depth + 1 > limits.maxDepth()) {
                        throw new GenApiException(null, Reason.INSECURE_XML, "elements nested deeper than "
                                + limits.maxDepth() + " (at <" + localName(ce) + ">)");
                    }
                    work.push(new Frame(ce, fr.depth + 1));
                }
            }
        }
        // Second pass: reverse pre-order visits every child before its parent.
        Map<Element, XmlElement> built = new HashMap<>();
        while (!order.isEmpty()) {
            Element e = order.pop();
            List<XmlElement> kids = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
                if (c instanceof Element ce) {
                    kids.add(built.remove(ce));
                } else if (c.getNodeType() == Node.TEXT_NODE || c.getNodeType() == Node.CDATA_SECTION_NODE) {
                    text.append(c.getNodeValue());
                }
            }
            Map<String, String> attrs = new HashMap<>();
            NamedNodeMap am = e.getAttributes();
            for (int i = 0; i < am.getLength(); i++) {
                Node a = am.item(i);
                String an = localName(a);
                if (!"xmlns".equals(a.getPrefix()) && !"xmlns".equals(an)) {
                    attrs.put(an, a.getNodeValue());
                }
            }
            String ns = e.getNamespaceURI();
            String name = localName(e);
            if (ns != null && !ns.equals(genapiNs) && !GENAPI_NAMESPACES.contains(ns)) {
                name = "ns:" + name; // a vendor namespace: reported by the loader, never interpreted
            }
            built.put(e, new XmlElement(name, attrs, text.toString().strip(), kids));
        }
        return built.get(root);
    }
}
