package io.gevgate.linux.verbs;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * FFM binding to libibverbs ({@code libibverbs.so.1}), loaded lazily on first use: a host without
 * rdma-core never touches it. One instance per process ({@link #load()}). The data-path calls that
 * verbs.h defines as inline functions ({@code ibv_poll_cq}, {@code ibv_req_notify_cq},
 * {@code ibv_post_recv}) go through the provider's function pointers in {@code struct ibv_context}.
 *
 * <p>Hardware-unverified: this machine has no RDMA device, so only loading, device listing and
 * the struct layouts are tested.
 */
public final class IbVerbs {
    public static final String LIBRARY = "libibverbs.so.1";
    private static final Linker LINKER = Linker.nativeLinker();
    private static volatile Object instance; // IbVerbs or RdmaUnavailableException

    final MethodHandle getDeviceList;
    final MethodHandle freeDeviceList;
    final MethodHandle getDeviceName;
    final MethodHandle openDevice;
    final MethodHandle closeDevice;
    final MethodHandle queryPort;
    final MethodHandle queryGidEx;
    final MethodHandle allocPd;
    final MethodHandle deallocPd;
    final MethodHandle regMrIova2;
    final Optional<MethodHandle> regDmabufMr;
    final MethodHandle deregMr;
    final MethodHandle createCompChannel;
    final MethodHandle destroyCompChannel;
    final MethodHandle createCq;
    final MethodHandle destroyCq;
    final MethodHandle createQp;
    final MethodHandle modifyQp;
    final MethodHandle destroyQp;
    final MethodHandle getCqEvent;
    final MethodHandle ackCqEvents;
    /** (fnptr, cq, num_entries, wc*) → int */
    final MethodHandle pollCq = LINKER.downcallHandle(FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS));
    /** (fnptr, cq, solicited_only) → int */
    final MethodHandle reqNotifyCq = LINKER.downcallHandle(FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    /** (fnptr, qp, wr*, bad_wr**) → int */
    final MethodHandle postRecv = LINKER.downcallHandle(FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS));

    private IbVerbs(SymbolLookup lib) throws RdmaUnavailableException {
        getDeviceList = fn(lib, "ibv_get_device_list", FunctionDescriptor.of(ADDRESS, ADDRESS));
        freeDeviceList = fn(lib, "ibv_free_device_list", FunctionDescriptor.ofVoid(ADDRESS));
        getDeviceName = fn(lib, "ibv_get_device_name", FunctionDescriptor.of(ADDRESS.withTargetLayout(
                java.lang.foreign.MemoryLayout.sequenceLayout(64, JAVA_BYTE)), ADDRESS));
        openDevice = fn(lib, "ibv_open_device", FunctionDescriptor.of(ADDRESS, ADDRESS));
        closeDevice = fn(lib, "ibv_close_device", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        queryPort = fn(lib, "ibv_query_port", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_BYTE, ADDRESS));
        queryGidEx = fn(lib, "_ibv_query_gid_ex",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_LONG));
        allocPd = fn(lib, "ibv_alloc_pd", FunctionDescriptor.of(ADDRESS, ADDRESS));
        deallocPd = fn(lib, "ibv_dealloc_pd", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        regMrIova2 = fn(lib, "ibv_reg_mr_iova2",
                FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, JAVA_LONG, JAVA_INT));
        regDmabufMr = lib.find("ibv_reg_dmabuf_mr").map(a -> LINKER.downcallHandle(a,
                FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_INT, JAVA_INT)));
        deregMr = fn(lib, "ibv_dereg_mr", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        createCompChannel = fn(lib, "ibv_create_comp_channel", FunctionDescriptor.of(ADDRESS, ADDRESS));
        destroyCompChannel = fn(lib, "ibv_destroy_comp_channel", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        createCq = fn(lib, "ibv_create_cq",
                FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));
        destroyCq = fn(lib, "ibv_destroy_cq", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        createQp = fn(lib, "ibv_create_qp", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS));
        modifyQp = fn(lib, "ibv_modify_qp", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));
        destroyQp = fn(lib, "ibv_destroy_qp", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        getCqEvent = fn(lib, "ibv_get_cq_event", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
        ackCqEvents = fn(lib, "ibv_ack_cq_events", FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT));
    }

    /**
     * Loads libibverbs once. Throws {@link RdmaUnavailableException} ("no RDMA device: …") when the
     * library is missing or lacks a symbol; later calls rethrow the same answer without retrying.
     */
    public static IbVerbs load() throws RdmaUnavailableException {
        Object v = instance;
        if (v == null) {
            synchronized (IbVerbs.class) {
                v = instance;
                if (v == null) {
                    try {
                        v = new IbVerbs(SymbolLookup.libraryLookup(LIBRARY, Arena.global()));
                    } catch (IllegalArgumentException e) {
                        v = new RdmaUnavailableException(LIBRARY + " could not be loaded (install rdma-core's "
                                + "libibverbs1 and an RDMA NIC driver): " + e.getMessage());
                    } catch (RdmaUnavailableException e) {
                        v = e;
                    }
                    instance = v;
                }
            }
        }
        if (v instanceof RdmaUnavailableException e) {
            throw new RdmaUnavailableException(e.getMessage().substring("no RDMA device: ".length()), e);
        }
        return (IbVerbs) v;
    }

    /** Names of the RDMA devices libibverbs lists; throws "no RDMA device" when there are none. */
    public List<String> deviceNames() throws RdmaUnavailableException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment num = a.allocate(JAVA_INT);
            MemorySegment list = (MemorySegment) getDeviceList.invokeExact(num);
            int n = num.get(JAVA_INT, 0);
            if (list.equals(MemorySegment.NULL)) {
                throw new RdmaUnavailableException("ibv_get_device_list failed (is the ib_uverbs kernel module loaded?)");
            }
            try {
                if (n <= 0) {
                    throw new RdmaUnavailableException(LIBRARY + " is loaded but lists no device (no RDMA NIC, and "
                            + "no rxe/siw soft-RoCE device configured): use the soft-RoCE engine");
                }
                MemorySegment arr = list.reinterpret(8L * n);
                List<String> names = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    MemorySegment dev = arr.getAtIndex(ADDRESS, i);
                    MemorySegment name = (MemorySegment) getDeviceName.invokeExact(dev);
                    names.add(name.getString(0));
                }
                return names;
            } finally {
                freeDeviceList.invokeExact(list);
            }
        } catch (RdmaUnavailableException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("libibverbs call failed", t);
        }
    }

    /** Whether the library offers {@code ibv_reg_dmabuf_mr} (rdma-core ≥ 34; needed for GPU memory). */
    public boolean supportsDmaBuf() {
        return regDmabufMr.isPresent();
    }

    private static MethodHandle fn(SymbolLookup lib, String name, FunctionDescriptor fd) throws RdmaUnavailableException {
        MemorySegment addr = lib.find(name).orElseThrow(() -> new RdmaUnavailableException(
                LIBRARY + " lacks " + name + " (rdma-core too old?)"));
        return LINKER.downcallHandle(addr, fd);
    }
}
