package io.gevgate.acquisition.genapi.node;

import io.gevgate.acquisition.genapi.GenApiException;
import io.gevgate.acquisition.genapi.GenApiException.Reason;
import io.gevgate.acquisition.genapi.xml.XmlElement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A node's XML element while its node is being built: typed getters that fail with the node's
 * name, and bookkeeping of which child tags were interpreted so that the loader can report
 * every tag the engine ignored ("unsupported construct").
 */
public final class NodeDef {

    private final XmlElement element;
    private final String name;
    private final Set<String> used = new HashSet<>();

    public NodeDef(XmlElement element, String name) {
        this.element = element;
        this.name = name;
    }

    public XmlElement element() {
        return element;
    }

    public String name() {
        return name;
    }

    public String type() {
        return element.name();
    }

    public String attribute(String a) {
        return element.attribute(a);
    }

    /** Text of the first child with that tag, or null. */
    public String text(String tag) {
        used.add(tag);
        return element.childText(tag);
    }

    public List<XmlElement> all(String tag) {
        used.add(tag);
        return element.children(tag);
    }

    public boolean has(String tag) {
        used.add(tag);
        return element.child(tag) != null;
    }

    /** Marks tags as deliberately ignored (documentation-only or not affecting values). */
    public void ignore(String... tags) {
        used.addAll(List.of(tags));
    }

    public Long integer(String tag) {
        String t = text(tag);
        return t == null ? null : parseInteger(t, tag);
    }

    public long integer(String tag, long dflt) {
        Long v = integer(tag);
        return v == null ? dflt : v;
    }

    public Double floating(String tag) {
        String t = text(tag);
        return t == null ? null : parseFloat(t, tag);
    }

    /** Children the node did not interpret, in document order, without duplicates. */
    public Set<String> unusedTags() {
        Set<String> out = new LinkedHashSet<>();
        for (XmlElement c : element.children()) {
            if (!used.contains(c.name())) {
                out.add(c.name());
            }
        }
        return out;
    }

    public GenApiException malformed(String message) {
        return new GenApiException(name, Reason.MALFORMED_XML, message);
    }

    /** Decimal or 0x-hexadecimal (up to 64 bits, so 0xFFFFFFFFFFFFFFFF is -1), optional sign. */
    public long parseInteger(String text, String tag) {
        String s = text.strip();
        try {
            boolean neg = s.startsWith("-");
            String body = neg || s.startsWith("+") ? s.substring(1) : s;
            long v;
            if (body.startsWith("0x") || body.startsWith("0X")) {
                String hex = body.substring(2);
                if (hex.isEmpty() || hex.length() > 16) {
                    throw new NumberFormatException();
                }
                v = Long.parseUnsignedLong(hex, 16);
            } else {
                v = Long.parseLong(body);
            }
            return neg ? -v : v;
        } catch (NumberFormatException e) {
            throw malformed("<" + tag + "> expects an integer, found \"" + abbreviate(s) + "\"");
        }
    }

    public double parseFloat(String text, String tag) {
        String s = text.strip();
        switch (s) {
            case "INF", "+INF", "inf" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-INF", "-inf" -> {
                return Double.NEGATIVE_INFINITY;
            }
            case "NaN" -> {
                return Double.NaN;
            }
            default -> {
                if (s.startsWith("0x") || s.startsWith("-0x")) {
                    return parseInteger(s, tag);
                }
                try {
                    return Double.parseDouble(s);
                } catch (NumberFormatException e) {
                    throw malformed("<" + tag + "> expects a number, found \"" + abbreviate(s) + "\"");
                }
            }
        }
    }

    static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    /** Texts of all children with that tag. */
    public List<String> texts(String tag) {
        List<String> out = new ArrayList<>();
        for (XmlElement c : all(tag)) {
            out.add(c.text());
        }
        return out;
    }
}
