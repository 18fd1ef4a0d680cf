package io.gevgate.linux.verbs;

/**
 * No RDMA device can be used: libibverbs is missing, it lists no device, or the named device,
 * port or RoCEv2 GID does not exist. The message always starts with "no RDMA device" so that
 * callers (and users) can tell this apart from a failing device.
 */
public final class RdmaUnavailableException extends Exception {
    public RdmaUnavailableException(String reason) {
        super("no RDMA device: " + reason);
    }

    public RdmaUnavailableException(String reason, Throwable cause) {
        super("no RDMA device: " + reason, cause);
    }
}
