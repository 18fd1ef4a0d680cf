package io.gevgate.acquisition.genapi.node;

/** A node with a text value: String, StringReg, TextDesc. */
public interface StringFeature {

    String name();

    String getValue();

    void setValue(String value);

    /** Longest value in bytes that fits, or -1 when unbounded. */
    long maxLength();
}
