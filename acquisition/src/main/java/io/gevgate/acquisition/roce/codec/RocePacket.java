package io.gevgate.acquisition.roce.codec;

import java.nio.ByteBuffer;

/**
 * Reusable flyweight over one RoCEv2 UC RDMA WRITE packet (a UDP payload): BTH (12 bytes), then a
 * RETH (16) for FIRST/ONLY, an ImmDt (4) for the with-immediate forms, the payload, 0-3 pad bytes
 * and the 4-byte ICRC. All header fields are big-endian. {@link #wrap} checks every length and
 * field the profile constrains before any accessor is trusted; nothing is allocated.
 *
 * <pre>
 * BTH  +0 opcode | +1 SE M PadCnt(2) TVer(4) | +2 P_Key(16) | +4 FECN BECN Resv6a | +5 DestQP(24)
 *      +8 AckReq Resv7 | +9 PSN(24)
 * RETH +0 VirtualAddress(64) | +8 R_Key(32) | +12 DMA Length(32)
 * ImmDt +0 Immediate(32)
 * </pre>
 */
public final class RocePacket {
    public static final int BTH_LENGTH = 12;
    public static final int RETH_LENGTH = 16;
    public static final int IMMDT_LENGTH = 4;
    public static final int ICRC_LENGTH = 4;
    public static final int DEFAULT_PKEY = 0xFFFF;
    public static final int PSN_MASK = 0xFF_FFFF;
    public static final int QPN_MASK = 0xFF_FFFF;

    private ByteBuffer buf;
    private int offset;
    private int length;
    private int opcode;
    private int padCount;
    private int destQp;
    private int psn;
    private long virtualAddress;
    private int rkey;
    private long dmaLength;
    private int immediate;
    private int payloadOffset;
    private int payloadLength;

    /**
     * Decodes the packet at {@code buf[offset, offset + length)}.
     *
     * @param expectedQpn our queue pair number (24 bits)
     * @param pathMtu     the path MTU in bytes (256..4096): FIRST/MIDDLE carry exactly this much,
     *                    the others at most this much
     * @param icrc        checks the ICRC when non-null
     */
    public RocePacket wrap(ByteBuffer buf, int offset, int length, int expectedQpn, int pathMtu, InvariantCrc icrc)
            throws RoceFormatException {
        this.buf = null;
        if (length < BTH_LENGTH + ICRC_LENGTH) {
            throw new RoceFormatException(RoceError.TRUNCATED, "datagram length", 0,
                    ">= " + (BTH_LENGTH + ICRC_LENGTH), Integer.toString(length));
        }
        int op = buf.get(offset) & 0xFF;
        if (!RoceOpcode.isSupported(op)) {
            throw new RoceFormatException(RoceError.UNSUPPORTED_OPCODE, "BTH.OpCode", 0,
                    "0x26..0x2B (UC RDMA WRITE)", String.format("0x%02X", op));
        }
        int b1 = buf.get(offset + 1) & 0xFF;
        int tver = b1 & 0x0F;
        if (tver != 0) {
            throw new RoceFormatException(RoceError.BAD_TRANSPORT_VERSION, "BTH.TVer", 1, "0", Integer.toString(tver));
        }
        int pkey = buf.getShort(offset + 2) & 0xFFFF;
        if (pkey != DEFAULT_PKEY) {
            throw new RoceFormatException(RoceError.BAD_PKEY, "BTH.P_Key", 2, "0xFFFF",
                    String.format("0x%04X", pkey));
        }
        int qp = buf.getInt(offset + 4) & QPN_MASK;
        if (qp != expectedQpn) {
            throw new RoceFormatException(RoceError.WRONG_QP, "BTH.DestQP", 5,
                    Integer.toString(expectedQpn), Integer.toString(qp));
        }
        int header = RoceOpcode.headerLength(op);
        if (length < header + ICRC_LENGTH) {
            throw new RoceFormatException(RoceError.TRUNCATED, "datagram length", 0,
                    ">= " + (header + ICRC_LENGTH) + " for " + RoceOpcode.name(op), Integer.toString(length));
        }
        int pad = (b1 >>> 4) & 0x3;
        int padded = length - header - ICRC_LENGTH;
        if (pad > padded || (padded & 3) != 0) {
            throw new RoceFormatException(RoceError.BAD_PAD, "BTH.PadCnt", 1,
                    "a 4-byte multiple payload of >= PadCnt bytes", "PadCnt " + pad + ", " + padded + " bytes");
        }
        int payload = padded - pad;
        long va = 0;
        int key = 0;
        long dma = 0;
        int at = offset + BTH_LENGTH;
        if (RoceOpcode.hasReth(op)) {
            va = buf.getLong(at);
            key = buf.getInt(at + 8);
            dma = buf.getInt(at + 12) & 0xFFFF_FFFFL;
            at += RETH_LENGTH;
        }
        int imm = 0;
        if (RoceOpcode.hasImmediate(op)) {
            imm = buf.getInt(at);
        }
        checkLength(op, payload, dma, pathMtu);
        if (icrc != null) {
            int want = icrc.compute(buf, offset, length);
            int got = InvariantCrc.stored(buf, offset, length);
            if (want != got) {
                throw new RoceFormatException(RoceError.BAD_ICRC, "ICRC", length - ICRC_LENGTH,
                        String.format("0x%08X", want), String.format("0x%08X", got));
            }
        }
        this.buf = buf;
        this.offset = offset;
        this.length = length;
        this.opcode = op;
        this.padCount = pad;
        this.destQp = qp;
        this.psn = buf.getInt(offset + 8) & PSN_MASK;
        this.virtualAddress = va;
        this.rkey = key;
        this.dmaLength = dma;
        this.immediate = imm;
        this.payloadOffset = offset + header;
        this.payloadLength = payload;
        return this;
    }

    private static void checkLength(int op, int payload, long dma, int mtu) throws RoceFormatException {
        String expected = null;
        switch (op) {
            case RoceOpcode.UC_RDMA_WRITE_FIRST -> {
                if (payload != mtu || dma <= mtu) {
                    expected = "payload = path MTU " + mtu + " < DMA length";
                }
            }
            case RoceOpcode.UC_RDMA_WRITE_MIDDLE -> {
                if (payload != mtu) {
                    expected = "payload = path MTU " + mtu;
                }
            }
            case RoceOpcode.UC_RDMA_WRITE_LAST, RoceOpcode.UC_RDMA_WRITE_LAST_WITH_IMMEDIATE -> {
                if (payload < 1 || payload > mtu) {
                    expected = "payload 1.." + mtu;
                }
            }
            default -> { // ONLY, ONLY with immediate
                if (payload > mtu || payload != dma) {
                    expected = "payload = DMA length <= " + mtu;
                }
            }
        }
        if (expected != null) {
            throw new RoceFormatException(RoceError.BAD_LENGTH, "payload length", 0, expected,
                    payload + " bytes" + (RoceOpcode.hasReth(op) ? ", DMA length " + dma : "")
                            + " (" + RoceOpcode.name(op) + ")");
        }
    }

    public int opcode() {
        return opcode;
    }

    public int padCount() {
        return padCount;
    }

    public int destinationQp() {
        return destQp;
    }

    public int psn() {
        return psn;
    }

    /** RETH virtual address (FIRST/ONLY only; 0 otherwise). */
    public long virtualAddress() {
        return virtualAddress;
    }

    public int rkey() {
        return rkey;
    }

    /** RETH DMA length: the whole message's length (FIRST/ONLY only). */
    public long dmaLength() {
        return dmaLength;
    }

    /** Immediate data as sent (network order already applied). */
    public int immediate() {
        return immediate;
    }

    public boolean hasImmediate() {
        return RoceOpcode.hasImmediate(opcode);
    }

    /** Offset of the payload in the wrapped buffer. */
    public int payloadOffset() {
        return payloadOffset;
    }

    public int payloadLength() {
        return payloadLength;
    }

    public ByteBuffer buffer() {
        return buf;
    }

    public int offset() {
        return offset;
    }

    public int length() {
        return length;
    }
}
