package io.gevgate.acquisition.roce;

/** Every event the RoCE receivers count: one counter per drop or error reason. */
public enum RoceCounter {
    PACKETS_RECEIVED("datagrams taken from the socket"),
    BYTES_RECEIVED("datagram bytes taken from the socket"),
    PAYLOAD_BYTES_PLACED("payload bytes written into registered pages"),
    TRUNCATED("dropped: datagram shorter than its headers"),
    UNSUPPORTED_OPCODE("dropped: BTH opcode is not a UC RDMA WRITE"),
    BAD_TRANSPORT_VERSION("dropped: BTH TVer is not 0"),
    BAD_PKEY("dropped: P_Key is not 0xFFFF"),
    WRONG_QP("dropped: destination QP is not ours"),
    BAD_PAD("dropped: pad count exceeds the payload"),
    BAD_LENGTH("dropped: payload length contradicts opcode, DMA length or MTU"),
    BAD_ICRC("dropped: invariant CRC mismatch"),
    PSN_GAPS("PSN jumps forward (packets lost)"),
    PACKETS_MISSING("packets lost, summed over PSN gaps"),
    LATE_PACKETS("dropped: PSN behind the expected one (duplicate or reordered; UC never goes back)"),
    UNKNOWN_RKEY("dropped: RETH rkey names no registered flow"),
    OUT_OF_BOUNDS("dropped: write would leave its registered page"),
    ORPHAN_CONTINUATION("dropped: MIDDLE/LAST packet whose message start was lost"),
    PAGE_BUSY("dropped: target page still held by the consumer"),
    PAGE_MISMATCH("frame split: data for another page before the frame's completion"),
    PROFILE_VIOLATION("dropped: packet the profile does not allow (e.g. LAST with immediate, misplaced metadata)"),
    METADATA_MISMATCH("frames whose metadata disagrees with what arrived (PSN, bytes, CRC, sequence)"),
    FRAMES_COMPLETE("frames delivered complete"),
    FRAMES_INCOMPLETE("frames closed incomplete"),
    FRAMES_TIMED_OUT("frames abandoned: no packet for the frame timeout"),
    FRAMES_DROPPED_SLOW_CONSUMER("delivered frames reclaimed because the device rewrote their page"),
    FRAMES_NOT_DELIVERED("incomplete frames not handed to the consumer (deliverIncomplete off)");

    private final String description;

    RoceCounter(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
