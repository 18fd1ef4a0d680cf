package io.gevgate.bridge.cli;

/** Exit statuses of the gevgate CLI (documented in README.md). */
public final class ExitCodes {
    /** Success. */
    public static final int OK = 0;
    /** The command failed (device error, I/O error, runtime error). */
    public static final int FAILURE = 1;
    /** Bad command line (picocli's own usage error status). */
    public static final int USAGE = 2;
    /** The input (a file, a container, an XML) is invalid. */
    public static final int INVALID_INPUT = 3;
    /** The device could not be reached or stopped answering. */
    public static final int DEVICE_UNREACHABLE = 4;

    private ExitCodes() {
    }
}
