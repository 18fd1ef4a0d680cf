package io.gevgate.bridge.gpu;

import io.gevgate.bridge.convert.ConversionSpec;
import io.gevgate.bridge.convert.OutputFormat;

import java.lang.foreign.MemorySegment;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.bytedeco.cuda.cudart.CUctx_st;
import org.bytedeco.cuda.cudart.CUfunc_st;
import org.bytedeco.cuda.cudart.CUmod_st;
import org.bytedeco.javacpp.BytePointer;

import static org.bytedeco.cuda.global.cudart.cuCtxSetCurrent;
import static org.bytedeco.cuda.global.cudart.cuCtxSynchronize;
import static org.bytedeco.cuda.global.cudart.cuDevicePrimaryCtxRelease;
import static org.bytedeco.cuda.global.cudart.cuDevicePrimaryCtxRetain;
import static org.bytedeco.cuda.global.cudart.cuModuleGetFunction;
import static org.bytedeco.cuda.global.cudart.cuModuleLoadData;
import static org.bytedeco.cuda.global.cudart.cuModuleUnload;

/**
 * One open CUDA device: its primary context (shared with CudaVmmSlotMemory, so VMM slot pointers
 * are valid here), the conversion kernels loaded from CUBIN, and the pinned host memory registered
 * with it. Create converters (one per camera: each has its own stream) with {@link #converter}.
 */
public final class GpuDevice implements AutoCloseable {

    private final GpuDeviceInfo info;
    private final int driverVersion;
    private final CUctx_st context;
    private final CUmod_st module;
    private final Map<String, CUfunc_st> functions = new HashMap<>();
    private final GpuKernels.Cubin cubin;
    /** Pinned host ranges [start, end) (allocated or registered), for the "is this frame pinned" check. */
    private final CopyOnWriteArrayList<long[]> pinnedRanges = new CopyOnWriteArrayList<>();
    private boolean closed;

    private GpuDevice(GpuDeviceInfo info, int driverVersion, CUctx_st context, CUmod_st module, GpuKernels.Cubin cubin) {
        this.info = info;
        this.driverVersion = driverVersion;
        this.context = context;
        this.module = module;
        this.cubin = cubin;
    }

    static GpuDevice open(GpuDeviceInfo info, int driverVersion) {
        CUctx_st ctx = new CUctx_st();
        Cuda.check(cuDevicePrimaryCtxRetain(ctx, info.ordinal()), "cuDevicePrimaryCtxRetain(" + info.ordinal() + ")");
        try {
            Cuda.check(cuCtxSetCurrent(ctx), "cuCtxSetCurrent");
            GpuKernels.Cubin cubin = GpuKernels.cubinFor(info.arch(), CubinCache.defaultCache());
            CUmod_st module = new CUmod_st();
            BytePointer image = new BytePointer(cubin.bytes());
            Cuda.check(cuModuleLoadData(module, image), "cuModuleLoadData(" + cubin.arch() + " CUBIN, "
                    + cubin.bytes().length + " bytes, NVRTC " + cubin.nvrtcVersion() + ")");
            image.close();
            GpuDevice device = new GpuDevice(info, driverVersion, ctx, module, cubin);
            for (String name : KernelPlan.allKernelNames()) {
                CUfunc_st f = new CUfunc_st();
                Cuda.check(cuModuleGetFunction(f, module, name), "cuModuleGetFunction(" + name + ")");
                device.functions.put(name, f);
            }
            return device;
        } catch (RuntimeException | LinkageError e) {
            cuDevicePrimaryCtxRelease(info.ordinal());
            throw e;
        }
    }

    public GpuDeviceInfo info() {
        return info;
    }

    public int driverVersion() {
        return driverVersion;
    }

    /** Where the kernels came from: "CUBIN sm_90 (NVRTC 13.0, compiled in 812 ms, cached at ...)". */
    public String kernelOrigin() {
        return String.format("CUBIN %s, %d bytes, NVRTC %s, %s", cubin.arch(), cubin.bytes().length,
                cubin.nvrtcVersion(), cubin.fromCache() ? "loaded from cache " + cubin.cacheFile()
                        : String.format("compiled in %d ms, cache %s", cubin.compileNanos() / 1_000_000, cubin.cacheFile()));
    }

    /** Makes this device's context current on the calling thread (cheap; done before every API call batch). */
    public void makeCurrent() {
        Cuda.check(cuCtxSetCurrent(context), "cuCtxSetCurrent");
    }

    /** Waits for all work of this context on every stream (set-up, tests, shutdown; never the frame path). */
    public void synchronize() {
        makeCurrent();
        Cuda.check(cuCtxSynchronize(), "cuCtxSynchronize");
    }

    CUfunc_st function(String name) {
        CUfunc_st f = functions.get(name);
        if (f == null) {
            throw new IllegalArgumentException("no kernel " + name + " in the module");
        }
        return f;
    }

    /** A converter for one camera (own stream, own device staging buffer, {@code depth} reusable completions). */
    public GpuConverter converter(ConversionSpec spec, OutputFormat output, int depth) {
        return new GpuConverter(this, spec, output, depth, null);
    }

    /** As {@link #converter(ConversionSpec, OutputFormat, int)} with a chosen Bayer -> NV12 tile (benchmarks, tests). */
    public GpuConverter converter(ConversionSpec spec, OutputFormat output, int depth, KernelPlan.BayerTile tile) {
        return new GpuConverter(this, spec, output, depth, tile);
    }

    /** Page-locked host memory allocated by the driver (the receivers' frame pool can live in it). */
    public PinnedBuffer allocatePinned(long bytes) {
        makeCurrent();
        PinnedBuffer buffer = PinnedBuffer.allocate(this, bytes);
        pinnedRanges.add(new long[] {buffer.segment().address(), buffer.segment().address() + bytes});
        return buffer;
    }

    /**
     * Pins existing host memory (e.g. a receiver's frame pool) once, so that copies from it are
     * true asynchronous DMA. Close the registration before freeing the memory.
     */
    public PinnedBuffer registerHost(MemorySegment memory) {
        makeCurrent();
        PinnedBuffer buffer = PinnedBuffer.register(this, memory);
        pinnedRanges.add(new long[] {memory.address(), memory.address() + memory.byteSize()});
        return buffer;
    }

    void forgetPinned(long address) {
        pinnedRanges.removeIf(r -> r[0] == address);
    }

    /** Whether [address, address+bytes) lies inside memory allocated or registered through this device. */
    public boolean isPinned(long address, long bytes) {
        for (long[] r : pinnedRanges) {
            if (address >= r[0] && address + bytes <= r[1]) {
                return true;
            }
        }
        return false;
    }

    /** Device memory owned by the caller (staging, benchmarks). */
    public DeviceBuffer allocateDevice(long bytes) {
        makeCurrent();
        return DeviceBuffer.allocate(this, bytes);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        makeCurrent();
        cuModuleUnload(module);
        cuDevicePrimaryCtxRelease(info.ordinal());
    }

    @Override
    public String toString() {
        return info + ", driver " + driverVersion;
    }
}
