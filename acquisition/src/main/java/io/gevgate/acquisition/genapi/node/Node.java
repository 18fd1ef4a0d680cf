package io.gevgate.acquisition.genapi.node;

import io.gevgate.acquisition.genapi.GenApiException;
import io.gevgate.acquisition.genapi.GenApiException.Reason;
import io.gevgate.acquisition.genapi.expr.Num;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * A node of the GenICam node map. Holds what every node type shares (names, documentation,
 * visibility, availability gates, invalidators, selectors) and the evaluation protocol:
 * {@link #number()} / {@link #setNumber(Num)} for values flowing between nodes, guarded against
 * reference cycles; {@link #accessMode()} combining pIsImplemented, pIsAvailable, the node's own
 * access, ImposedAccessMode and pIsLocked.
 */
public abstract class Node {

    private final String name;
    private final String type;
    private final String nameSpace;
    private final String displayName;
    private final String description;
    private final String toolTip;
    private final Visibility visibility;
    private final boolean deprecated;
    private final boolean streamable;
    private final AccessMode imposedAccess;
    private final String eventId;
    private final Ref isImplemented;
    private final Ref isAvailable;
    private final Ref isLocked;
    private final Ref alias;
    private final Ref castAlias;
    private final List<Ref> invalidators = new ArrayList<>();
    private final List<Ref> selected = new ArrayList<>();
    private final List<Ref> refs = new ArrayList<>();
    private final List<Node> selectingNodes = new ArrayList<>();

    /** Guard bits of evaluations in progress on this node (see NodeContext.enter). */
    int busy;
    protected NodeContext ctx;

    protected Node(NodeDef d) {
        this.name = d.name();
        this.type = d.type();
        this.nameSpace = d.attribute("NameSpace");
        d.ignore("Extension", "Comment", "ToolTip", "Description", "DisplayName", "DocuURL");
        this.displayName = d.text("DisplayName");
        this.description = d.text("Description");
        this.toolTip = d.text("ToolTip");
        this.visibility = parseOr(d, "Visibility", Visibility::parse, Visibility.BEGINNER);
        this.deprecated = yes(d.text("IsDeprecated"));
        this.streamable = yes(d.text("Streamable"));
        this.imposedAccess = parseOr(d, "ImposedAccessMode", AccessMode::parse, null);
        this.eventId = d.text("EventID");
        this.isImplemented = optionalRef(d, "pIsImplemented");
        this.isAvailable = optionalRef(d, "pIsAvailable");
        this.isLocked = optionalRef(d, "pIsLocked");
        this.alias = optionalRef(d, "pAlias");
        this.castAlias = optionalRef(d, "pCastAlias");
        for (String t : d.texts("pInvalidator")) {
            invalidators.add(ref(t, "pInvalidator"));
        }
        for (String t : d.texts("pSelected")) {
            selected.add(ref(t, "pSelected"));
        }
    }

    static boolean yes(String s) {
        return s != null && (s.strip().equalsIgnoreCase("Yes") || s.strip().equalsIgnoreCase("true") || s.strip().equals("1"));
    }

    static <T> T parseOr(NodeDef d, String tag, java.util.function.Function<String, T> parser, T dflt) {
        String t = d.text(tag);
        if (t == null) {
            return dflt;
        }
        try {
            return parser.apply(t);
        } catch (IllegalArgumentException e) {
            throw d.malformed("<" + tag + "> has unknown value \"" + NodeDef.abbreviate(t) + "\"");
        }
    }

    /** Declares a reference; it is resolved by {@link #link}. */
    protected final Ref ref(String target, String role) {
        Ref r = new Ref(target, role);
        refs.add(r);
        return r;
    }

    protected final Ref optionalRef(NodeDef d, String tag) {
        String t = d.text(tag);
        return t == null ? null : ref(t, tag);
    }

    void link(NodeContext context) {
        this.ctx = context;
        for (Ref r : refs) {
            context.resolve(this, r);
        }
        for (Ref r : selected) {
            if (r.target() != null) {
                r.target().selectingNodes.add(this);
            }
        }
    }

    // ---- identity and documentation ----

    public final String name() {
        return name;
    }

    /** The XML element name: Integer, IntReg, Enumeration... */
    public final String type() {
        return type;
    }

    public final String nameSpace() {
        return nameSpace;
    }

    public final String displayName() {
        return displayName != null ? displayName : name;
    }

    public final String description() {
        return description;
    }

    public final String toolTip() {
        return toolTip;
    }

    public final Visibility visibility() {
        return visibility;
    }

    public final boolean isDeprecated() {
        return deprecated;
    }

    public final boolean isStreamable() {
        return streamable;
    }

    public final String eventId() {
        return eventId;
    }

    public final List<Ref> invalidators() {
        return Collections.unmodifiableList(invalidators);
    }

    /** For a selector: the features whose value depends on it. */
    public final List<Node> selectedFeatures() {
        return targets(selected);
    }

    /** The selectors of this feature (nodes that list it in pSelected). */
    public final List<Node> selectingFeatures() {
        return List.copyOf(selectingNodes);
    }

    public final boolean isSelector() {
        return !selected.isEmpty();
    }

    /** {@code pAlias}: the node that presents the same value in another form (browsing hint), or null. */
    public final Node alias() {
        return alias == null ? null : alias.target();
    }

    /** {@code pCastAlias}: the node to use when this one is accessed as another interface type, or null. */
    public final Node castAlias() {
        return castAlias == null ? null : castAlias.target();
    }

    public final List<Ref> references() {
        return Collections.unmodifiableList(refs);
    }

    protected static List<Node> targets(List<Ref> rs) {
        List<Node> out = new ArrayList<>();
        for (Ref r : rs) {
            if (r.target() != null) {
                out.add(r.target());
            }
        }
        return out;
    }

    /**
     * Nodes every value read of this node follows; used for the load-time cycle check.
     * Default: none.
     */
    protected List<Node> valueDependencies() {
        return List.of();
    }

    // ---- access ----

    /** The effective access mode right now (it may depend on other nodes' values). */
    public final AccessMode accessMode() {
        ctx.enter(this, NodeContext.OP_ACCESS);
        try {
            if (isImplemented != null && !flag(isImplemented)) {
                return AccessMode.NI;
            }
            if (isAvailable != null && !flag(isAvailable)) {
                return AccessMode.NA;
            }
            AccessMode a = baseAccess().restrictTo(imposedAccess);
            if (a.writable() && isLocked()) {
                a = a == AccessMode.RW ? AccessMode.RO : AccessMode.NA;
            }
            return a;
        } finally {
            ctx.exit(this, NodeContext.OP_ACCESS);
        }
    }

    private boolean isLocked() {
        return isLocked != null && flag(isLocked);
    }

    /** The access the node's own definition gives (before gates, imposed mode and locks). */
    protected AccessMode baseAccess() {
        return AccessMode.RO;
    }

    protected final void checkReadable() {
        AccessMode a = accessMode();
        switch (a) {
            case NI -> throw error(Reason.NOT_IMPLEMENTED, "not implemented (pIsImplemented is false)");
            case NA -> throw error(Reason.NOT_AVAILABLE, "not available (pIsAvailable is false)");
            case WO -> throw error(Reason.WRITE_ONLY, "write-only");
            default -> {
            }
        }
    }

    protected final void checkWritable() {
        AccessMode a = accessMode();
        switch (a) {
            case NI -> throw error(Reason.NOT_IMPLEMENTED, "not implemented (pIsImplemented is false)");
            case NA -> throw error(Reason.NOT_AVAILABLE, "not available (pIsAvailable is false)");
            case RO -> {
                if (isLocked != null && baseAccess().writable() && isLocked()) {
                    throw error(Reason.LOCKED, "locked by " + isLocked.targetName()
                            + " (e.g. TLParamsLocked while streaming)");
                }
                throw error(Reason.READ_ONLY, "read-only");
            }
            default -> {
            }
        }
    }

    // ---- values ----

    /** Reads the value as a number (the form values take between nodes). */
    public final Num number() {
        ctx.enter(this, NodeContext.OP_VALUE);
        try {
            checkReadable();
            return readNumber();
        } finally {
            ctx.exit(this, NodeContext.OP_VALUE);
        }
    }

    /** Writes a number (range-checked by the node), then runs invalidations. */
    public final void setNumber(Num value) {
        ctx.enter(this, NodeContext.OP_WRITE);
        try {
            checkWritable();
            writeNumber(value);
        } finally {
            ctx.exit(this, NodeContext.OP_WRITE);
        }
        ctx.written(this);
    }

    protected Num readNumber() {
        throw error(Reason.TYPE_MISMATCH, type + " has no numeric value");
    }

    protected void writeNumber(Num value) {
        throw error(Reason.TYPE_MISMATCH, type + " has no numeric value");
    }

    /**
     * A property of a referenced node, for formula variables written {@code Name.Min}: Value, Min,
     * Max or Inc.
     */
    final Num property(Ref r, String property) {
        Node t = target(r);
        Num out = switch (property) {
            case "Value" -> t.number();
            case "Min" -> t.minimum();
            case "Max" -> t.maximum();
            case "Inc" -> t instanceof IntegerFeature i ? Num.of(i.getInc())
                    : t instanceof FloatFeature f && !Double.isNaN(f.getInc()) ? Num.of(f.getInc()) : null;
            default -> throw error(Reason.UNSUPPORTED, "property ." + property + " of " + t.name());
        };
        if (out == null) {
            throw error(Reason.INVALID_VALUE, t.type() + " " + t.name() + " has no " + property);
        }
        return out;
    }

    /** Smallest value, or null when unbounded / not numeric. */
    public Num minimum() {
        return null;
    }

    /** Largest value, or null when unbounded / not numeric. */
    public Num maximum() {
        return null;
    }

    /** Forgets cached state, and that of the nodes this value is computed from. */
    void invalidate(Set<Node> seen) {
        if (seen.add(this)) {
            for (Node n : valueDependencies()) {
                n.invalidate(seen);
            }
        }
    }

    // ---- helpers for subclasses ----

    /** Reads a referenced node's value, naming the reference when it dangles. */
    protected final Num num(Ref r) {
        Node t = r.target();
        if (t == null) {
            throw error(Reason.DANGLING_REFERENCE, r.role() + " names missing node " + r.targetName());
        }
        return t.number();
    }

    /** A gate's truth: a Boolean node by its OnValue (not by its raw value being non-zero). */
    protected final boolean flag(Ref r) {
        if (target(r) instanceof BooleanNode b) {
            return b.getValue();
        }
        return num(r).isTrue();
    }

    protected final Node target(Ref r) {
        Node t = r.target();
        if (t == null) {
            throw error(Reason.DANGLING_REFERENCE, r.role() + " names missing node " + r.targetName());
        }
        return t;
    }

    protected final GenApiException error(Reason reason, String message) {
        return new GenApiException(name, reason, message);
    }

    /**
     * A range bound: the pointer if given, else the constant, else the fallback (evaluated only
     * when needed, e.g. the pValue node's own bound).
     */
    protected final Num bound(Ref pointer, Num constant, java.util.function.Supplier<Num> fallback) {
        ctx.enter(this, NodeContext.OP_RANGE);
        try {
            return pointer != null ? num(pointer) : constant != null ? constant : fallback.get();
        } finally {
            ctx.exit(this, NodeContext.OP_RANGE);
        }
    }

    /**
     * Min or Max of a value feature (Integer, Float): the pointer, else the constant, else the
     * same bound of the node its value comes from (pValue), else null.
     */
    final Num sourcedBound(Ref pointer, Num constant, ValueSource source, boolean upper) {
        Node t = source.target();
        return bound(pointer, constant, () -> t == null ? null : upper ? t.maximum() : t.minimum());
    }

    /** Writes an already range-checked value through its source, then to every pValueCopy target. */
    final void writeWithCopies(ValueSource source, List<Ref> valueCopies, Num value) {
        source.write(this, value);
        for (Ref r : valueCopies) {
            target(r).setNumber(value);
        }
    }

    @Override
    public String toString() {
        return type + " " + name;
    }
}
