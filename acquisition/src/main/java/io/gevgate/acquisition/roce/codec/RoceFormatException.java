package io.gevgate.acquisition.roce.codec;

/**
 * A RoCEv2 datagram that breaks the wire format: names the reason, the field, its byte offset in
 * the UDP payload, what was expected and what arrived. Thrown without a stack trace: a receiver
 * catches it per bad packet and only counts it.
 */
public final class RoceFormatException extends Exception {
    private final RoceError error;
    private final String field;
    private final long offset;

    public RoceFormatException(RoceError error, String field, long offset, String expected, String found) {
        super(error + ": " + field + " at offset " + offset + ": expected " + expected + ", found " + found,
                null, false, false);
        this.error = error;
        this.field = field;
        this.offset = offset;
    }

    public RoceError error() {
        return error;
    }

    public String field() {
        return field;
    }

    public long offset() {
        return offset;
    }
}
