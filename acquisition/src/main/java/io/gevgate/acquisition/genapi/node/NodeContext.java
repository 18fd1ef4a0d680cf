package io.gevgate.acquisition.genapi.node;

import io.gevgate.acquisition.genapi.GenApiException;
import io.gevgate.acquisition.genapi.GenApiException.Reason;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * What nodes share: the name table, the evaluation guard (cycles, depth), the clock for
 * polling, and write bookkeeping (pInvalidator, aliasing registers). Not thread-safe; the
 * NodeMap serializes access.
 */
public final class NodeContext {

    /** Longest chain of nested evaluations before the engine gives up (deep but acyclic XML). */
    public static final int MAX_EVALUATION_DEPTH = 256;

    static final int OP_VALUE = 1;
    static final int OP_WRITE = 2;
    static final int OP_ACCESS = 4;
    static final int OP_RANGE = 8;

    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final Map<Node, List<Node>> invalidatedBy = new HashMap<>();
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private final ArrayList<Node> evaluationStack = new ArrayList<>();
    private final boolean strict;
    private LongSupplier clock = System::currentTimeMillis;
    /** While true, batched reads of NoCache registers are kept in each port's snapshot (see NodeMap.withSnapshot). */
    private boolean snapshotActive;

    public NodeContext(boolean strict) {
        this.strict = strict;
    }

    public void add(Node node) {
        Node previous = nodes.putIfAbsent(node.name(), node);
        if (previous != null) {
            report(node.name(), Reason.MALFORMED_XML, "duplicate node name (first a " + previous.type()
                    + ", again a " + node.type() + "); the first one is kept");
        }
    }

    public Node lookup(String name) {
        return nodes.get(name);
    }

    public Collection<Node> nodes() {
        return nodes.values();
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    /** A load problem: thrown in strict mode for structural errors, recorded otherwise. */
    public void problem(String node, Reason reason, String message) {
        if (strict) {
            throw new GenApiException(node, reason, message);
        }
        report(node, reason, message);
    }

    /** A problem that never stops a load (an ignored tag, an unknown node type). */
    public void report(String node, Reason reason, String message) {
        diagnostics.add(new Diagnostic(node, reason, Diagnostic.Severity.ERROR, message));
    }

    /** Lost information that affects no value (a category entry naming a missing node). */
    public void warn(String node, Reason reason, String message) {
        diagnostics.add(new Diagnostic(node, reason, Diagnostic.Severity.WARNING, message));
    }

    public void setClock(LongSupplier millis) {
        this.clock = millis;
    }

    public boolean snapshotActive() {
        return snapshotActive;
    }

    /** Starts or ends a read pass; ending it drops every port's snapshot. */
    public void snapshotActive(boolean active) {
        snapshotActive = active;
        if (!active) {
            for (Node n : nodes()) {
                if (n instanceof PortNode p) {
                    p.snapshot().clear();
                }
            }
        }
    }

    long nowMillis() {
        return clock.getAsLong();
    }

    /** Resolves every reference and builds the reverse tables; call once after all nodes are added. */
    public void link() {
        for (Node n : List.copyOf(nodes.values())) {
            n.link(this);
        }
        for (Node n : nodes.values()) {
            for (Ref r : n.invalidators()) {
                if (r.target() != null) {
                    invalidatedBy.computeIfAbsent(r.target(), k -> new ArrayList<>()).add(n);
                }
            }
        }
        new CycleCheck(this).run();
    }

    void resolve(Node from, Ref ref) {
        Node target = nodes.get(ref.targetName());
        if (target == null) {
            if (ref.role().equals("pFeature") || ref.role().equals("pSelected") || ref.role().equals("pInvalidator")) {
                // Browsing and cache hints: a missing target loses information, never a value.
                warn(from.name(), Reason.DANGLING_REFERENCE, ref.role() + " names missing node " + ref.targetName());
            } else {
                problem(from.name(), Reason.DANGLING_REFERENCE, ref.role() + " names missing node " + ref.targetName());
            }
            return;
        }
        ref.resolve(target);
    }

    void enter(Node node, int op) {
        if ((node.busy & op) != 0) {
            StringBuilder path = new StringBuilder();
            int from = evaluationStack.lastIndexOf(node);
            for (int i = Math.max(0, from); i < evaluationStack.size(); i++) {
                path.append(evaluationStack.get(i).name()).append(" -> ");
            }
            path.append(node.name());
            throw new GenApiException(node.name(), Reason.CYCLE, "reference cycle: " + path);
        }
        if (evaluationStack.size() >= MAX_EVALUATION_DEPTH) {
            throw new GenApiException(node.name(), Reason.UNSUPPORTED,
                    "evaluation nested deeper than " + MAX_EVALUATION_DEPTH + " nodes");
        }
        node.busy |= op;
        evaluationStack.add(node);
    }

    void exit(Node node, int op) {
        node.busy &= ~op;
        evaluationStack.removeLast();
    }

    /**
     * After a successful write of {@code node}: drop cached values of the nodes that name it in
     * pInvalidator.
     */
    void written(Node node) {
        List<Node> targets = invalidatedBy.get(node);
        if (targets != null) {
            Set<Node> seen = new HashSet<>();
            for (Node t : targets) {
                t.invalidate(seen);
            }
        }
    }

    /** Drops every cached register value (after reconnecting, or on user request). */
    public void invalidateAll() {
        for (Node n : nodes.values()) {
            if (n instanceof PortNode p) {
                p.clearCache();
            }
        }
    }
}
