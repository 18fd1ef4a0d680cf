package io.gevgate.linux.verbs;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * One receive-only RoCEv2 UC queue pair on one RDMA device: the steps of the Holoscan Sensor Bridge
 * receiver ({@code docs/rdma-profile.md} lists them), enforced in order by {@link VerbsState}.
 * Hardware-unverified (no RDMA device on the machines this was written on).
 */
public final class VerbsSession implements AutoCloseable {
    private final IbVerbs v;
    private final Arena arena = Arena.ofShared();
    private final List<MemorySegment> regions = new ArrayList<>();
    private final String deviceName;
    private final int port;
    private VerbsState state = VerbsState.CLOSED;
    private MemorySegment context = MemorySegment.NULL;
    private MemorySegment pd = MemorySegment.NULL;
    private MemorySegment channel = MemorySegment.NULL;
    private MemorySegment cq = MemorySegment.NULL;
    private MemorySegment qp = MemorySegment.NULL;
    private MemorySegment recvWr;
    private MemorySegment badWr;
    private MemorySegment eventCq;
    private MemorySegment eventCtx;

    private VerbsSession(IbVerbs v, String deviceName, int port) {
        this.v = v;
        this.deviceName = deviceName;
        this.port = port;
    }

    /** Opens {@code deviceName} (null = the first device) and allocates PD, completion channel and CQ. */
    public static VerbsSession open(String deviceName, int port, int cqDepth) throws RdmaUnavailableException, VerbsException {
        IbVerbs v = IbVerbs.load();
        List<String> names = v.deviceNames();
        String name = deviceName == null ? names.get(0) : deviceName;
        if (!names.contains(name)) {
            throw new RdmaUnavailableException("device " + name + " not found (devices: " + names + ")");
        }
        VerbsSession s = new VerbsSession(v, name, port);
        try {
            s.openDevice(cqDepth);
            return s;
        } catch (VerbsException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    public VerbsState state() {
        return state;
    }

    public String deviceName() {
        return deviceName;
    }

    private void openDevice(int cqDepth) throws VerbsException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment num = a.allocate(JAVA_INT);
            MemorySegment list = (MemorySegment) v.getDeviceList.invokeExact(num);
            try {
                MemorySegment arr = list.reinterpret(8L * num.get(JAVA_INT, 0));
                for (int i = 0; i < num.get(JAVA_INT, 0); i++) {
                    MemorySegment dev = arr.getAtIndex(ADDRESS, i);
                    MemorySegment n = (MemorySegment) v.getDeviceName.invokeExact(dev);
                    if (n.getString(0).equals(deviceName)) {
                        context = ((MemorySegment) v.openDevice.invokeExact(dev)).reinterpret(512);
                    }
                }
            } finally {
                v.freeDeviceList.invokeExact(list);
            }
            check(!context.equals(MemorySegment.NULL), "ibv_open_device", deviceName);
            state = state.to(VerbsState.DEVICE_OPEN);
            pd = (MemorySegment) v.allocPd.invokeExact(context);
            check(!pd.equals(MemorySegment.NULL), "ibv_alloc_pd", deviceName);
            channel = ((MemorySegment) v.createCompChannel.invokeExact(context)).reinterpret(16);
            check(!channel.equals(MemorySegment.NULL), "ibv_create_comp_channel", deviceName);
            cq = (MemorySegment) v.createCq.invokeExact(context, cqDepth, MemorySegment.NULL, channel, 0);
            check(!cq.equals(MemorySegment.NULL), "ibv_create_cq", "depth " + cqDepth);
            state = state.to(VerbsState.RESOURCES);
        } catch (VerbsException e) {
            state = VerbsState.FAILED;
            throw e;
        } catch (Throwable t) {
            state = VerbsState.FAILED;
            throw new IllegalStateException(t);
        }
    }

    /**
     * Finds the RoCEv2 GID whose interface id is the IPv4-mapped {@code ::ffff:ipv4} of the host
     * address the device sends to; returns its index.
     */
    public int findRoceV2Gid(int hostIpv4) throws RdmaUnavailableException, VerbsException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment attr = a.allocate(256, 8);
            int rc = (int) v.queryPort.invokeExact(context, (byte) port, attr);
            check(rc == 0, "ibv_query_port", "port " + port, rc);
            if (attr.get(JAVA_BYTE, VerbsLayouts.PORT_LINK_LAYER) != VerbsLayouts.LINK_LAYER_ETHERNET) {
                throw new RdmaUnavailableException(deviceName + " port " + port + " is not Ethernet (RoCE needs Ethernet)");
            }
            int n = attr.get(JAVA_INT, VerbsLayouts.PORT_GID_TBL_LEN);
            MemorySegment entry = a.allocate(VerbsLayouts.GID_ENTRY_SIZE, 8);
            for (int i = 0; i < n; i++) {
                int r = (int) v.queryGidEx.invokeExact(context, port, i, entry, 0, VerbsLayouts.GID_ENTRY_SIZE);
                if (r != 0 || entry.get(JAVA_INT, VerbsLayouts.GID_ENTRY_GID_TYPE) != VerbsLayouts.GID_TYPE_ROCE_V2) {
                    continue;
                }
                if (isIpv4Mapped(entry, hostIpv4)) {
                    return i;
                }
            }
            throw new RdmaUnavailableException("no RoCEv2 GID for the host address on " + deviceName + " port " + port);
        } catch (RdmaUnavailableException | VerbsException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    static boolean isIpv4Mapped(MemorySegment gid, int ipv4) {
        for (int i = 0; i < 10; i++) {
            if (gid.get(JAVA_BYTE, i) != 0) {
                return false;
            }
        }
        return gid.get(JAVA_BYTE, 10) == (byte) 0xFF && gid.get(JAVA_BYTE, 11) == (byte) 0xFF
                && gid.get(JAVA_INT.withOrder(java.nio.ByteOrder.BIG_ENDIAN), 12) == ipv4;
    }

    /** Registers host memory (pinned, say) at {@code iova} for remote writes; returns {@code {lkey, rkey}}. */
    public int[] registerHost(MemorySegment memory, long iova) throws VerbsException {
        try {
            MemorySegment mr = ((MemorySegment) v.regMrIova2.invokeExact(pd, memory, memory.byteSize(), iova,
                    VerbsLayouts.ACCESS_LOCAL_WRITE | VerbsLayouts.ACCESS_REMOTE_WRITE)).reinterpret(48);
            return registered(mr, "ibv_reg_mr_iova2");
        } catch (VerbsException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /**
     * Registers GPU memory exported as a dma-buf ({@code cuMemGetHandleForAddressRange} with
     * {@code CU_MEM_RANGE_HANDLE_TYPE_DMA_BUF_FD}) at {@code iova}; returns {@code {lkey, rkey}}.
     */
    public int[] registerDmaBuf(int fd, long offset, long length, long iova) throws VerbsException {
        var h = v.regDmabufMr.orElseThrow(() -> new VerbsException("ibv_reg_dmabuf_mr", -1,
                "libibverbs predates dma-buf registration (rdma-core >= 34 needed)"));
        try {
            MemorySegment mr = ((MemorySegment) h.invokeExact(pd, offset, length, iova, fd,
                    VerbsLayouts.ACCESS_LOCAL_WRITE | VerbsLayouts.ACCESS_REMOTE_WRITE)).reinterpret(48);
            return registered(mr, "ibv_reg_dmabuf_mr");
        } catch (VerbsException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private int[] registered(MemorySegment mr, String call) throws VerbsException {
        check(!mr.equals(MemorySegment.NULL), call, deviceName);
        regions.add(mr);
        state = state.to(VerbsState.MEMORY_REGISTERED);
        return new int[]{mr.get(JAVA_INT, VerbsLayouts.MR_LKEY), mr.get(JAVA_INT, VerbsLayouts.MR_RKEY)};
    }

    /** Creates the UC QP (RESET), moves it to INIT, posts {@code receives} empty WRs (they only consume immediates). */
    public int createQueuePair(int receives) throws VerbsException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment init = a.allocate(VerbsLayouts.QP_INIT_SIZE, 8);
            init.set(ADDRESS, VerbsLayouts.QP_INIT_SEND_CQ, cq);
            init.set(ADDRESS, VerbsLayouts.QP_INIT_RECV_CQ, cq);
            init.set(JAVA_INT, VerbsLayouts.QP_INIT_CAP, 1); // max_send_wr
            init.set(JAVA_INT, VerbsLayouts.QP_INIT_CAP + 4, receives); // max_recv_wr
            init.set(JAVA_INT, VerbsLayouts.QP_INIT_CAP + 8, 1);
            init.set(JAVA_INT, VerbsLayouts.QP_INIT_CAP + 12, 1);
            init.set(JAVA_INT, VerbsLayouts.QP_INIT_QP_TYPE, VerbsLayouts.QPT_UC);
            qp = ((MemorySegment) v.createQp.invokeExact(pd, init)).reinterpret(64);
            check(!qp.equals(MemorySegment.NULL), "ibv_create_qp", "UC, " + receives + " receives");
            state = state.to(VerbsState.QP_RESET);
            MemorySegment attr = a.allocate(VerbsLayouts.QP_ATTR_SIZE, 8);
            attr.set(JAVA_INT, VerbsLayouts.QP_ATTR_STATE, VerbsLayouts.QPS_INIT);
            attr.set(JAVA_INT, VerbsLayouts.QP_ATTR_ACCESS_FLAGS,
                    VerbsLayouts.ACCESS_LOCAL_WRITE | VerbsLayouts.ACCESS_REMOTE_WRITE);
            attr.set(JAVA_SHORT, VerbsLayouts.QP_ATTR_PKEY_INDEX, (short) 0);
            attr.set(JAVA_BYTE, VerbsLayouts.QP_ATTR_PORT_NUM, (byte) port);
            int rc = (int) v.modifyQp.invokeExact(qp, attr, VerbsLayouts.QP_STATE | VerbsLayouts.QP_ACCESS_FLAGS
                    | VerbsLayouts.QP_PKEY_INDEX | VerbsLayouts.QP_PORT);
            check(rc == 0, "ibv_modify_qp(INIT)", deviceName, rc);
            state = state.to(VerbsState.QP_INIT);
            recvWr = arena.allocate(VerbsLayouts.RECV_WR);
            badWr = arena.allocate(ADDRESS);
            eventCq = arena.allocate(ADDRESS);
            eventCtx = arena.allocate(ADDRESS);
            for (int i = 0; i < receives; i++) {
                postReceive(0x1000 + i);
            }
            state = state.to(VerbsState.RECEIVES_POSTED);
            return qp.get(JAVA_INT, VerbsLayouts.QP_NUM);
        } catch (VerbsException e) {
            state = VerbsState.FAILED;
            throw e;
        } catch (Throwable t) {
            state = VerbsState.FAILED;
            throw new IllegalStateException(t);
        }
    }

    /** One empty receive WR (no scatter list: an RDMA WRITE with immediate consumes it without data). */
    public void postReceive(long wrId) throws VerbsException {
        recvWr.set(JAVA_LONG, 0, wrId);
        recvWr.set(ADDRESS, 8, MemorySegment.NULL);
        recvWr.set(ADDRESS, 16, MemorySegment.NULL);
        recvWr.set(JAVA_INT, 24, 0);
        try {
            int rc = (int) v.postRecv.invokeExact(context.get(ADDRESS, VerbsLayouts.CONTEXT_POST_RECV), qp, recvWr, badWr);
            check(rc == 0, "ibv_post_recv", "wr " + wrId, rc);
        } catch (VerbsException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** INIT → RTR towards the device's GID (IPv4-mapped) with our GID index; never RTS (receive only). */
    public void toReadyToReceive(int pathMtu, byte[] deviceGid, int sgidIndex, int remoteQpn, int rqPsn) throws VerbsException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment attr = a.allocate(VerbsLayouts.QP_ATTR_SIZE, 8);
            attr.set(JAVA_INT, VerbsLayouts.QP_ATTR_STATE, VerbsLayouts.QPS_RTR);
            attr.set(JAVA_INT, VerbsLayouts.QP_ATTR_PATH_MTU, VerbsLayouts.mtuEnum(pathMtu));
            attr.set(JAVA_INT, VerbsLayouts.QP_ATTR_RQ_PSN, rqPsn);
            attr.set(JAVA_INT, VerbsLayouts.QP_ATTR_DEST_QP_NUM, remoteQpn);
            long ah = VerbsLayouts.QP_ATTR_AH;
            MemorySegment.copy(MemorySegment.ofArray(deviceGid), 0, attr, ah + VerbsLayouts.AH_GRH_DGID, 16);
            attr.set(JAVA_BYTE, ah + VerbsLayouts.AH_GRH_SGID_INDEX, (byte) sgidIndex);
            attr.set(JAVA_BYTE, ah + VerbsLayouts.AH_GRH_HOP_LIMIT, (byte) 0xFF);
            attr.set(JAVA_BYTE, ah + VerbsLayouts.AH_IS_GLOBAL, (byte) 1);
            attr.set(JAVA_BYTE, ah + VerbsLayouts.AH_PORT_NUM, (byte) port);
            int rc = (int) v.modifyQp.invokeExact(qp, attr, VerbsLayouts.QP_STATE | VerbsLayouts.QP_AV
                    | VerbsLayouts.QP_PATH_MTU | VerbsLayouts.QP_DEST_QPN | VerbsLayouts.QP_RQ_PSN);
            check(rc == 0, "ibv_modify_qp(RTR)", deviceName, rc);
            state = state.to(VerbsState.QP_RTR);
            rc = (int) v.reqNotifyCq.invokeExact(context.get(ADDRESS, VerbsLayouts.CONTEXT_REQ_NOTIFY_CQ), cq, 0);
            check(rc == 0, "ibv_req_notify_cq", deviceName, rc);
            state = state.to(VerbsState.RUNNING);
        } catch (VerbsException e) {
            state = VerbsState.FAILED;
            throw e;
        } catch (Throwable t) {
            state = VerbsState.FAILED;
            throw new IllegalStateException(t);
        }
    }

    /** The completion channel's fd (poll it, then call {@link #awaitCompletions}). */
    public int completionFd() {
        return channel.get(JAVA_INT, VerbsLayouts.COMP_CHANNEL_FD);
    }

    /**
     * Blocks for a CQ event, acknowledges it, re-arms notification and drains up to
     * {@code max} work completions into {@code wcs} (an array of {@link VerbsLayouts#WC}).
     */
    public int awaitCompletions(MemorySegment wcs, int max) throws VerbsException {
        try {
            int rc = (int) v.getCqEvent.invokeExact(channel, eventCq, eventCtx);
            check(rc == 0, "ibv_get_cq_event", deviceName, rc);
            v.ackCqEvents.invokeExact(cq, 1);
            rc = (int) v.reqNotifyCq.invokeExact(context.get(ADDRESS, VerbsLayouts.CONTEXT_REQ_NOTIFY_CQ), cq, 0);
            check(rc == 0, "ibv_req_notify_cq", deviceName, rc);
            int n = (int) v.pollCq.invokeExact(context.get(ADDRESS, VerbsLayouts.CONTEXT_POLL_CQ), cq, max, wcs);
            check(n >= 0, "ibv_poll_cq", deviceName, n);
            return n;
        } catch (VerbsException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private static void check(boolean ok, String call, String context) throws VerbsException {
        check(ok, call, context, -1);
    }

    private static void check(boolean ok, String call, String context, int rc) throws VerbsException {
        if (!ok) {
            throw new VerbsException(call, rc, context);
        }
    }

    @Override
    public void close() {
        try {
            if (!qp.equals(MemorySegment.NULL)) {
                int ignored = (int) v.destroyQp.invokeExact(qp);
            }
            for (MemorySegment mr : regions) {
                int ignored = (int) v.deregMr.invokeExact(mr);
            }
            if (!cq.equals(MemorySegment.NULL)) {
                int ignored = (int) v.destroyCq.invokeExact(cq);
            }
            if (!channel.equals(MemorySegment.NULL)) {
                int ignored = (int) v.destroyCompChannel.invokeExact(channel);
            }
            if (!pd.equals(MemorySegment.NULL)) {
                int ignored = (int) v.deallocPd.invokeExact(pd);
            }
            if (!context.equals(MemorySegment.NULL)) {
                int ignored = (int) v.closeDevice.invokeExact(context);
            }
        } catch (Throwable t) {
            throw new IllegalStateException("releasing verbs resources failed", t);
        } finally {
            qp = cq = channel = pd = context = MemorySegment.NULL;
            regions.clear();
            state = VerbsState.CLOSED;
            arena.close();
        }
    }
}
