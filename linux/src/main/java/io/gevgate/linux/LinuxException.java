package io.gevgate.linux;

/** A failed libc call: names the function and carries the errno it set. */
public final class LinuxException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String function;
    private final int errno;

    public LinuxException(String function, int errno, String detail) {
        super(function + " failed: " + Errno.name(errno) + " (errno " + errno + ")"
                + (detail == null || detail.isEmpty() ? "" : ": " + detail));
        this.function = function;
        this.errno = errno;
    }

    /** The libc function that failed, e.g. {@code "shm_open"}. */
    public String function() {
        return function;
    }

    /** The errno value the call left. */
    public int errno() {
        return errno;
    }
}
