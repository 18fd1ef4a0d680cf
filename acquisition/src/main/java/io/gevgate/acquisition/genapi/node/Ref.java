package io.gevgate.acquisition.genapi.node;

/** A reference from one node to another by name (pValue, pMin, pVariable...), resolved at link time. */
public final class Ref {

    private final String targetName;
    private final String role;
    private Node target;

    Ref(String targetName, String role) {
        this.targetName = targetName.strip();
        this.role = role;
    }

    public String targetName() {
        return targetName;
    }

    /** The XML tag that made the reference, e.g. {@code pValue}. */
    public String role() {
        return role;
    }

    /** The resolved node, or null while unresolved / dangling. */
    public Node target() {
        return target;
    }

    void resolve(Node node) {
        this.target = node;
    }

    @Override
    public String toString() {
        return role + "=" + targetName;
    }
}
