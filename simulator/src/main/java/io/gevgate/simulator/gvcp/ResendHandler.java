package io.gevgate.simulator.gvcp;

import java.net.InetSocketAddress;

/**
 * Receives PACKETRESEND commands (no acknowledge is sent for them). A GVSP emitter implements it
 * and re-sends the packets, or GVSP error packets (PACKET_UNAVAILABLE) for what it no longer holds.
 * Called on the GVCP thread: queue the work, do not block.
 */
@FunctionalInterface
public interface ResendHandler {
    void onPacketResend(int streamChannel, long blockId, long firstPacketId, long lastPacketId,
                        boolean extendedId, InetSocketAddress requester);
}
