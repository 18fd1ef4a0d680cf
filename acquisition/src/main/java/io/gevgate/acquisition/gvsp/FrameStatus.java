package io.gevgate.acquisition.gvsp;

/** How a frame ended. */
public enum FrameStatus {
    /** Every packet arrived (some possibly after a resend); payload is exact. */
    COMPLETE,
    /** The device finished the block but packets are missing and can no longer be recovered
     * (resend refused, budget spent, or resend not available). */
    MISSING_PACKETS,
    /** No packet arrived for the frame-retention time before the frame completed. */
    TIMEOUT,
    /** Data fell outside the buffer or disagreed with the size the leader announced. */
    SIZE_MISMATCH,
    /** Every packet arrived but the payload's own structure is invalid: a GenDC container whose
     * descriptor fails validation ({@link Frame#genDc()} throws the typed reason). */
    MALFORMED_PAYLOAD,
    /** The receiver stopped while the frame was open. */
    ABORTED
}
