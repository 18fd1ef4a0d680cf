package io.gevgate.bridge.memory;

import java.lang.foreign.MemorySegment;

import org.bytedeco.cuda.cudart.CUctx_st;
import org.bytedeco.cuda.cudart.CUmemAccessDesc_v1;
import org.bytedeco.cuda.cudart.CUmemAllocationProp_v1;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacpp.SizeTPointer;

import io.gevgate.linux.Libc;

import static org.bytedeco.cuda.global.cudart.CU_MEM_ACCESS_FLAGS_PROT_READWRITE;
import static org.bytedeco.cuda.global.cudart.CU_MEM_ALLOCATION_TYPE_PINNED;
import static org.bytedeco.cuda.global.cudart.CU_MEM_ALLOC_GRANULARITY_MINIMUM;
import static org.bytedeco.cuda.global.cudart.CU_MEM_HANDLE_TYPE_POSIX_FILE_DESCRIPTOR;
import static org.bytedeco.cuda.global.cudart.CU_MEM_LOCATION_TYPE_DEVICE;
import static org.bytedeco.cuda.global.cudart.cuCtxSetCurrent;
import static org.bytedeco.cuda.global.cudart.cuCtxSynchronize;
import static org.bytedeco.cuda.global.cudart.cuDeviceGet;
import static org.bytedeco.cuda.global.cudart.cuDeviceGetCount;
import static org.bytedeco.cuda.global.cudart.cuDevicePrimaryCtxRetain;
import static org.bytedeco.cuda.global.cudart.cuGetErrorString;
import static org.bytedeco.cuda.global.cudart.cuInit;
import static org.bytedeco.cuda.global.cudart.cuMemAddressFree;
import static org.bytedeco.cuda.global.cudart.cuMemAddressReserve;
import static org.bytedeco.cuda.global.cudart.cuMemCreate;
import static org.bytedeco.cuda.global.cudart.cuMemExportToShareableHandle;
import static org.bytedeco.cuda.global.cudart.cuMemGetAllocationGranularity;
import static org.bytedeco.cuda.global.cudart.cuMemImportFromShareableHandle;
import static org.bytedeco.cuda.global.cudart.cuMemMap;
import static org.bytedeco.cuda.global.cudart.cuMemRelease;
import static org.bytedeco.cuda.global.cudart.cuMemSetAccess;
import static org.bytedeco.cuda.global.cudart.cuMemUnmap;
import static org.bytedeco.cuda.global.cudart.cuMemcpyDtoH;
import static org.bytedeco.cuda.global.cudart.cuMemcpyHtoD;

/**
 * Slot memory in VRAM through the CUDA driver's virtual memory management (protocol §4):
 * one {@code cuMemCreate} per slot with POSIX-FD export, size rounded to the minimum
 * granularity, mapped with read-write access. Importers map the received FDs the same way.
 * Loaded only when a CUDA device is present (this class pulls in JavaCPP's libjnicudart,
 * which needs libcuda.so.1).
 */
public final class CudaVmmSlotMemory implements SlotMemory {
    private static final Object INIT_LOCK = new Object();
    private static CUctx_st[] contexts = new CUctx_st[0];

    private final int device;
    private final long slotSize;
    private final long[] handles;
    private final long[] pointers;
    private final int[] fds;
    private boolean closed;

    private CudaVmmSlotMemory(int device, long slotSize, long[] handles, long[] pointers, int[] fds) {
        this.device = device;
        this.slotSize = slotSize;
        this.handles = handles;
        this.pointers = pointers;
        this.fds = fds;
    }

    static void check(int rc, String call) {
        if (rc != 0) {
            String text = "unknown";
            try (PointerPointer<BytePointer> out = new PointerPointer<>(1)) {
                if (cuGetErrorString(rc, out) == 0 && out.get(0) != null) {
                    text = out.get(BytePointer.class, 0).getString();
                }
            }
            throw new io.gevgate.bridge.cuframes.CuframesException(io.gevgate.bridge.cuframes.CuframesError.CUDA,
                    call + " failed: CUresult " + rc + " (" + text + ")");
        }
    }

    /** Number of CUDA devices (initialises the driver). */
    public static int deviceCount() {
        check(cuInit(0), "cuInit");
        int[] n = new int[1];
        check(cuDeviceGetCount(n), "cuDeviceGetCount");
        return n[0];
    }

    /** Makes the device's primary context current on this thread (retained once per process). */
    static void makeCurrent(int device) {
        synchronized (INIT_LOCK) {
            if (device >= contexts.length || contexts[device] == null) {
                check(cuInit(0), "cuInit");
                int[] dev = new int[1];
                check(cuDeviceGet(dev, device), "cuDeviceGet(" + device + ")");
                CUctx_st ctx = new CUctx_st();
                check(cuDevicePrimaryCtxRetain(ctx, dev[0]), "cuDevicePrimaryCtxRetain");
                if (device >= contexts.length) {
                    contexts = java.util.Arrays.copyOf(contexts, device + 1);
                }
                contexts[device] = ctx;
            }
            check(cuCtxSetCurrent(contexts[device]), "cuCtxSetCurrent");
        }
    }

    private static CUmemAllocationProp_v1 prop(int device) {
        CUmemAllocationProp_v1 p = new CUmemAllocationProp_v1();
        p.type(CU_MEM_ALLOCATION_TYPE_PINNED);
        p.requestedHandleTypes(CU_MEM_HANDLE_TYPE_POSIX_FILE_DESCRIPTOR);
        p.location().type(CU_MEM_LOCATION_TYPE_DEVICE).id(device);
        return p;
    }

    /** The minimum VMM granularity of {@code device} (2 MiB on current GPUs). */
    public static long granularity(int device) {
        makeCurrent(device);
        try (SizeTPointer g = new SizeTPointer(1)) {
            check(cuMemGetAllocationGranularity(g, prop(device), CU_MEM_ALLOC_GRANULARITY_MINIMUM),
                    "cuMemGetAllocationGranularity");
            return g.get();
        }
    }

    static long roundUp(long size, long granularity) {
        return (size + granularity - 1) / granularity * granularity;
    }

    private static long mapWithAccess(int device, long handle, long size) {
        long[] ptr = new long[1];
        check(cuMemAddressReserve(ptr, size, 0, 0, 0), "cuMemAddressReserve");
        int rc = cuMemMap(ptr[0], size, 0, handle, 0);
        if (rc != 0) {
            cuMemAddressFree(ptr[0], size);
            check(rc, "cuMemMap");
        }
        CUmemAccessDesc_v1 access = new CUmemAccessDesc_v1();
        access.location().type(CU_MEM_LOCATION_TYPE_DEVICE).id(device);
        access.flags(CU_MEM_ACCESS_FLAGS_PROT_READWRITE);
        rc = cuMemSetAccess(ptr[0], size, access, 1);
        if (rc != 0) {
            cuMemUnmap(ptr[0], size);
            cuMemAddressFree(ptr[0], size);
            check(rc, "cuMemSetAccess");
        }
        return ptr[0];
    }

    /** Allocates {@code count} exportable slots of at least {@code frameSize} bytes on {@code device}. */
    public static CudaVmmSlotMemory allocate(int device, int count, long frameSize) {
        long size = roundUp(frameSize, granularity(device));
        long[] handles = new long[count];
        long[] pointers = new long[count];
        int[] fds = new int[count];
        java.util.Arrays.fill(fds, -1);
        CudaVmmSlotMemory m = new CudaVmmSlotMemory(device, size, handles, pointers, fds);
        try {
            CUmemAllocationProp_v1 prop = prop(device);
            for (int i = 0; i < count; i++) {
                long[] h = new long[1];
                check(cuMemCreate(h, size, prop, 0), "cuMemCreate(" + size + ")");
                handles[i] = h[0];
                pointers[i] = mapWithAccess(device, h[0], size);
                try (IntPointer fd = new IntPointer(1)) {
                    check(cuMemExportToShareableHandle(fd, h[0], CU_MEM_HANDLE_TYPE_POSIX_FILE_DESCRIPTOR, 0),
                            "cuMemExportToShareableHandle");
                    fds[i] = fd.get();
                }
            }
            return m;
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
    }

    /** Imports received VMM FDs (closing each right after import) and maps them on {@code device}. */
    public static CudaVmmSlotMemory importFds(int device, int[] fds, long slotSize) {
        long[] handles = new long[fds.length];
        long[] pointers = new long[fds.length];
        int[] none = new int[fds.length];
        java.util.Arrays.fill(none, -1);
        CudaVmmSlotMemory m = new CudaVmmSlotMemory(device, slotSize, handles, pointers, none);
        try {
            makeCurrent(device);
            for (int i = 0; i < fds.length; i++) {
                final long fdValue = fds[i];
                // The driver wants the fd itself passed as the pointer value: (void*)(uintptr_t)fd.
                Pointer osHandle = new Pointer() {
                    {
                        address = fdValue;
                    }
                };
                long[] h = new long[1];
                check(cuMemImportFromShareableHandle(h, osHandle, CU_MEM_HANDLE_TYPE_POSIX_FILE_DESCRIPTOR),
                        "cuMemImportFromShareableHandle(slot " + i + ")");
                Libc.closeQuietly(fds[i]);
                fds[i] = -1;
                handles[i] = h[0];
                pointers[i] = mapWithAccess(device, h[0], slotSize);
            }
            return m;
        } catch (RuntimeException e) {
            for (int fd : fds) {
                Libc.closeQuietly(fd);
            }
            m.close();
            throw e;
        }
    }

    @Override
    public SlotMemoryKind kind() {
        return SlotMemoryKind.CUDA_VMM;
    }

    @Override
    public int slotCount() {
        return handles.length;
    }

    @Override
    public long slotSize() {
        return slotSize;
    }

    public int device() {
        return device;
    }

    @Override
    public int[] exportFds() {
        for (int fd : fds) {
            if (fd < 0) {
                throw new IllegalStateException("imported VMM memory has no FDs to export");
            }
        }
        return fds.clone();
    }

    @Override
    public boolean hostAccessible() {
        return false;
    }

    @Override
    public MemorySegment hostSlot(int slot) {
        throw new UnsupportedOperationException("VMM slots live in device memory; use pointer()/upload()/download()");
    }

    @Override
    public long pointer(int slot) {
        return pointers[slot];
    }

    private static Pointer hostPointer(MemorySegment seg) {
        final long addr = seg.address();
        return new Pointer() {
            {
                address = addr;
            }
        };
    }

    @Override
    public void upload(int slot, long offset, MemorySegment src) {
        if (offset < 0 || offset + src.byteSize() > slotSize) {
            throw new IndexOutOfBoundsException("upload of " + src.byteSize() + " bytes at " + offset + " exceeds slot " + slotSize);
        }
        makeCurrent(device);
        check(cuMemcpyHtoD(pointers[slot] + offset, hostPointer(src), src.byteSize()), "cuMemcpyHtoD");
    }

    @Override
    public void download(int slot, long offset, MemorySegment dst) {
        if (offset < 0 || offset + dst.byteSize() > slotSize) {
            throw new IndexOutOfBoundsException("download of " + dst.byteSize() + " bytes at " + offset + " exceeds slot " + slotSize);
        }
        makeCurrent(device);
        check(cuMemcpyDtoH(hostPointer(dst), pointers[slot] + offset, dst.byteSize()), "cuMemcpyDtoH");
    }

    @Override
    public void synchronize() {
        makeCurrent(device);
        check(cuCtxSynchronize(), "cuCtxSynchronize");
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        makeCurrent(device);
        for (int i = 0; i < handles.length; i++) {
            if (pointers[i] != 0) {
                cuMemUnmap(pointers[i], slotSize);
                cuMemAddressFree(pointers[i], slotSize);
            }
            if (handles[i] != 0) {
                cuMemRelease(handles[i]);
            }
            Libc.closeQuietly(fds[i]);
        }
    }
}
