package io.gevgate.acquisition.roce;

/** How an RDMA frame ended. Only {@link #COMPLETE} frames may be published as whole. */
public enum RoceFrameStatus {
    /** No PSN gap, every write in bounds, metadata agrees with what arrived (PSNs, bytes, CRC). */
    COMPLETE,
    /** PSN gap inside the frame: packets were lost (UC has no retransmission). */
    PACKETS_MISSING,
    /** Data for the next page arrived before this frame's write-with-immediate: completion lost. */
    COMPLETION_LOST,
    /** The metadata record disagrees with the packets that arrived, or is unreadable. */
    METADATA_MISMATCH,
    /** The device flagged an error in the metadata record. */
    DEVICE_ERROR,
    /** Some of the frame's writes were discarded (unknown rkey, out of bounds, page busy). */
    DAMAGED;

    public boolean isComplete() {
        return this == COMPLETE;
    }
}
