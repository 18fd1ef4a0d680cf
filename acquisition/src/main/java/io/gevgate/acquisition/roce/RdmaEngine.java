package io.gevgate.acquisition.roce;

import java.util.Locale;

/** Which receiver takes an RDMA stream (the {@code RdmaEngine} parameter, {@code --rdma-engine}). */
public enum RdmaEngine {
    /** Pure-Java soft RoCE on a UDP socket: any NIC. */
    SOFT,
    /** libibverbs on an RDMA NIC: the NIC places the data (hardware-unverified). */
    VERBS,
    /** Verbs when an RDMA device is usable, else soft RoCE. */
    AUTO;

    /** {@code soft}, {@code verbs} or {@code auto} (any case). */
    public static RdmaEngine parse(String s) {
        for (RdmaEngine e : values()) {
            if (e.name().equalsIgnoreCase(s.strip())) {
                return e;
            }
        }
        throw new IllegalArgumentException("RDMA engine must be soft, verbs or auto, got '" + s + "'");
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
