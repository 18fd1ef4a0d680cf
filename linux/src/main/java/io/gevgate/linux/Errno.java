package io.gevgate.linux;

/** The errno values gevgate reacts to (x86-64/arm64 Linux numbering). */
public final class Errno {
    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int ESRCH = 3;
    public static final int EINTR = 4;
    public static final int EBADF = 9;
    public static final int EAGAIN = 11;
    public static final int EACCES = 13;
    public static final int EEXIST = 17;
    public static final int EINVAL = 22;
    public static final int EPIPE = 32;
    public static final int ECONNRESET = 104;
    public static final int ECONNREFUSED = 111;

    private Errno() {
    }

    /** A symbolic name for logs and exception messages. */
    public static String name(int errno) {
        return switch (errno) {
            case EPERM -> "EPERM";
            case ENOENT -> "ENOENT";
            case ESRCH -> "ESRCH";
            case EINTR -> "EINTR";
            case EBADF -> "EBADF";
            case EAGAIN -> "EAGAIN";
            case EACCES -> "EACCES";
            case EEXIST -> "EEXIST";
            case EINVAL -> "EINVAL";
            case EPIPE -> "EPIPE";
            case ECONNRESET -> "ECONNRESET";
            case ECONNREFUSED -> "ECONNREFUSED";
            default -> "errno" + errno;
        };
    }
}
