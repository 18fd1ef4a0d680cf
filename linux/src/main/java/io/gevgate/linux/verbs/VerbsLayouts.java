package io.gevgate.linux.verbs;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * x86-64 / aarch64 (LP64) layouts of the libibverbs structs the receiver touches, and the enum
 * values it needs, from rdma-core's {@code <infiniband/verbs.h>}. The offsets are checked in a test
 * against {@code offsetof} from the installed header when gcc and the header exist.
 */
public final class VerbsLayouts {
    private VerbsLayouts() {
    }

    // ---- struct ibv_wc (48 bytes)
    public static final StructLayout WC = MemoryLayout.structLayout(
            JAVA_LONG.withName("wr_id"), JAVA_INT.withName("status"), JAVA_INT.withName("opcode"),
            JAVA_INT.withName("vendor_err"), JAVA_INT.withName("byte_len"), JAVA_INT.withName("imm_data"),
            JAVA_INT.withName("qp_num"), JAVA_INT.withName("src_qp"), JAVA_INT.withName("wc_flags"),
            JAVA_SHORT.withName("pkey_index"), JAVA_SHORT.withName("slid"), JAVA_BYTE.withName("sl"),
            JAVA_BYTE.withName("dlid_path_bits"), MemoryLayout.paddingLayout(2)).withName("ibv_wc");
    public static final long WC_WR_ID = 0;
    public static final long WC_STATUS = 8;
    public static final long WC_OPCODE = 12;
    public static final long WC_BYTE_LEN = 20;
    public static final long WC_IMM_DATA = 24;
    public static final long WC_QP_NUM = 28;
    public static final long WC_FLAGS = 36;

    // ---- struct ibv_qp_attr (144 bytes); ah_attr = ibv_ah_attr { ibv_global_route grh (24); dlid; sl; ...}
    public static final long QP_ATTR_SIZE = 144;
    public static final long QP_ATTR_STATE = 0;
    public static final long QP_ATTR_PATH_MTU = 8;
    public static final long QP_ATTR_RQ_PSN = 20;
    public static final long QP_ATTR_SQ_PSN = 24;
    public static final long QP_ATTR_DEST_QP_NUM = 28;
    public static final long QP_ATTR_ACCESS_FLAGS = 32;
    public static final long QP_ATTR_AH = 56;
    public static final long AH_GRH_DGID = 0;
    public static final long AH_GRH_FLOW_LABEL = 16;
    public static final long AH_GRH_SGID_INDEX = 20;
    public static final long AH_GRH_HOP_LIMIT = 21;
    public static final long AH_GRH_TRAFFIC_CLASS = 22;
    public static final long AH_DLID = 24;
    public static final long AH_SL = 26;
    public static final long AH_IS_GLOBAL = 29;
    public static final long AH_PORT_NUM = 30;
    public static final long QP_ATTR_PKEY_INDEX = 120;
    public static final long QP_ATTR_PORT_NUM = 129;

    // ---- struct ibv_qp_init_attr (64 bytes)
    public static final long QP_INIT_SIZE = 64;
    public static final long QP_INIT_SEND_CQ = 8;
    public static final long QP_INIT_RECV_CQ = 16;
    public static final long QP_INIT_CAP = 32; // ibv_qp_cap: max_send_wr, max_recv_wr, max_send_sge, max_recv_sge, max_inline
    public static final long QP_INIT_QP_TYPE = 52;
    public static final long QP_INIT_SQ_SIG_ALL = 56;

    // ---- struct ibv_recv_wr (32) and ibv_sge (16)
    public static final StructLayout RECV_WR = MemoryLayout.structLayout(JAVA_LONG.withName("wr_id"),
            ADDRESS.withName("next"), ADDRESS.withName("sg_list"), JAVA_INT.withName("num_sge"),
            MemoryLayout.paddingLayout(4)).withName("ibv_recv_wr");
    public static final StructLayout SGE = MemoryLayout.structLayout(JAVA_LONG.withName("addr"),
            JAVA_INT.withName("length"), JAVA_INT.withName("lkey")).withName("ibv_sge");

    // ---- struct ibv_port_attr (compat, 52 bytes) and ibv_gid_entry (32)
    public static final long PORT_ATTR_SIZE = 52;
    public static final long PORT_STATE = 0;
    public static final long PORT_ACTIVE_MTU = 8;
    public static final long PORT_GID_TBL_LEN = 12;
    public static final long PORT_LINK_LAYER = 46;
    public static final long GID_ENTRY_SIZE = 32;
    public static final long GID_ENTRY_GID_INDEX = 16;
    public static final long GID_ENTRY_GID_TYPE = 24;

    // ---- opaque objects: the fields read directly
    public static final long CONTEXT_OPS = 8;
    /** ibv_context_ops function pointers, as offsets inside struct ibv_context. */
    public static final long CONTEXT_POLL_CQ = CONTEXT_OPS + 88;
    public static final long CONTEXT_REQ_NOTIFY_CQ = CONTEXT_OPS + 96;
    public static final long CONTEXT_POST_RECV = CONTEXT_OPS + 208;
    public static final long QP_NUM = 52;
    public static final long MR_LKEY = 36;
    public static final long MR_RKEY = 40;
    public static final long COMP_CHANNEL_FD = 8;

    // ---- enums
    public static final int WC_SUCCESS = 0;
    public static final int WC_RECV_RDMA_WITH_IMM = 129;
    public static final int WC_WITH_IMM = 2;
    public static final int QPT_UC = 3;
    public static final int QPS_RESET = 0;
    public static final int QPS_INIT = 1;
    public static final int QPS_RTR = 2;
    public static final int ACCESS_LOCAL_WRITE = 1;
    public static final int ACCESS_REMOTE_WRITE = 2;
    public static final int QP_STATE = 1;
    public static final int QP_ACCESS_FLAGS = 8;
    public static final int QP_PKEY_INDEX = 16;
    public static final int QP_PORT = 32;
    public static final int QP_AV = 128;
    public static final int QP_PATH_MTU = 256;
    public static final int QP_RQ_PSN = 4096;
    public static final int QP_DEST_QPN = 1 << 20;
    public static final int PORT_ACTIVE = 4;
    public static final int LINK_LAYER_ETHERNET = 2;
    public static final int GID_TYPE_ROCE_V2 = 2;

    /** enum ibv_mtu for a path MTU in bytes (256 → 1 … 4096 → 5). */
    public static int mtuEnum(int bytes) {
        return switch (bytes) {
            case 256 -> 1;
            case 512 -> 2;
            case 1024 -> 3;
            case 2048 -> 4;
            case 4096 -> 5;
            default -> throw new IllegalArgumentException("path MTU must be 256..4096 (power of two), got " + bytes);
        };
    }

    static long offset(StructLayout s, String field) {
        return s.byteOffset(MemoryLayout.PathElement.groupElement(field));
    }

    static ValueLayout.OfInt intLayout() {
        return JAVA_INT;
    }
}
