package io.gevgate.acquisition.gvsp.codec;

/**
 * A GVSP datagram does not follow the wire format. Names the field, its byte offset in the
 * datagram, what was expected and what arrived.
 */
public final class GvspFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String field;
    private final long offset;
    private final String expected;
    private final String actual;

    public GvspFormatException(String field, long offset, String expected, String actual) {
        super("malformed GVSP packet: " + field + " at byte " + offset + ": expected " + expected
                + ", got " + actual);
        this.field = field;
        this.offset = offset;
        this.expected = expected;
        this.actual = actual;
    }

    public String field() {
        return field;
    }

    public long offset() {
        return offset;
    }

    public String expected() {
        return expected;
    }

    public String actual() {
        return actual;
    }
}
