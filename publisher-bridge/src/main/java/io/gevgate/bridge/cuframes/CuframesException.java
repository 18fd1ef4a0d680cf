package io.gevgate.bridge.cuframes;

/** A cuframes failure carrying the protocol's error code. */
public class CuframesException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final CuframesError error;

    public CuframesException(CuframesError error, String message) {
        super(error.name() + " (" + error.code() + "): " + message);
        this.error = error;
    }

    public CuframesException(CuframesError error, String message, Throwable cause) {
        super(error.name() + " (" + error.code() + "): " + message, cause);
        this.error = error;
    }

    public CuframesError error() {
        return error;
    }

    public int code() {
        return error.code();
    }
}
