package io.gevgate.linux.net;

import java.io.IOException;

/**
 * A libc socket call failed. Carries the call name and errno so callers can react to a specific
 * condition (for example EAGAIN after a receive timeout is not an error and never reaches here).
 */
public final class NativeSocketException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String call;
    private final int errno;

    public NativeSocketException(String call, int errno, String detail) {
        super(call + " failed: errno " + errno + " (" + LibcNet.strerror(errno) + ")"
                + (detail == null || detail.isEmpty() ? "" : " — " + detail));
        this.call = call;
        this.errno = errno;
    }

    /** The libc function that failed, e.g. {@code "bind"}. */
    public String call() {
        return call;
    }

    /** The errno value the call left behind. */
    public int errno() {
        return errno;
    }
}
