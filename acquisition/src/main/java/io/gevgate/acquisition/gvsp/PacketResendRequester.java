package io.gevgate.acquisition.gvsp;

/**
 * Sends a GVCP PACKETRESEND_CMD for one contiguous range of packets. The GVCP client implements
 * this; tests can wire it straight to a simulator emitter.
 *
 * <p>Called on the receiver thread: implementations must not block (PACKETRESEND has no ack, so
 * a fire-and-forget datagram is all that is needed).
 */
@FunctionalInterface
public interface PacketResendRequester {
    /**
     * @param blockId the block (16-bit ids are passed unchanged, 1..65535)
     * @param firstPacketId first missing packet id (inclusive)
     * @param lastPacketId last missing packet id (inclusive)
     */
    void requestResend(long blockId, long firstPacketId, long lastPacketId);
}
