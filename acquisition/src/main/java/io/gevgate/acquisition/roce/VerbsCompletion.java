package io.gevgate.acquisition.roce;

import io.gevgate.acquisition.roce.codec.RdmaImmediate;
import io.gevgate.linux.verbs.VerbsLayouts;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Decodes one {@code struct ibv_wc} the verbs engine polled: only a successful
 * RECV_RDMA_WITH_IMM with the immediate flag completes a frame; the immediate arrives in network
 * order ({@code wc.imm_data} is {@code __be32}), so it is byte-swapped on little-endian hosts
 * exactly like {@code ntohl}.
 */
public final class VerbsCompletion {
    /** What a work completion means for the receiver. */
    public enum Kind { FRAME, ERROR, UNEXPECTED }

    private Kind kind;
    private int status;
    private int opcode;
    private int immediate;
    private long wrId;

    /** Decodes entry {@code index} of a {@code struct ibv_wc} array. */
    public VerbsCompletion decode(MemorySegment wcs, int index) {
        long base = index * VerbsLayouts.WC.byteSize();
        wrId = wcs.get(ValueLayout.JAVA_LONG, base + VerbsLayouts.WC_WR_ID);
        status = wcs.get(ValueLayout.JAVA_INT, base + VerbsLayouts.WC_STATUS);
        opcode = wcs.get(ValueLayout.JAVA_INT, base + VerbsLayouts.WC_OPCODE);
        int flags = wcs.get(ValueLayout.JAVA_INT, base + VerbsLayouts.WC_FLAGS);
        int raw = wcs.get(ValueLayout.JAVA_INT_UNALIGNED.withOrder(java.nio.ByteOrder.BIG_ENDIAN),
                base + VerbsLayouts.WC_IMM_DATA);
        immediate = raw; // read big-endian = ntohl(imm_data)
        if (status != VerbsLayouts.WC_SUCCESS) {
            kind = Kind.ERROR;
        } else if (opcode == VerbsLayouts.WC_RECV_RDMA_WITH_IMM && (flags & VerbsLayouts.WC_WITH_IMM) != 0) {
            kind = Kind.FRAME;
        } else {
            kind = Kind.UNEXPECTED;
        }
        return this;
    }

    public Kind kind() {
        return kind;
    }

    public int status() {
        return status;
    }

    public int opcode() {
        return opcode;
    }

    public long wrId() {
        return wrId;
    }

    public int immediate() {
        return immediate;
    }

    public int page() {
        return RdmaImmediate.page(immediate);
    }

    public int sequence() {
        return RdmaImmediate.sequence(immediate);
    }
}
