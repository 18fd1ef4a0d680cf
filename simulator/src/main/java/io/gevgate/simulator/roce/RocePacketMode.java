package io.gevgate.simulator.roce;

/** How the emitter cuts each flow into RDMA WRITE packets. */
public enum RocePacketMode {
    /**
     * Every packet is its own RDMA WRITE ONLY with a RETH (the Holoscan Sensor Bridge way): a lost
     * packet loses only its own bytes, the rest still land at their addresses.
     */
    WRITE_ONLY_PER_PACKET,
    /** One RDMA WRITE message per flow: FIRST (RETH), MIDDLE..., LAST (ONLY when it fits one MTU). */
    MESSAGE_PER_FLOW
}
