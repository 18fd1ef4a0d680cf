package io.gevgate.acquisition.gvcp;

import io.gevgate.acquisition.gvcp.codec.GvcpCodes;
import io.gevgate.acquisition.gvcp.codec.GvcpStatus;

/**
 * A GVCP command that did not succeed: carries the status (its wire code and name) and the command.
 * Statuses that never travel on the wire use negative codes: {@link #TIMEOUT}, {@link #MALFORMED_ACK},
 * {@link #IO_ERROR}.
 */
public class GvcpException extends RuntimeException {
    /** No acknowledge arrived after every try. */
    public static final int TIMEOUT = -1;
    /** Acknowledges arrived but none was well-formed. */
    public static final int MALFORMED_ACK = -2;
    /** The socket failed. */
    public static final int IO_ERROR = -3;

    private final int statusCode;
    private final String statusName;
    private final String command;

    public GvcpException(int statusCode, int command, String detail) {
        this(statusCode, command, detail, null);
    }

    public GvcpException(int statusCode, int command, String detail, Throwable cause) {
        super(message(statusCode, command, detail), cause);
        this.statusCode = statusCode;
        this.statusName = nameOf(statusCode);
        this.command = GvcpCodes.commandName(command);
    }

    private static String message(int statusCode, int command, String detail) {
        String code = statusCode >= 0 ? String.format(" (0x%04X)", statusCode) : "";
        return GvcpCodes.commandName(command) + " failed: " + nameOf(statusCode) + code
                + (detail == null || detail.isEmpty() ? "" : ": " + detail);
    }

    static String nameOf(int statusCode) {
        return switch (statusCode) {
            case TIMEOUT -> "TIMEOUT";
            case MALFORMED_ACK -> "MALFORMED_ACK";
            case IO_ERROR -> "IO_ERROR";
            default -> GvcpStatus.nameOf(statusCode);
        };
    }

    /** The wire status code, or a negative code for local failures. */
    public int statusCode() {
        return statusCode;
    }

    /** E.g. {@code ACCESS_DENIED}, {@code TIMEOUT}. */
    public String statusName() {
        return statusName;
    }

    /** The command that failed, e.g. {@code WRITEREG_CMD}. */
    public String command() {
        return command;
    }

    /** The wire status as an enum, or null for a local failure or an unknown code. */
    public GvcpStatus status() {
        return statusCode >= 0 ? GvcpStatus.fromCode(statusCode) : null;
    }
}
