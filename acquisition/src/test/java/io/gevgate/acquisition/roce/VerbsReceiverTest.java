package io.gevgate.acquisition.roce;

import io.gevgate.acquisition.roce.codec.RdmaImmediate;
import io.gevgate.linux.verbs.IbVerbs;
import io.gevgate.linux.verbs.RdmaUnavailableException;
import io.gevgate.linux.verbs.VerbsLayouts;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class VerbsReceiverTest {
    static void wc(MemorySegment wcs, int i, long wrId, int status, int opcode, int flags, int immNetworkOrder) {
        long b = i * VerbsLayouts.WC.byteSize();
        wcs.set(ValueLayout.JAVA_LONG, b + VerbsLayouts.WC_WR_ID, wrId);
        wcs.set(ValueLayout.JAVA_INT, b + VerbsLayouts.WC_STATUS, status);
        wcs.set(ValueLayout.JAVA_INT, b + VerbsLayouts.WC_OPCODE, opcode);
        wcs.set(ValueLayout.JAVA_INT, b + VerbsLayouts.WC_FLAGS, flags);
        // the NIC stores imm_data as it came off the wire (big-endian bytes)
        wcs.set(ValueLayout.JAVA_INT_UNALIGNED.withOrder(java.nio.ByteOrder.BIG_ENDIAN), b + VerbsLayouts.WC_IMM_DATA,
                immNetworkOrder);
    }

    @Test
    void completionsDecodeLikeNtohl() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment wcs = a.allocate(VerbsLayouts.WC, 3);
            int imm = RdmaImmediate.encode(5, 0x12345);
            wc(wcs, 0, 0x1007, VerbsLayouts.WC_SUCCESS, VerbsLayouts.WC_RECV_RDMA_WITH_IMM, VerbsLayouts.WC_WITH_IMM, imm);
            wc(wcs, 1, 0x1008, 12 /* IBV_WC_RETRY_EXC_ERR */, VerbsLayouts.WC_RECV_RDMA_WITH_IMM, 0, 0);
            wc(wcs, 2, 0x1009, VerbsLayouts.WC_SUCCESS, 128 /* IBV_WC_RECV */, 0, 0);
            VerbsCompletion c = new VerbsCompletion();
            c.decode(wcs, 0);
            assertThat(c.kind()).isEqualTo(VerbsCompletion.Kind.FRAME);
            assertThat(c.page()).isEqualTo(5);
            assertThat(c.sequence()).isEqualTo(0x12345);
            assertThat(c.wrId()).isEqualTo(0x1007);
            // the raw little-endian int in memory is the byte-swapped value, as on x86 without ntohl
            assertThat(wcs.get(ValueLayout.JAVA_INT, VerbsLayouts.WC_IMM_DATA)).isEqualTo(Integer.reverseBytes(imm));
            assertThat(c.decode(wcs, 1).kind()).isEqualTo(VerbsCompletion.Kind.ERROR);
            assertThat(c.status()).isEqualTo(12);
            assertThat(c.decode(wcs, 2).kind()).isEqualTo(VerbsCompletion.Kind.UNEXPECTED);
        }
    }

    @Test
    void ipv4MappedGid() {
        assertThat(VerbsReceiver.ipv4MappedGid("127.0.0.100")).containsExactly(
                0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 127, 0, 0, 100);
    }

    @Test
    void startWithoutRdmaHardwareSaysNoRdmaDevice() {
        boolean devicePresent;
        try {
            devicePresent = !IbVerbs.load().deviceNames().isEmpty();
        } catch (RdmaUnavailableException e) {
            devicePresent = false;
        }
        assumeTrue(!devicePresent, "an RDMA device exists here: the no-device path does not apply");
        RdmaProfile p = new RdmaProfile(1, 4096, 2, List.of(new RdmaFlowTarget(1, 0, 8192)), "127.0.0.132", 12288,
                "127.0.0.133", 4791);
        assertThatThrownBy(() -> VerbsReceiver.start(p, null, 1)).isInstanceOf(RdmaUnavailableException.class)
                .hasMessageStartingWith("no RDMA device: ");
    }
}
