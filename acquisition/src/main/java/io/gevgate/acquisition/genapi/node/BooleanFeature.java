package io.gevgate.acquisition.genapi.node;

/** A node with an on/off value: Boolean. */
public interface BooleanFeature {

    String name();

    boolean getValue();

    void setValue(boolean value);
}
