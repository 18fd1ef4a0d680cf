package io.gevgate.acquisition.roce.codec;

/** Why a RoCEv2 datagram was rejected; each reason has its own receiver counter. */
public enum RoceError {
    TRUNCATED("datagram shorter than its headers plus ICRC"),
    UNSUPPORTED_OPCODE("BTH opcode is not a UC RDMA WRITE variant"),
    BAD_TRANSPORT_VERSION("BTH TVer is not 0"),
    BAD_PKEY("BTH P_Key is not the default partition 0xFFFF"),
    WRONG_QP("BTH destination QP is not ours"),
    BAD_PAD("BTH pad count exceeds the payload"),
    BAD_LENGTH("payload length contradicts the opcode, RETH DMA length or path MTU"),
    BAD_ICRC("invariant CRC does not match");

    private final String description;

    RoceError(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
