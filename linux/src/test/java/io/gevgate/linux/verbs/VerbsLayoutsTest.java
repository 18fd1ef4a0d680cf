package io.gevgate.linux.verbs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class VerbsLayoutsTest {
    @TempDir
    Path tmp;

    @Test
    void javaLayoutsAgreeWithTheConstants() {
        assertThat(VerbsLayouts.WC.byteSize()).isEqualTo(48);
        assertThat(VerbsLayouts.offset(VerbsLayouts.WC, "status")).isEqualTo(VerbsLayouts.WC_STATUS);
        assertThat(VerbsLayouts.offset(VerbsLayouts.WC, "opcode")).isEqualTo(VerbsLayouts.WC_OPCODE);
        assertThat(VerbsLayouts.offset(VerbsLayouts.WC, "byte_len")).isEqualTo(VerbsLayouts.WC_BYTE_LEN);
        assertThat(VerbsLayouts.offset(VerbsLayouts.WC, "imm_data")).isEqualTo(VerbsLayouts.WC_IMM_DATA);
        assertThat(VerbsLayouts.offset(VerbsLayouts.WC, "qp_num")).isEqualTo(VerbsLayouts.WC_QP_NUM);
        assertThat(VerbsLayouts.offset(VerbsLayouts.WC, "wc_flags")).isEqualTo(VerbsLayouts.WC_FLAGS);
        assertThat(VerbsLayouts.RECV_WR.byteSize()).isEqualTo(32);
        assertThat(VerbsLayouts.offset(VerbsLayouts.RECV_WR, "num_sge")).isEqualTo(24);
        assertThat(VerbsLayouts.SGE.byteSize()).isEqualTo(16);
        assertThat(VerbsLayouts.mtuEnum(4096)).isEqualTo(5);
        assertThat(VerbsLayouts.mtuEnum(256)).isEqualTo(1);
    }

    /** offsetof/sizeof from the installed rdma-core header must equal every constant the binding uses. */
    @Test
    void layoutsMatchTheInstalledVerbsHeader() throws Exception {
        assumeTrue(new File("/usr/include/infiniband/verbs.h").exists(),
                "rdma-core headers (libibverbs-dev) not installed: layout cross-check skipped");
        assumeTrue(onPath("gcc"), "gcc not installed: layout cross-check skipped");
        String c = """
                #include <stdio.h>
                #include <stddef.h>
                #include <infiniband/verbs.h>
                #define O(n, s, f) printf("%s %zu\\n", n, offsetof(struct s, f))
                #define Z(n, s) printf("%s %zu\\n", n, sizeof(struct s))
                int main(void) {
                  Z("wc", ibv_wc); O("wc.status", ibv_wc, status); O("wc.opcode", ibv_wc, opcode);
                  O("wc.byte_len", ibv_wc, byte_len); O("wc.imm_data", ibv_wc, imm_data); O("wc.qp_num", ibv_wc, qp_num);
                  O("wc.wc_flags", ibv_wc, wc_flags);
                  Z("qp_attr", ibv_qp_attr); O("qp_attr.path_mtu", ibv_qp_attr, path_mtu); O("qp_attr.rq_psn", ibv_qp_attr, rq_psn);
                  O("qp_attr.sq_psn", ibv_qp_attr, sq_psn); O("qp_attr.dest_qp_num", ibv_qp_attr, dest_qp_num);
                  O("qp_attr.qp_access_flags", ibv_qp_attr, qp_access_flags); O("qp_attr.ah_attr", ibv_qp_attr, ah_attr);
                  O("qp_attr.pkey_index", ibv_qp_attr, pkey_index); O("qp_attr.port_num", ibv_qp_attr, port_num);
                  O("ah.sgid_index", ibv_ah_attr, grh.sgid_index); O("ah.hop_limit", ibv_ah_attr, grh.hop_limit);
                  O("ah.flow_label", ibv_ah_attr, grh.flow_label); O("ah.traffic_class", ibv_ah_attr, grh.traffic_class);
                  O("ah.dlid", ibv_ah_attr, dlid); O("ah.sl", ibv_ah_attr, sl); O("ah.is_global", ibv_ah_attr, is_global);
                  O("ah.port_num", ibv_ah_attr, port_num);
                  Z("qp_init", ibv_qp_init_attr); O("qp_init.send_cq", ibv_qp_init_attr, send_cq);
                  O("qp_init.recv_cq", ibv_qp_init_attr, recv_cq); O("qp_init.cap", ibv_qp_init_attr, cap);
                  O("qp_init.qp_type", ibv_qp_init_attr, qp_type); O("qp_init.sq_sig_all", ibv_qp_init_attr, sq_sig_all);
                  Z("recv_wr", ibv_recv_wr); Z("sge", ibv_sge);
                  O("port.state", ibv_port_attr, state); O("port.active_mtu", ibv_port_attr, active_mtu);
                  O("port.gid_tbl_len", ibv_port_attr, gid_tbl_len); O("port.link_layer", ibv_port_attr, link_layer);
                  Z("gid_entry", ibv_gid_entry); O("gid_entry.gid_index", ibv_gid_entry, gid_index);
                  O("gid_entry.gid_type", ibv_gid_entry, gid_type);
                  O("ctx.ops", ibv_context, ops); printf("ctx.poll_cq %zu\\n", offsetof(struct ibv_context, ops) + offsetof(struct ibv_context_ops, poll_cq));
                  printf("ctx.req_notify_cq %zu\\n", offsetof(struct ibv_context, ops) + offsetof(struct ibv_context_ops, req_notify_cq));
                  printf("ctx.post_recv %zu\\n", offsetof(struct ibv_context, ops) + offsetof(struct ibv_context_ops, post_recv));
                  O("qp.qp_num", ibv_qp, qp_num); O("mr.lkey", ibv_mr, lkey); O("mr.rkey", ibv_mr, rkey);
                  O("channel.fd", ibv_comp_channel, fd);
                  printf("e.wc_rdma_imm %d\\ne.wc_with_imm %d\\ne.uc %d\\ne.rtr %d\\ne.init %d\\ne.rocev2 %d\\ne.eth %d\\n",
                      IBV_WC_RECV_RDMA_WITH_IMM, IBV_WC_WITH_IMM, IBV_QPT_UC, IBV_QPS_RTR, IBV_QPS_INIT, IBV_GID_TYPE_ROCE_V2,
                      IBV_LINK_LAYER_ETHERNET);
                  printf("e.mask %d\\n", IBV_QP_STATE | IBV_QP_AV | IBV_QP_PATH_MTU | IBV_QP_DEST_QPN | IBV_QP_RQ_PSN
                      | IBV_QP_ACCESS_FLAGS | IBV_QP_PKEY_INDEX | IBV_QP_PORT);
                  printf("e.access %d\\n", IBV_ACCESS_LOCAL_WRITE | IBV_ACCESS_REMOTE_WRITE);
                  return 0;
                }
                """;
        Path src = tmp.resolve("offsets.c");
        Files.writeString(src, c);
        Path exe = tmp.resolve("offsets");
        run("gcc", "-o", exe.toString(), src.toString());
        Map<String, Long> m = new HashMap<>();
        for (String line : run(exe.toString()).split("\n")) {
            String[] kv = line.trim().split(" ");
            m.put(kv[0], Long.parseLong(kv[1]));
        }
        long ah = VerbsLayouts.QP_ATTR_AH;
        Map<String, Long> ours = new HashMap<>();
        ours.put("wc", VerbsLayouts.WC.byteSize());
        ours.put("wc.status", VerbsLayouts.WC_STATUS);
        ours.put("wc.opcode", VerbsLayouts.WC_OPCODE);
        ours.put("wc.byte_len", VerbsLayouts.WC_BYTE_LEN);
        ours.put("wc.imm_data", VerbsLayouts.WC_IMM_DATA);
        ours.put("wc.qp_num", VerbsLayouts.WC_QP_NUM);
        ours.put("wc.wc_flags", VerbsLayouts.WC_FLAGS);
        ours.put("qp_attr", VerbsLayouts.QP_ATTR_SIZE);
        ours.put("qp_attr.path_mtu", VerbsLayouts.QP_ATTR_PATH_MTU);
        ours.put("qp_attr.rq_psn", VerbsLayouts.QP_ATTR_RQ_PSN);
        ours.put("qp_attr.sq_psn", VerbsLayouts.QP_ATTR_SQ_PSN);
        ours.put("qp_attr.dest_qp_num", VerbsLayouts.QP_ATTR_DEST_QP_NUM);
        ours.put("qp_attr.qp_access_flags", VerbsLayouts.QP_ATTR_ACCESS_FLAGS);
        ours.put("qp_attr.ah_attr", ah);
        ours.put("qp_attr.pkey_index", VerbsLayouts.QP_ATTR_PKEY_INDEX);
        ours.put("qp_attr.port_num", VerbsLayouts.QP_ATTR_PORT_NUM);
        ours.put("ah.sgid_index", VerbsLayouts.AH_GRH_SGID_INDEX);
        ours.put("ah.hop_limit", VerbsLayouts.AH_GRH_HOP_LIMIT);
        ours.put("ah.flow_label", VerbsLayouts.AH_GRH_FLOW_LABEL);
        ours.put("ah.traffic_class", VerbsLayouts.AH_GRH_TRAFFIC_CLASS);
        ours.put("ah.dlid", VerbsLayouts.AH_DLID);
        ours.put("ah.sl", VerbsLayouts.AH_SL);
        ours.put("ah.is_global", VerbsLayouts.AH_IS_GLOBAL);
        ours.put("ah.port_num", VerbsLayouts.AH_PORT_NUM);
        ours.put("qp_init", VerbsLayouts.QP_INIT_SIZE);
        ours.put("qp_init.send_cq", VerbsLayouts.QP_INIT_SEND_CQ);
        ours.put("qp_init.recv_cq", VerbsLayouts.QP_INIT_RECV_CQ);
        ours.put("qp_init.cap", VerbsLayouts.QP_INIT_CAP);
        ours.put("qp_init.qp_type", VerbsLayouts.QP_INIT_QP_TYPE);
        ours.put("qp_init.sq_sig_all", VerbsLayouts.QP_INIT_SQ_SIG_ALL);
        ours.put("recv_wr", VerbsLayouts.RECV_WR.byteSize());
        ours.put("sge", VerbsLayouts.SGE.byteSize());
        ours.put("port.state", VerbsLayouts.PORT_STATE);
        ours.put("port.active_mtu", VerbsLayouts.PORT_ACTIVE_MTU);
        ours.put("port.gid_tbl_len", VerbsLayouts.PORT_GID_TBL_LEN);
        ours.put("port.link_layer", VerbsLayouts.PORT_LINK_LAYER);
        ours.put("gid_entry", VerbsLayouts.GID_ENTRY_SIZE);
        ours.put("gid_entry.gid_index", VerbsLayouts.GID_ENTRY_GID_INDEX);
        ours.put("gid_entry.gid_type", VerbsLayouts.GID_ENTRY_GID_TYPE);
        ours.put("ctx.ops", VerbsLayouts.CONTEXT_OPS);
        ours.put("ctx.poll_cq", VerbsLayouts.CONTEXT_POLL_CQ);
        ours.put("ctx.req_notify_cq", VerbsLayouts.CONTEXT_REQ_NOTIFY_CQ);
        ours.put("ctx.post_recv", VerbsLayouts.CONTEXT_POST_RECV);
        ours.put("qp.qp_num", VerbsLayouts.QP_NUM);
        ours.put("mr.lkey", VerbsLayouts.MR_LKEY);
        ours.put("mr.rkey", VerbsLayouts.MR_RKEY);
        ours.put("channel.fd", VerbsLayouts.COMP_CHANNEL_FD);
        ours.put("e.wc_rdma_imm", (long) VerbsLayouts.WC_RECV_RDMA_WITH_IMM);
        ours.put("e.wc_with_imm", (long) VerbsLayouts.WC_WITH_IMM);
        ours.put("e.uc", (long) VerbsLayouts.QPT_UC);
        ours.put("e.rtr", (long) VerbsLayouts.QPS_RTR);
        ours.put("e.init", (long) VerbsLayouts.QPS_INIT);
        ours.put("e.rocev2", (long) VerbsLayouts.GID_TYPE_ROCE_V2);
        ours.put("e.eth", (long) VerbsLayouts.LINK_LAYER_ETHERNET);
        ours.put("e.mask", (long) (VerbsLayouts.QP_STATE | VerbsLayouts.QP_AV | VerbsLayouts.QP_PATH_MTU
                | VerbsLayouts.QP_DEST_QPN | VerbsLayouts.QP_RQ_PSN | VerbsLayouts.QP_ACCESS_FLAGS
                | VerbsLayouts.QP_PKEY_INDEX | VerbsLayouts.QP_PORT));
        ours.put("e.access", (long) (VerbsLayouts.ACCESS_LOCAL_WRITE | VerbsLayouts.ACCESS_REMOTE_WRITE));
        assertThat(ours).containsExactlyInAnyOrderEntriesOf(m);
    }

    private static boolean onPath(String exe) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            if (new File(dir, exe).canExecute()) {
                return true;
            }
        }
        return false;
    }

    private static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as("%s: %s", String.join(" ", cmd), out).isZero();
            return out;
        } finally {
            p.destroyForcibly();
        }
    }
}
