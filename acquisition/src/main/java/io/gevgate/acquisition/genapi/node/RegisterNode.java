package io.gevgate.acquisition.genapi.node;

/** {@code <Register>}: a block of raw bytes. */
public final class RegisterNode extends RegisterBase {

    public RegisterNode(NodeDef d) {
        super(d);
    }
}
