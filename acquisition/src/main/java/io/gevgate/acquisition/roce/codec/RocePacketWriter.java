package io.gevgate.acquisition.roce.codec;

import java.nio.ByteBuffer;

/**
 * Builds RoCEv2 UC RDMA WRITE packets in place (device side and tests): BTH, optional RETH and
 * ImmDt, the payload (copied by the caller at {@link #payloadOffset}), zero padding to 4 bytes,
 * and the ICRC. Allocation-free.
 */
public final class RocePacketWriter {
    private final InvariantCrc icrc;

    public RocePacketWriter(InvariantCrc icrc) {
        this.icrc = icrc;
    }

    /** Where the payload of a packet with this opcode starts, relative to the packet start. */
    public static int payloadOffset(int opcode) {
        return RoceOpcode.headerLength(opcode);
    }

    /** Total UDP payload bytes of a packet with this opcode and payload size. */
    public static int packetLength(int opcode, int payload) {
        return RoceOpcode.headerLength(opcode) + ((payload + 3) & ~3) + RocePacket.ICRC_LENGTH;
    }

    /**
     * Writes the headers around a payload already placed at {@code offset + payloadOffset(opcode)}
     * and seals the ICRC.
     *
     * @return the packet length
     */
    public int finish(ByteBuffer buf, int offset, int opcode, int destQp, int psn, long va, int rkey,
            long dmaLength, int immediate, int payload) {
        if (!RoceOpcode.isSupported(opcode)) {
            throw new IllegalArgumentException("not a UC RDMA WRITE opcode: " + RoceOpcode.name(opcode));
        }
        int pad = (4 - (payload & 3)) & 3;
        buf.put(offset, (byte) opcode);
        buf.put(offset + 1, (byte) (pad << 4)); // SE 0, MigReq 0, TVer 0
        buf.putShort(offset + 2, (short) RocePacket.DEFAULT_PKEY);
        buf.putInt(offset + 4, destQp & RocePacket.QPN_MASK); // FECN/BECN/Resv6a 0
        buf.putInt(offset + 8, psn & RocePacket.PSN_MASK); // AckReq 0 (UC never acknowledges)
        int at = offset + RocePacket.BTH_LENGTH;
        if (RoceOpcode.hasReth(opcode)) {
            buf.putLong(at, va);
            buf.putInt(at + 8, rkey);
            buf.putInt(at + 12, (int) dmaLength);
            at += RocePacket.RETH_LENGTH;
        }
        if (RoceOpcode.hasImmediate(opcode)) {
            buf.putInt(at, immediate);
            at += RocePacket.IMMDT_LENGTH;
        }
        for (int i = 0; i < pad; i++) {
            buf.put(at + payload + i, (byte) 0);
        }
        int length = packetLength(opcode, payload);
        icrc.seal(buf, offset, length);
        return length;
    }
}
