package io.gevgate.bridge.gateway;

/** A gateway set-up or run failure with the reason in words (e.g. a format cuframes cannot carry). */
public final class GatewayException extends RuntimeException {
    public GatewayException(String message) {
        super(message);
    }

    public GatewayException(String message, Throwable cause) {
        super(message, cause);
    }
}
