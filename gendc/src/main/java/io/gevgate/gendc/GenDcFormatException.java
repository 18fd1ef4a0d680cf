package io.gevgate.gendc;

/**
 * A GenDC descriptor, flow mapping table or container buffer does not follow GenDC 1.1.
 *
 * <p>Names where it went wrong ({@link #offset()}: byte offset from the start of the descriptor,
 * flow table or flow that was being read; {@link #field()}: the GenDC field, e.g.
 * {@code Component[1].Part[0].DataOffset}), what was {@link #expected()} and what was {@link #found()}.
 * Checked so that callers parsing outside input must decide what to do with a bad container.
 */
public final class GenDcFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    private final long offset;
    private final String field;
    private final String expected;
    private final String found;

    public GenDcFormatException(long offset, String field, String expected, String found) {
        super("invalid GenDC at offset " + offset + " (0x" + Long.toHexString(offset) + "), field " + field
                + ": expected " + expected + ", found " + found);
        this.offset = offset;
        this.field = field;
        this.expected = expected;
        this.found = found;
    }

    /** Byte offset of the offending field, from the start of the structure being read. */
    public long offset() {
        return offset;
    }

    /** The GenDC field name, with component/part indices where they apply. */
    public String field() {
        return field;
    }

    /** What the field should have held. */
    public String expected() {
        return expected;
    }

    /** What it held (unsigned values are printed unsigned). */
    public String found() {
        return found;
    }
}
