package io.gevgate.acquisition.genapi.node;

/** A node whose value is a block of device bytes: Register, ConfRom (and every register node). */
public interface RegisterFeature {

    String name();

    /** The effective address (it may depend on selectors through pIndex / pAddress). */
    long address();

    int length();

    byte[] getBytes();

    void setBytes(byte[] bytes);
}
