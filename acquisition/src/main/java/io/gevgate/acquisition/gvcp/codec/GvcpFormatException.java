package io.gevgate.acquisition.gvcp.codec;

/**
 * A GVCP packet that does not have the expected layout. Names the field, its byte offset in the
 * datagram, what was expected and what arrived, so a capture of the offending packet is not needed
 * to understand the error.
 */
public final class GvcpFormatException extends RuntimeException {
    private final String field;
    private final int offset;

    public GvcpFormatException(String field, int offset, String expected, String actual) {
        super("malformed GVCP packet: field '" + field + "' at offset " + offset
                + ": expected " + expected + ", got " + actual);
        this.field = field;
        this.offset = offset;
    }

    public String field() {
        return field;
    }

    public int offset() {
        return offset;
    }

    static GvcpFormatException truncated(String what, int offset, int needed, int available) {
        return new GvcpFormatException(what, offset, needed + " bytes", available + " bytes");
    }
}
