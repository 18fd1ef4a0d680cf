package io.gevgate.acquisition.camera;

import io.gevgate.acquisition.roce.RdmaEngine;

import java.util.Locale;
import java.util.Set;

/**
 * Host-side stream parameters set through {@link Camera#setParameter(String, String)} (the
 * CVB-style driver options, as opposed to device features): they change how gevgate receives,
 * not what the camera does. Thread-safe (read when a stream opens).
 */
public final class HostParameters {
    /** {@code 1}: stream over the RDMA profile when the device offers it (docs/rdma-profile.md). */
    public static final String USE_RDMA = "UseRdma";
    /** {@code soft}, {@code verbs} or {@code auto} (default). */
    public static final String RDMA_ENGINE = "RdmaEngine";
    /** Pages per flow region (frames in flight), default 8. */
    public static final String RDMA_PAGE_COUNT = "RdmaPageCount";
    /** RoCE path MTU: 256 .. 4096, default 1024 (fits a 1500-byte Ethernet MTU). */
    public static final String RDMA_PATH_MTU = "RdmaPathMtu";
    /** {@code 1} (default): incomplete RDMA frames are handed out with their status; {@code 0}: only counted. */
    public static final String RDMA_DELIVER_INCOMPLETE = "RdmaDeliverIncomplete";
    /**
     * Milliseconds without a packet after which an open RDMA frame closes incomplete (soft RoCE),
     * 1 .. 60000, default 200. Raise it where the sender can stall mid-frame without losing data
     * (a loaded host); UC has no retransmission, so waiting longer only delays the verdict.
     */
    public static final String RDMA_FRAME_TIMEOUT = "RdmaFrameTimeout";
    public static final Set<String> NAMES = Set.of(USE_RDMA, RDMA_ENGINE, RDMA_PAGE_COUNT, RDMA_PATH_MTU,
            RDMA_DELIVER_INCOMPLETE, RDMA_FRAME_TIMEOUT);

    private volatile boolean useRdma;
    private volatile RdmaEngine rdmaEngine = RdmaEngine.AUTO;
    private volatile int rdmaPageCount = 8;
    private volatile int rdmaPathMtu = 1024;
    private volatile boolean rdmaDeliverIncomplete = true;
    private volatile int rdmaFrameTimeoutMs = 200;

    /** True when {@code name} is a host parameter (else it is a device feature). */
    public static boolean isHostParameter(String name) {
        return NAMES.contains(name);
    }

    /** Sets one host parameter; throws {@link IllegalArgumentException} naming the expected values. */
    public void set(String name, String value) {
        String v = value == null ? "" : value.strip();
        switch (name) {
            case USE_RDMA -> useRdma = bool(name, v);
            case RDMA_ENGINE -> rdmaEngine = RdmaEngine.parse(v);
            case RDMA_PAGE_COUNT -> rdmaPageCount = integer(name, v, 1, 4096);
            case RDMA_PATH_MTU -> {
                int mtu = integer(name, v, 256, 4096);
                if (Integer.bitCount(mtu) != 1) {
                    throw new IllegalArgumentException(name + " must be 256, 512, 1024, 2048 or 4096, got " + v);
                }
                rdmaPathMtu = mtu;
            }
            case RDMA_DELIVER_INCOMPLETE -> rdmaDeliverIncomplete = bool(name, v);
            case RDMA_FRAME_TIMEOUT -> rdmaFrameTimeoutMs = integer(name, v, 1, 60_000);
            default -> throw new IllegalArgumentException("not a host parameter: " + name + " (known: " + NAMES + ")");
        }
    }

    /** The value as text, as {@link #set} takes it. */
    public String get(String name) {
        return switch (name) {
            case USE_RDMA -> useRdma ? "1" : "0";
            case RDMA_ENGINE -> rdmaEngine.label();
            case RDMA_PAGE_COUNT -> Integer.toString(rdmaPageCount);
            case RDMA_PATH_MTU -> Integer.toString(rdmaPathMtu);
            case RDMA_DELIVER_INCOMPLETE -> rdmaDeliverIncomplete ? "1" : "0";
            case RDMA_FRAME_TIMEOUT -> Integer.toString(rdmaFrameTimeoutMs);
            default -> throw new IllegalArgumentException("not a host parameter: " + name + " (known: " + NAMES + ")");
        };
    }

    private static boolean bool(String name, String v) {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "1", "true", "on" -> true;
            case "0", "false", "off" -> false;
            default -> throw new IllegalArgumentException(name + " must be 1 or 0, got '" + v + "'");
        };
    }

    private static int integer(String name, String v, int min, int max) {
        int n;
        try {
            n = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer " + min + ".." + max + ", got '" + v + "'", e);
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException(name + " must be " + min + ".." + max + ", got " + n);
        }
        return n;
    }

    public boolean useRdma() {
        return useRdma;
    }

    public RdmaEngine rdmaEngine() {
        return rdmaEngine;
    }

    public int rdmaPageCount() {
        return rdmaPageCount;
    }

    public int rdmaPathMtu() {
        return rdmaPathMtu;
    }

    public boolean rdmaDeliverIncomplete() {
        return rdmaDeliverIncomplete;
    }

    public java.time.Duration rdmaFrameTimeout() {
        return java.time.Duration.ofMillis(rdmaFrameTimeoutMs);
    }
}
