package io.gevgate.acquisition.gvcp;

/** No acknowledge arrived within timeout × tries: the device is unreachable or ignored the command. */
public final class GvcpTimeoutException extends GvcpException {
    public GvcpTimeoutException(int command, String detail, Throwable cause) {
        super(cause == null ? TIMEOUT : MALFORMED_ACK, command, detail, cause);
    }
}
