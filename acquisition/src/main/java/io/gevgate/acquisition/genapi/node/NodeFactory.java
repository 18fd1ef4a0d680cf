package io.gevgate.acquisition.genapi.node;

import io.gevgate.acquisition.genapi.GenApiException;
import io.gevgate.acquisition.genapi.GenApiException.Reason;
import io.gevgate.acquisition.genapi.xml.XmlElement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the nodes of a {@code RegisterDescription}: one class per node type; {@code Group}
 * is transparent; each {@code StructEntry} becomes a bit field of its StructReg; ConfRom
 * children become IntKey / TextDesc nodes; inline address formulas become anonymous
 * IntSwissKnife nodes. Anything not understood is reported, never silently dropped.
 */
public final class NodeFactory {

    /** Node types this engine builds. */
    public static final Set<String> NODE_TYPES = Set.of("Category", "Integer", "IntReg", "MaskedIntReg", "Float",
            "FloatReg", "Converter", "IntConverter", "SwissKnife", "IntSwissKnife", "Enumeration", "Command",
            "Boolean", "String", "StringReg", "Register", "StructReg", "Port", "ConfRom", "Group");

    private final NodeContext ctx;
    private final boolean strict;

    public NodeFactory(NodeContext ctx, boolean strict) {
        this.ctx = ctx;
        this.strict = strict;
    }

    /** Builds every node under the root, then links them. */
    public void build(XmlElement root) {
        checkSchemaVersion(root);
        ArrayDeque<XmlElement> work = new ArrayDeque<>(root.children()); // head = first in document order
        while (!work.isEmpty()) {
            XmlElement e = work.pop();
            if (e.name().equals("Group")) {
                // Groups only organize the file; their children are ordinary top-level nodes.
                for (XmlElement c : e.children().reversed()) {
                    if (!c.name().equals("Comment")) {
                        work.push(c);
                    }
                }
                continue;
            }
            try {
                buildOne(e);
            } catch (GenApiException ex) {
                if (strict) {
                    throw ex;
                }
                ctx.report(ex.node(), ex.reason(), ex.getMessage());
            }
        }
        ctx.link();
    }

    private void checkSchemaVersion(XmlElement root) {
        String major = root.attribute("SchemaMajorVersion");
        String minor = root.attribute("SchemaMinorVersion");
        if (major != null && !major.strip().equals("1")) {
            ctx.problem(null, Reason.UNSUPPORTED, "GenApi schema " + major + "." + minor + " (this engine reads 1.0 and 1.1)");
        } else if (minor != null && !minor.strip().equals("0") && !minor.strip().equals("1")) {
            ctx.report(null, Reason.UNSUPPORTED, "GenApi schema 1." + minor + " is newer than 1.1; unknown tags are reported");
        }
    }

    private void buildOne(XmlElement e) {
        String type = e.name();
        if (type.startsWith("ns:")) {
            ctx.report(e.attribute("Name"), Reason.UNSUPPORTED, "element <" + type.substring(3)
                    + "> of a vendor namespace is not interpreted");
            return;
        }
        if (!NODE_TYPES.contains(type)) {
            ctx.report(e.attribute("Name"), Reason.UNSUPPORTED, "unknown node type <" + type + ">");
            return;
        }
        if (type.equals("StructReg")) {
            buildStruct(e);
            return;
        }
        String name = requireName(e);
        NodeDef d = new NodeDef(e, name);
        Node n = switch (type) {
            case "Category" -> new CategoryNode(d);
            case "Integer" -> new IntegerNode(d);
            case "IntReg" -> new IntRegNode(d);
            case "MaskedIntReg" -> new MaskedIntRegNode(d);
            case "Float" -> new FloatNode(d);
            case "FloatReg" -> new FloatRegNode(d);
            case "Converter" -> new ConverterNode(d);
            case "IntConverter" -> new IntConverterNode(d);
            case "SwissKnife" -> new SwissKnifeNode(d);
            case "IntSwissKnife" -> new IntSwissKnifeNode(d);
            case "Enumeration" -> new EnumerationNode(d, buildEntries(e, name));
            case "Command" -> new CommandNode(d);
            case "Boolean" -> new BooleanNode(d);
            case "String" -> new StringNode(d);
            case "StringReg" -> new StringRegNode(d);
            case "Register" -> new RegisterNode(d);
            case "Port" -> new PortNode(d);
            case "ConfRom" -> buildConfRom(d, e, name);
            default -> throw new IllegalStateException(type);
        };
        add(n, d);
    }

    private void add(Node n, NodeDef d) {
        for (String tag : d.unusedTags()) {
            ctx.report(n.name(), Reason.UNSUPPORTED, "<" + (tag.startsWith("ns:") ? tag.substring(3) : tag)
                    + "> in " + n.type() + " is not interpreted");
        }
        ctx.add(n);
        if (n instanceof RegisterBase reg) {
            List<XmlElement> inline = reg.inlineAddressFormulas();
            for (int i = 0; i < inline.size(); i++) {
                NodeDef sd = new NodeDef(inline.get(i), reg.inlineAddressName(i));
                add(new IntSwissKnifeNode(sd), sd);
            }
        }
    }

    private String requireName(XmlElement e) {
        String name = e.attribute("Name");
        if (name == null || name.isBlank()) {
            throw new GenApiException(null, Reason.MALFORMED_XML, "<" + e.name() + "> without a Name attribute");
        }
        return name.strip();
    }

    private List<EnumEntryNode> buildEntries(XmlElement e, String enumName) {
        List<EnumEntryNode> entries = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (XmlElement c : e.children("EnumEntry")) {
            String entryName = requireName(c);
            NodeDef d = new NodeDef(c, "EnumEntry_" + enumName + "_" + entryName);
            EnumEntryNode entry = new EnumEntryNode(d, entryName);
            if (!seen.add(entry.symbolic())) {
                throw new GenApiException(enumName, Reason.MALFORMED_XML, "two entries named " + entry.symbolic());
            }
            add(entry, d);
            entries.add(entry);
        }
        return entries;
    }

    /** Every StructEntry is a MaskedIntReg built from the StructReg's tags plus its own (its own win). */
    private void buildStruct(XmlElement struct) {
        List<XmlElement> shared = struct.children().stream().filter(c -> !c.name().equals("StructEntry")).toList();
        for (XmlElement entry : struct.children("StructEntry")) {
            String name = requireName(entry);
            Set<String> own = new HashSet<>();
            for (XmlElement c : entry.children()) {
                own.add(c.name());
            }
            List<XmlElement> merged = new ArrayList<>();
            for (XmlElement c : shared) {
                if (!own.contains(c.name())) {
                    merged.add(c);
                }
            }
            merged.addAll(entry.children());
            XmlElement synthetic = new XmlElement("StructEntry", Map.of("Name", name,
                    "NameSpace", entry.attributes().getOrDefault("NameSpace", "Custom")), "", merged);
            NodeDef d = new NodeDef(synthetic, name);
            try {
                add(new MaskedIntRegNode(d), d);
            } catch (GenApiException ex) {
                if (strict) {
                    throw ex;
                }
                ctx.report(ex.node(), ex.reason(), ex.getMessage());
            }
        }
    }

    private Node buildConfRom(NodeDef d, XmlElement e, String name) {
        ConfRomNode rom = new ConfRomNode(d);
        for (XmlElement c : e.children()) {
            if (c.name().equals("IntKey") || c.name().equals("TextDesc")) {
                String childName = requireName(c);
                NodeDef cd = new NodeDef(c, childName);
                add(c.name().equals("IntKey") ? new IntKeyNode(cd, name) : new TextDescNode(cd, name), cd);
            }
        }
        return rom;
    }
}
