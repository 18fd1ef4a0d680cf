package io.gevgate.acquisition.genapi;

import io.gevgate.acquisition.genapi.GenApiException.Reason;
import io.gevgate.acquisition.genapi.expr.Num;
import io.gevgate.acquisition.genapi.node.AccessMode;
import io.gevgate.acquisition.genapi.node.BooleanFeature;
import io.gevgate.acquisition.genapi.node.CategoryNode;
import io.gevgate.acquisition.genapi.node.CommandNode;
import io.gevgate.acquisition.genapi.node.Diagnostic;
import io.gevgate.acquisition.genapi.node.EnumEntryNode;
import io.gevgate.acquisition.genapi.node.EnumerationNode;
import io.gevgate.acquisition.genapi.node.FloatFeature;
import io.gevgate.acquisition.genapi.node.IntegerFeature;
import io.gevgate.acquisition.genapi.node.Node;
import io.gevgate.acquisition.genapi.node.NodeContext;
import io.gevgate.acquisition.genapi.node.NodeFactory;
import io.gevgate.acquisition.genapi.node.PortNode;
import io.gevgate.acquisition.genapi.node.RegisterBase;
import io.gevgate.acquisition.genapi.node.RegisterFeature;
import io.gevgate.acquisition.genapi.node.Representation;
import io.gevgate.acquisition.genapi.node.StringFeature;
import io.gevgate.acquisition.genapi.node.Visibility;
import io.gevgate.acquisition.genapi.port.ChunkPort;
import io.gevgate.acquisition.genapi.port.Port;
import io.gevgate.acquisition.genapi.port.PortException;
import io.gevgate.acquisition.genapi.xml.LoadLimits;
import io.gevgate.acquisition.genapi.xml.SecureXmlReader;
import io.gevgate.acquisition.genapi.xml.XmlElement;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * A camera's GenICam XML loaded as a live node map over ports. Load, bind the device port
 * ({@link #bindDevicePort}), then use it through {@link Features} or node by node.
 * Thread-safe: every public method holds the map's lock (GenApi access is not a hot path).
 */
public final class NodeMap implements Features {

    /** How a load treats structural problems. */
    public enum Mode {
        /** The first dangling reference, cycle or bad formula fails the load. */
        STRICT,
        /** Problems are recorded as diagnostics; the affected nodes fail when evaluated. */
        LENIENT
    }

    private final NodeContext ctx;
    private final Map<String, String> documentInfo;

    private NodeMap(NodeContext ctx, Map<String, String> documentInfo) {
        this.ctx = ctx;
        this.documentInfo = documentInfo;
    }

    public static NodeMap load(byte[] xml) {
        return load(xml, Mode.STRICT, LoadLimits.DEFAULT);
    }

    public static NodeMap load(Path file, Mode mode, LoadLimits limits) throws IOException {
        long size = Files.size(file);
        if (size > limits.maxBytes()) {
            throw new GenApiException(null, Reason.INSECURE_XML, file + " has " + size + " bytes, the limit is " + limits.maxBytes());
        }
        return load(Files.readAllBytes(file), mode, limits);
    }

    public static NodeMap load(byte[] xml, Mode mode, LoadLimits limits) {
        XmlElement root = new SecureXmlReader(limits).read(xml);
        NodeContext ctx = new NodeContext(mode == Mode.STRICT);
        new NodeFactory(ctx, mode == Mode.STRICT).build(root);
        return new NodeMap(ctx, root.attributes());
    }

    // ---- document and nodes ----

    /** Attributes of RegisterDescription (VendorName, ModelName, SchemaMajorVersion...). */
    public Map<String, String> documentInfo() {
        return Map.copyOf(documentInfo);
    }

    public synchronized List<Diagnostic> diagnostics() {
        return List.copyOf(ctx.diagnostics());
    }

    public synchronized Node node(String name) {
        Node n = ctx.lookup(name);
        if (n == null) {
            throw new GenApiException(name, Reason.NO_SUCH_NODE, "no such node");
        }
        return n;
    }

    public synchronized List<Node> nodes() {
        return List.copyOf(ctx.nodes());
    }

    /** Node counts by XML type, sorted by type name. */
    public synchronized Map<String, Integer> countsByType() {
        Map<String, Integer> out = new TreeMap<>();
        for (Node n : ctx.nodes()) {
            out.merge(n.type(), 1, Integer::sum);
        }
        return out;
    }

    /** For tests: a fake clock for PollingTime. */
    public synchronized void setClock(LongSupplier millis) {
        ctx.setClock(millis);
    }

    // ---- ports ----

    public synchronized void bindPort(String portName, Port port) {
        if (!(node(portName) instanceof PortNode p)) {
            throw new GenApiException(portName, Reason.TYPE_MISMATCH, "not a Port node");
        }
        p.bind(port);
    }

    /** Binds every Port node without a ChunkID (the device's register space) to {@code port}. */
    public synchronized int bindDevicePort(Port port) {
        int n = 0;
        for (Node node : ctx.nodes()) {
            if (node instanceof PortNode p && p.chunkId() == null) {
                p.bind(port);
                n++;
            }
        }
        return n;
    }

    /**
     * Points every chunk port at the chunk of its ChunkID in a new frame's chunk payload
     * (unbinding ports whose chunk is absent) and forgets values cached from the previous frame.
     *
     * @return how many chunk ports found their chunk
     */
    public synchronized int attachChunkData(ByteBuffer chunkPayload, ByteOrder trailerOrder) {
        int found = 0;
        for (Node node : ctx.nodes()) {
            if (node instanceof PortNode p && p.chunkId() != null) {
                ChunkPort cp = ChunkPort.find(chunkPayload, trailerOrder, p.chunkId());
                p.bind(cp); // binding drops values cached from the previous frame
                if (cp != null) {
                    found++;
                }
            }
        }
        return found;
    }

    // ---- batched reads ----

    /**
     * Fetches the 4-byte registers behind {@code nodes} in as few port round trips as the ports
     * allow (GVCP READREG carries several addresses) and fills the caches, so that reading those
     * nodes afterwards costs no further round trip. Registers whose address or access cannot be
     * evaluated now are left to their own reads.
     *
     * @return the number of batched round trips made
     */
    public synchronized int prefetch(Collection<Node> nodes) {
        Map<PortNode, Map<Long, List<RegisterBase>>> wanted = new LinkedHashMap<>();
        for (Node n : nodes) {
            if (!(n instanceof RegisterBase r)
                    || (r.caching() == io.gevgate.acquisition.genapi.node.CachingMode.NO_CACHE && !ctx.snapshotActive())) {
                continue; // NoCache registers are batched only inside a read pass (withSnapshot)
            }
            PortNode p = r.portNode();
            if (p == null || p.boundPort() == null || p.boundPort().maxBatchRegisters() < 2) {
                continue;
            }
            try {
                if (r.length() != 4 || !r.accessMode().readable()) {
                    continue;
                }
                long a = r.address();
                if (!r.isCached(a)) {
                    wanted.computeIfAbsent(p, k -> new LinkedHashMap<>()).computeIfAbsent(a, k -> new ArrayList<>()).add(r);
                }
            } catch (GenApiException e) {
                // Not evaluable now (selector unavailable...): its own read reports the reason.
            }
        }
        int trips = 0;
        for (Map.Entry<PortNode, Map<Long, List<RegisterBase>>> e : wanted.entrySet()) {
            Port port = e.getKey().boundPort();
            List<Long> addresses = new ArrayList<>(e.getValue().keySet());
            int batch = port.maxBatchRegisters();
            for (int i = 0; i < addresses.size(); i += batch) {
                List<Long> part = addresses.subList(i, Math.min(addresses.size(), i + batch));
                long[] arr = part.stream().mapToLong(Long::longValue).toArray();
                byte[] data;
                try {
                    data = port.readRegisters(arr);
                    trips++;
                } catch (PortException ex) {
                    continue; // single reads will report the failing register precisely
                }
                if (data == null || data.length != arr.length * 4) {
                    continue;
                }
                for (int k = 0; k < arr.length; k++) {
                    byte[] one = java.util.Arrays.copyOfRange(data, k * 4, k * 4 + 4);
                    for (RegisterBase r : e.getValue().get(arr[k])) {
                        r.prefill(arr[k], one);
                    }
                }
            }
        }
        return trips;
    }

    // ---- whole-document evaluation ----

    /**
     * Evaluates every node once (after a batched prefetch): value nodes are read when readable,
     * otherwise their access state is recorded; commands report done/running; categories and
     * ports have no value. Used by {@code gevgate genicam check} and "read all" views.
     */
    public synchronized List<Evaluation> evaluateAll() {
        return withSnapshot(ctx.nodes(), this::evaluateEach);
    }

    /**
     * One read pass: prefetches the registers behind {@code nodes} in batches, NoCache registers
     * included, and runs {@code body}, whose reads are served from that batch. NoCache values fetched
     * this way live only until {@code body} returns, so the pass sees one consistent, fresh reading
     * of the device (what a "list every feature" view needs) without one round trip per register.
     */
    public synchronized <T> T withSnapshot(Collection<Node> nodes, java.util.function.Supplier<T> body) {
        boolean outer = !ctx.snapshotActive();
        ctx.snapshotActive(true);
        try {
            prefetch(nodes);
            return body.get();
        } finally {
            if (outer) {
                ctx.snapshotActive(false);
            }
        }
    }

    private List<Evaluation> evaluateEach() {
        List<Evaluation> out = new ArrayList<>();
        for (Node n : ctx.nodes()) {
            try {
                String value;
                if (n instanceof CategoryNode c) {
                    value = c.features().size() + " features";
                } else if (n instanceof PortNode p) {
                    value = p.chunkId() != null ? String.format("chunk 0x%X", p.chunkId())
                            : p.boundPort() != null ? "connected" : "not connected";
                } else {
                    AccessMode a = n.accessMode();
                    value = a.readable() ? get(n.name()) : "(" + switch (a) {
                        case WO -> "write-only";
                        case NA -> "not available";
                        case NI -> "not implemented";
                        default -> a.name();
                    } + ")";
                }
                out.add(new Evaluation(n.name(), n.type(), value, null));
            } catch (GenApiException e) {
                out.add(new Evaluation(n.name(), n.type(), null, e));
            }
        }
        return out;
    }

    // ---- Features ----

    @Override
    public synchronized Set<String> names() {
        return new LinkedHashSet<>(ctx.nodes().stream().map(Node::name).toList());
    }

    @Override
    public synchronized boolean has(String name) {
        return ctx.lookup(name) != null;
    }

    @Override
    public synchronized AccessMode accessMode(String name) {
        return node(name).accessMode();
    }

    @Override
    public synchronized FeatureInfo info(String name) {
        Node n = node(name);
        String unit = n instanceof IntegerFeature i ? i.unit() : n instanceof FloatFeature f ? f.unit() : null;
        Representation rep = n instanceof IntegerFeature i ? i.representation()
                : n instanceof FloatFeature f ? f.representation() : null;
        return new FeatureInfo(n.name(), kind(n), n.type(), n.displayName(), n.description(), n.toolTip(), unit,
                n.visibility(), n.accessMode(), rep, n.isDeprecated(), n.isStreamable(),
                n.selectedFeatures().stream().map(Node::name).toList(),
                n.selectingFeatures().stream().map(Node::name).toList());
    }

    /** The value kind a browser needs to pick an editor. */
    public static String kind(Node n) {
        if (n instanceof EnumerationNode) {
            return "ENUMERATION";
        }
        if (n instanceof CommandNode) {
            return "COMMAND";
        }
        if (n instanceof BooleanFeature) {
            return "BOOLEAN";
        }
        if (n instanceof IntegerFeature) {
            return "INTEGER";
        }
        if (n instanceof FloatFeature) {
            return "FLOAT";
        }
        if (n instanceof StringFeature) {
            return "STRING";
        }
        if (n instanceof RegisterFeature) {
            return "REGISTER";
        }
        if (n instanceof CategoryNode) {
            return "CATEGORY";
        }
        if (n instanceof PortNode) {
            return "PORT";
        }
        return "OTHER";
    }

    @Override
    public synchronized String get(String name) {
        Node n = node(name);
        if (n instanceof EnumerationNode e) {
            return e.getSymbol();
        }
        if (n instanceof BooleanFeature b) {
            return Boolean.toString(b.getValue());
        }
        if (n instanceof IntegerFeature i) {
            return ValueText.formatInteger(i.getValue(), i.representation());
        }
        if (n instanceof FloatFeature f) {
            return Double.toString(f.getValue());
        }
        if (n instanceof StringFeature s) {
            return s.getValue();
        }
        if (n instanceof EnumEntryNode entry) {
            return Long.toString(entry.number().asLong());
        }
        if (n instanceof RegisterFeature r) {
            return ValueText.hex(r.getBytes());
        }
        if (n instanceof CommandNode c) {
            return c.isDone() ? "done" : "running";
        }
        throw new GenApiException(name, Reason.TYPE_MISMATCH, "a " + n.type() + " has no value");
    }

    @Override
    public synchronized void set(String name, String value) {
        Node n = node(name);
        if (n instanceof EnumerationNode e) {
            e.setSymbol(value.strip());
        } else if (n instanceof BooleanFeature b) {
            b.setValue(ValueText.parseBoolean(name, value));
        } else if (n instanceof IntegerFeature i) {
            i.setValue(ValueText.parseInteger(name, value));
        } else if (n instanceof FloatFeature f) {
            f.setValue(ValueText.parseFloat(name, value));
        } else if (n instanceof StringFeature s) {
            s.setValue(value);
        } else if (n instanceof RegisterFeature r) {
            r.setBytes(ValueText.parseHex(name, value));
        } else {
            throw new GenApiException(name, Reason.TYPE_MISMATCH, "a " + n.type() + " cannot be set"
                    + (n instanceof CommandNode ? "; use execute" : ""));
        }
    }

    @Override
    public synchronized void execute(String name) {
        command(name).execute();
    }

    @Override
    public synchronized boolean isDone(String name) {
        return command(name).isDone();
    }

    private CommandNode command(String name) {
        if (node(name) instanceof CommandNode c) {
            return c;
        }
        throw mismatch(name, "a Command");
    }

    private GenApiException mismatch(String name, String expected) {
        return new GenApiException(name, Reason.TYPE_MISMATCH, "is a " + node(name).type() + ", not " + expected);
    }

    private IntegerFeature integer(String name) {
        if (node(name) instanceof IntegerFeature i) {
            return i;
        }
        throw mismatch(name, "an integer");
    }

    private FloatFeature floating(String name) {
        if (node(name) instanceof FloatFeature f) {
            return f;
        }
        throw mismatch(name, "a float");
    }

    @Override
    public synchronized long getInteger(String name) {
        Node n = node(name);
        if (n instanceof EnumerationNode || n instanceof BooleanFeature) {
            return n.number().asLong(); // GenApi lets integer access reach an enum's / boolean's raw value
        }
        return integer(name).getValue();
    }

    @Override
    public synchronized void setInteger(String name, long value) {
        Node n = node(name);
        if (n instanceof EnumerationNode) {
            n.setNumber(Num.of(value));
            return;
        }
        integer(name).setValue(value);
    }

    @Override
    public synchronized long integerMin(String name) {
        return integer(name).getMin();
    }

    @Override
    public synchronized long integerMax(String name) {
        return integer(name).getMax();
    }

    @Override
    public synchronized long integerInc(String name) {
        return integer(name).getInc();
    }

    @Override
    public synchronized double getFloat(String name) {
        Node n = node(name);
        if (n instanceof IntegerFeature i) {
            return i.getValue();
        }
        return floating(name).getValue();
    }

    @Override
    public synchronized void setFloat(String name, double value) {
        floating(name).setValue(value);
    }

    @Override
    public synchronized double floatMin(String name) {
        return floating(name).getMin();
    }

    @Override
    public synchronized double floatMax(String name) {
        return floating(name).getMax();
    }

    @Override
    public synchronized boolean getBoolean(String name) {
        if (node(name) instanceof BooleanFeature b) {
            return b.getValue();
        }
        throw mismatch(name, "a Boolean");
    }

    @Override
    public synchronized void setBoolean(String name, boolean value) {
        if (node(name) instanceof BooleanFeature b) {
            b.setValue(value);
            return;
        }
        throw mismatch(name, "a Boolean");
    }

    @Override
    public synchronized String getString(String name) {
        if (node(name) instanceof StringFeature s) {
            return s.getValue();
        }
        throw mismatch(name, "a string");
    }

    @Override
    public synchronized void setString(String name, String value) {
        if (node(name) instanceof StringFeature s) {
            s.setValue(value);
            return;
        }
        throw mismatch(name, "a string");
    }

    private EnumerationNode enumeration(String name) {
        if (node(name) instanceof EnumerationNode e) {
            return e;
        }
        throw mismatch(name, "an Enumeration");
    }

    @Override
    public synchronized String getEnum(String name) {
        return enumeration(name).getSymbol();
    }

    @Override
    public synchronized void setEnum(String name, String symbolic) {
        enumeration(name).setSymbol(symbolic);
    }

    @Override
    public synchronized List<String> enumEntries(String name) {
        return enumeration(name).availableEntries().stream().map(EnumEntryNode::symbolic).toList();
    }

    @Override
    public synchronized byte[] getRegister(String name) {
        if (node(name) instanceof RegisterFeature r) {
            return r.getBytes();
        }
        throw mismatch(name, "a register");
    }

    @Override
    public synchronized void setRegister(String name, byte[] bytes) {
        if (node(name) instanceof RegisterFeature r) {
            r.setBytes(bytes);
            return;
        }
        throw mismatch(name, "a register");
    }

    @Override
    public synchronized CategoryTree categoryTree(Visibility level) {
        Node root = ctx.lookup("Root");
        if (!(root instanceof CategoryNode rc)) {
            throw new GenApiException("Root", Reason.NO_SUCH_NODE, "the document has no Root category");
        }
        return tree(rc, level, new HashSet<>(), 0);
    }

    /** Categories may (wrongly) contain each other: each is expanded once and depth is bounded. */
    private CategoryTree tree(CategoryNode c, Visibility level, Set<Node> expanded, int depth) {
        expanded.add(c);
        List<String> features = new ArrayList<>();
        List<CategoryTree> subs = new ArrayList<>();
        for (Node f : c.features()) {
            if (!f.visibility().visibleAt(level) || !implemented(f)) {
                continue;
            }
            if (f instanceof CategoryNode sub) {
                if (!expanded.contains(sub) && depth < 32) {
                    subs.add(tree(sub, level, expanded, depth + 1));
                }
            } else {
                features.add(f.name());
            }
        }
        return new CategoryTree(c.name(), c.displayName(), features, subs);
    }

    private static boolean implemented(Node n) {
        try {
            return n.accessMode() != AccessMode.NI;
        } catch (GenApiException e) {
            return true; // shown, and its error is reported when it is read
        }
    }

    @Override
    public synchronized void invalidateAll() {
        ctx.invalidateAll();
    }
}
