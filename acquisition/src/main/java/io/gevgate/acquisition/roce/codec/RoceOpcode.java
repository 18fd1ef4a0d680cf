package io.gevgate.acquisition.roce.codec;

/**
 * InfiniBand BTH opcodes of the Unreliable Connected transport (opcode bits 7-5 = 001) that the
 * profile uses: RDMA WRITE FIRST/MIDDLE/LAST/ONLY and the two with-immediate forms. Which extra
 * headers follow the BTH depends only on the opcode.
 */
public final class RoceOpcode {
    public static final int UC_RDMA_WRITE_FIRST = 0x26;
    public static final int UC_RDMA_WRITE_MIDDLE = 0x27;
    public static final int UC_RDMA_WRITE_LAST = 0x28;
    public static final int UC_RDMA_WRITE_LAST_WITH_IMMEDIATE = 0x29;
    public static final int UC_RDMA_WRITE_ONLY = 0x2A;
    public static final int UC_RDMA_WRITE_ONLY_WITH_IMMEDIATE = 0x2B;

    private RoceOpcode() {
    }

    public static boolean isSupported(int opcode) {
        return opcode >= UC_RDMA_WRITE_FIRST && opcode <= UC_RDMA_WRITE_ONLY_WITH_IMMEDIATE;
    }

    /** FIRST and ONLY variants carry a RETH (virtual address, rkey, DMA length). */
    public static boolean hasReth(int opcode) {
        return opcode == UC_RDMA_WRITE_FIRST || opcode == UC_RDMA_WRITE_ONLY
                || opcode == UC_RDMA_WRITE_ONLY_WITH_IMMEDIATE;
    }

    public static boolean hasImmediate(int opcode) {
        return opcode == UC_RDMA_WRITE_LAST_WITH_IMMEDIATE || opcode == UC_RDMA_WRITE_ONLY_WITH_IMMEDIATE;
    }

    /** The packet starts a message (its RETH sets the address). */
    public static boolean startsMessage(int opcode) {
        return hasReth(opcode);
    }

    /** The packet ends a message. */
    public static boolean endsMessage(int opcode) {
        return opcode == UC_RDMA_WRITE_LAST || opcode == UC_RDMA_WRITE_LAST_WITH_IMMEDIATE
                || opcode == UC_RDMA_WRITE_ONLY || opcode == UC_RDMA_WRITE_ONLY_WITH_IMMEDIATE;
    }

    /** Bytes of BTH + RETH + ImmDt for this opcode. */
    public static int headerLength(int opcode) {
        return RocePacket.BTH_LENGTH + (hasReth(opcode) ? RocePacket.RETH_LENGTH : 0)
                + (hasImmediate(opcode) ? RocePacket.IMMDT_LENGTH : 0);
    }

    public static String name(int opcode) {
        return switch (opcode) {
            case UC_RDMA_WRITE_FIRST -> "UC RDMA WRITE FIRST";
            case UC_RDMA_WRITE_MIDDLE -> "UC RDMA WRITE MIDDLE";
            case UC_RDMA_WRITE_LAST -> "UC RDMA WRITE LAST";
            case UC_RDMA_WRITE_LAST_WITH_IMMEDIATE -> "UC RDMA WRITE LAST with Immediate";
            case UC_RDMA_WRITE_ONLY -> "UC RDMA WRITE ONLY";
            case UC_RDMA_WRITE_ONLY_WITH_IMMEDIATE -> "UC RDMA WRITE ONLY with Immediate";
            default -> String.format("0x%02X", opcode);
        };
    }
}
