package io.gevgate.bridge.convert;

/**
 * A frame, buffer or layout the converter cannot handle. The message always names what was
 * expected and what was found (sizes in bytes, pitches, the offending PFNC code), because the
 * caller usually has only this line to diagnose a misconfigured camera or ring slot.
 */
public final class ConversionException extends RuntimeException {

    public ConversionException(String message) {
        super(message);
    }

    public ConversionException(String message, Throwable cause) {
        super(message, cause);
    }
}
