package io.gevgate.simulator.registers;

import io.gevgate.acquisition.gvcp.codec.GvcpStatus;

/** A register access the device refuses; the status travels back in the acknowledge. */
public final class RegisterAccessException extends RuntimeException {
    private final GvcpStatus status;

    public RegisterAccessException(GvcpStatus status, String message) {
        super(status.name() + ": " + message, null, false, false);
        this.status = status;
    }

    public GvcpStatus status() {
        return status;
    }
}
