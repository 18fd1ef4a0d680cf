package io.gevgate.acquisition.gvsp;

/** Every event the receiver counts. One counter per drop or error reason. */
public enum GvspCounter {
    PACKETS_RECEIVED("datagrams taken from the socket"),
    BYTES_RECEIVED("datagram bytes taken from the socket"),
    PAYLOAD_BYTES("payload bytes written into frame buffers"),
    MALFORMED_PACKETS("datagrams rejected by the GVSP decoder"),
    TRUNCATED_PACKETS("datagrams larger than a receive slot (cut by the kernel)"),
    ERROR_STATUS_PACKETS("packets whose status marks an error (e.g. resend refused)"),
    DUPLICATE_PACKETS("packets received twice for an open frame"),
    OUT_OF_ORDER_PACKETS("packets arriving below the highest id seen, not as a resend"),
    LATE_PACKETS("packets for a block already closed or older than the newest"),
    PACKET_ID_OUT_OF_RANGE("packets whose id exceeds what the frame buffer can hold"),
    OUT_OF_BOUNDS_PACKETS("packets whose data would land outside the buffer or flow"),
    UNEXPECTED_PACKETS("payload packets whose format contradicts the leader (ignored)"),
    RESEND_REQUESTS("PACKETRESEND commands sent"),
    RESEND_PACKETS_REQUESTED("packets asked for in resend commands"),
    RESENT_PACKETS_RECEIVED("requested packets that then arrived"),
    LATE_ORIGINALS("requested packets whose unmarked original arrived late (budget refunded)"),
    RESEND_BUDGET_EXHAUSTED("frames whose resend budget ran out"),
    RESEND_REFUSED("frames where the device refused a resend"),
    FRAMES_COMPLETED("frames delivered with status COMPLETE"),
    FRAMES_MISSING_PACKETS("frames delivered with status MISSING_PACKETS"),
    FRAMES_TIMED_OUT("frames delivered with status TIMEOUT"),
    FRAMES_SIZE_MISMATCH("frames delivered with status SIZE_MISMATCH"),
    FRAMES_ABORTED("frames delivered with status ABORTED"),
    FRAMES_DROPPED_NO_BUFFER("blocks dropped because no frame buffer was free"),
    FRAMES_DROPPED_SLOW_CONSUMER("delivered frames discarded because the consumer fell behind");

    private final String description;

    GvspCounter(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
