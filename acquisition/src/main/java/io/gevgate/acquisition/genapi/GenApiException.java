package io.gevgate.acquisition.genapi;

/**
 * Every failure of the GenApi engine: which node (or file location) and why.
 * The {@link Reason} lets callers react without parsing messages (a UI greys out a
 * NOT_AVAILABLE feature, a CLI maps XML problems to an "invalid input" exit status).
 */
public class GenApiException extends RuntimeException {

    /** Why an operation failed. */
    public enum Reason {
        /** The XML is not well-formed or violates the GenApi schema. */
        MALFORMED_XML,
        /** The XML tries something unsafe (DOCTYPE, entities) or exceeds a size limit. */
        INSECURE_XML,
        /** A construct the engine does not implement. */
        UNSUPPORTED,
        /** A reference names a node that does not exist. */
        DANGLING_REFERENCE,
        /** Evaluating a node needs its own value (directly or through other nodes). */
        CYCLE,
        /** A SwissKnife / Converter formula does not parse or cannot be evaluated. */
        BAD_FORMULA,
        /** No node of that name. */
        NO_SUCH_NODE,
        /** The node exists but is of another type than the accessor asked for. */
        TYPE_MISMATCH,
        /** pIsImplemented is false. */
        NOT_IMPLEMENTED,
        /** pIsAvailable is false (or an enum entry is not available). */
        NOT_AVAILABLE,
        /** pIsLocked is true (typically TLParamsLocked while streaming). */
        LOCKED,
        /** A write to a node that is read-only. */
        READ_ONLY,
        /** A read of a node that is write-only. */
        WRITE_ONLY,
        /** The value lies outside [Min, Max] or is not Min + k * Inc. */
        OUT_OF_RANGE,
        /** The value cannot be parsed or does not fit (bad enum symbol, string too long). */
        INVALID_VALUE,
        /** The port (device, chunk data, memory) failed the access. */
        PORT_ERROR
    }

    private final String node;
    private final Reason reason;

    public GenApiException(String node, Reason reason, String message) {
        super(format(node, reason, message));
        this.node = node;
        this.reason = reason;
    }

    public GenApiException(String node, Reason reason, String message, Throwable cause) {
        super(format(node, reason, message), cause);
        this.node = node;
        this.reason = reason;
    }

    private static String format(String node, Reason reason, String message) {
        return (node == null ? "" : node + ": ") + message + " [" + reason + "]";
    }

    /** The node the failure is about; {@code null} for failures of the whole document. */
    public String node() {
        return node;
    }

    public Reason reason() {
        return reason;
    }
}
