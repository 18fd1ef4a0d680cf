package io.gevgate.acquisition.genapi.xml;

import java.util.List;
import java.util.Map;

/**
 * One element of a GenICam XML, detached from the DOM: local name (namespace already checked),
 * attributes, trimmed text content and child elements. Immutable.
 */
public record XmlElement(String name, Map<String, String> attributes, String text, List<XmlElement> children) {

    public XmlElement {
        attributes = Map.copyOf(attributes);
        children = List.copyOf(children);
    }

    public String attribute(String attributeName) {
        return attributes.get(attributeName);
    }

    /** The first child with that name, or {@code null}. */
    public XmlElement child(String childName) {
        for (XmlElement c : children) {
            if (c.name.equals(childName)) {
                return c;
            }
        }
        return null;
    }

    /** The text of the first child with that name, or {@code null}. */
    public String childText(String childName) {
        XmlElement c = child(childName);
        return c == null ? null : c.text;
    }

    public List<XmlElement> children(String childName) {
        return children.stream().filter(c -> c.name.equals(childName)).toList();
    }
}
