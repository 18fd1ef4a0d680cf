package io.gevgate.linux;

/** Whether a pid names a live process ({@code kill(pid, 0)}). */
public final class ProcessLiveness {
    private ProcessLiveness() {
    }

    /**
     * True if {@code pid} exists: {@code kill(pid, 0)} succeeds, or fails with EPERM (it exists
     * but belongs to someone else). Pids outside 1..2^31-1 are never alive.
     */
    public static boolean isAlive(long pid) {
        if (pid <= 0 || pid > Integer.MAX_VALUE) {
            return false;
        }
        if (Libc.kill((int) pid, 0) == 0) {
            return true;
        }
        return Libc.lastErrno() == Errno.EPERM;
    }

    /** This process's pid. */
    public static int currentPid() {
        return Libc.getpid();
    }
}
