package io.gevgate.bridge.gpu;

import io.gevgate.bridge.convert.ConversionException;
import io.gevgate.bridge.convert.ConversionSpec;
import io.gevgate.bridge.convert.Nv12Geometry;
import io.gevgate.bridge.convert.OutputFormat;

import java.lang.foreign.MemorySegment;

import org.bytedeco.cuda.cudart.CUDA_MEMCPY2D_v2;
import org.bytedeco.cuda.cudart.CUfunc_st;
import org.bytedeco.cuda.cudart.CUstream_st;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;

import static org.bytedeco.cuda.global.cudart.CU_FUNC_ATTRIBUTE_LOCAL_SIZE_BYTES;
import static org.bytedeco.cuda.global.cudart.CU_FUNC_ATTRIBUTE_NUM_REGS;
import static org.bytedeco.cuda.global.cudart.CU_MEMORYTYPE_DEVICE;
import static org.bytedeco.cuda.global.cudart.CU_MEMORYTYPE_HOST;
import static org.bytedeco.cuda.global.cudart.CU_STREAM_NON_BLOCKING;
import static org.bytedeco.cuda.global.cudart.cuEventRecord;
import static org.bytedeco.cuda.global.cudart.cuFuncGetAttribute;
import static org.bytedeco.cuda.global.cudart.cuLaunchKernel;
import static org.bytedeco.cuda.global.cudart.cuMemcpy2DAsync;
import static org.bytedeco.cuda.global.cudart.cuMemcpyHtoDAsync;
import static org.bytedeco.cuda.global.cudart.cuStreamCreate;
import static org.bytedeco.cuda.global.cudart.cuStreamDestroy;
import static org.bytedeco.cuda.global.cudart.cuStreamSynchronize;

/**
 * Converts one camera's frames on the GPU into caller-given device memory (a VMM ring slot's
 * address and pitches), bit-identical to {@link io.gevgate.bridge.convert.FrameConverter}.
 *
 * <p>Per frame, all asynchronous on the camera's own stream: H2D copy of the completed host frame
 * into a device staging buffer, record "source released", launch the kernel that writes the slot,
 * record "done". Stream order alone sequences copy -> kernel and keeps the next frame's copy from
 * overwriting staging that a kernel still reads, so one staging buffer is enough and the host
 * never synchronises; the returned {@link GpuCompletion} is what the publisher polls or waits on.
 * NATIVE output is a pitched copy straight into the slot (no staging, no kernel). Frames already
 * in device memory (RDMA) go through {@link #submitDevice} with no host round trip.
 *
 * <p>Copies from pinned memory ({@link GpuDevice#allocatePinned}, {@link GpuDevice#registerHost})
 * are true DMA; unpinned frames still work but the driver copies them synchronously through its
 * own bounce buffer: {@link #unpinnedSubmits()} counts them. Per frame there is no allocation:
 * the kernel argument block, the 2D-copy descriptor and the completions are created here once.
 * One thread at a time per converter.
 */
public final class GpuConverter implements AutoCloseable {

    private final GpuDevice device;
    private final ConversionSpec spec;
    private final OutputFormat output;
    private final KernelPlan plan;
    private final CUfunc_st function;
    private final CUstream_st stream = new CUstream_st();
    private final long sourceRowBytes;
    private final BytePointer paramsPointer;
    private final MemorySegment params;
    private final PointerPointer<BytePointer> args;
    private final CUDA_MEMCPY2D_v2 copy2d = new CUDA_MEMCPY2D_v2();
    private final GpuCompletion[] completions;
    private DeviceBuffer staging;
    private long sequence;
    private long unpinnedSubmits;
    private long ringWaits;
    private long stagingGrowths;
    private long preloadedBytes;
    private boolean closed;

    GpuConverter(GpuDevice device, ConversionSpec spec, OutputFormat output, int depth, KernelPlan.BayerTile tile) {
        if (depth < 1 || depth > 64) {
            throw new IllegalArgumentException("depth: expected 1..64 frames in flight but found " + depth);
        }
        this.device = device;
        this.spec = spec;
        this.output = output;
        this.sourceRowBytes = spec.layout().rowBytes(spec.width());
        device.makeCurrent();
        this.plan = output == OutputFormat.NATIVE ? null
                : tile == null ? KernelPlan.of(spec, output) : KernelPlan.of(spec, output, tile);
        this.function = plan == null ? null : device.function(plan.kernel());
        Cuda.check(cuStreamCreate(stream, CU_STREAM_NON_BLOCKING), "cuStreamCreate");
        this.paramsPointer = new BytePointer(KernelParams.SIZE);
        this.params = MemorySegment.ofAddress(paramsPointer.address()).reinterpret(KernelParams.SIZE);
        params.fill((byte) 0);
        if (plan != null) {
            KernelParams.writeConstant(params, plan);
        }
        this.args = new PointerPointer<>(1);
        args.put(0, paramsPointer);
        this.completions = new GpuCompletion[depth];
        for (int i = 0; i < depth; i++) {
            completions[i] = new GpuCompletion(this);
        }
    }

    public GpuDevice device() {
        return device;
    }

    public ConversionSpec spec() {
        return spec;
    }

    public OutputFormat output() {
        return output;
    }

    /** The camera's stream (benchmarks record timing events on it). */
    public CUstream_st stream() {
        return stream;
    }

    /** The kernel plan, or null for NATIVE output. */
    public KernelPlan plan() {
        return plan;
    }

    /**
     * Registers per thread of the loaded kernel (occupancy: the benchmark prints it next to the
     * times); -1 for NATIVE output, which has no kernel.
     */
    public int kernelRegisters() {
        return attribute(CU_FUNC_ATTRIBUTE_NUM_REGS);
    }

    /** Local (stack/spill) bytes per thread of the loaded kernel; -1 for NATIVE output. */
    public int kernelLocalBytes() {
        return attribute(CU_FUNC_ATTRIBUTE_LOCAL_SIZE_BYTES);
    }

    private int attribute(int attribute) {
        if (function == null) {
            return -1;
        }
        int[] value = new int[1];
        Cuda.check(cuFuncGetAttribute(value, attribute, function), "cuFuncGetAttribute(" + plan.kernel() + ")");
        return value[0];
    }

    /** Frames copied from memory that was not pinned through this device (slow synchronous path). */
    public long unpinnedSubmits() {
        return unpinnedSubmits;
    }

    /** Submits that had to wait because all {@code depth} completions were still in flight. */
    public long ringWaits() {
        return ringWaits;
    }

    /** Times the staging buffer had to grow (a larger source stride than before). */
    public long stagingGrowths() {
        return stagingGrowths;
    }

    /** Bytes a source frame occupies at {@code stride}: (height-1)*stride + rowBytes. */
    public long sourceBytes(long stride) {
        return Nv12Geometry.planeBytes(spec.height(), stride, sourceRowBytes);
    }

    /**
     * Copies a completed host frame to the GPU and converts it into the destination: for NV12
     * {@code dst0}/{@code pitch0} is the Y plane and {@code dst1}/{@code pitch1} the UV plane; for
     * RGBA8 and NATIVE only {@code dst0}/{@code pitch0} are used. Returns at once.
     */
    public GpuCompletion submit(MemorySegment hostFrame, long srcStride, long dst0, long pitch0, long dst1, long pitch1) {
        return submit(hostFrame, srcStride, dst0, pitch0, dst1, pitch1, 0);
    }

    /**
     * Copies host bytes [from, to) of a frame that is still arriving into the staging buffer at
     * the same offsets, asynchronously on this converter's stream, ahead of the
     * {@link #submit(MemorySegment, long, long, long, long, long, long) submit} that names that
     * prefix as preloaded. The host memory must be pinned (registered) and stay so until that
     * submit's completion or {@link #synchronize}. Returns the end of the prefix now preloaded:
     * {@code to}, or 0 when nothing was done (NATIVE output has no staging, memory not pinned).
     */
    public long preload(long hostAddress, long from, long to) {
        if (plan == null || to <= from || from < 0 || !device.isPinned(hostAddress + from, to - from)) {
            return 0;
        }
        device.makeCurrent();
        // sized for a whole unpadded frame at once, so that the submit does not reallocate it
        // (and lose the preloaded prefix) unless the frame has row padding
        if (ensureStaging(Math.max(to, sourceBytes(sourceRowBytes)))) {
            from = 0; // a new staging buffer holds nothing of the earlier chunks
            if (!device.isPinned(hostAddress, to)) {
                return 0;
            }
        }
        Cuda.check(cuMemcpyHtoDAsync(staging.address() + from, Cuda.hostPointer(hostAddress + from), to - from, stream),
                "cuMemcpyHtoDAsync(preload " + (to - from) + " bytes)");
        preloadedBytes += to - from;
        return to;
    }

    /** Host bytes copied ahead of completion by {@link #preload}, in total. */
    public long preloadedBytes() {
        return preloadedBytes;
    }

    /**
     * {@link #submit(MemorySegment, long, long, long, long, long)} for a frame whose first
     * {@code preloaded} bytes are already in staging ({@link #preload}, same host memory, nothing
     * submitted in between): only the rest is copied.
     */
    public GpuCompletion submit(MemorySegment hostFrame, long srcStride, long dst0, long pitch0, long dst1, long pitch1,
                                long preloaded) {
        checkGeometry(srcStride, dst0, pitch0, dst1, pitch1);
        long bytes = sourceBytes(srcStride);
        if (hostFrame == null || !hostFrame.isNative() || hostFrame.byteSize() < bytes) {
            throw new ConversionException(String.format("source frame: expected native memory of >= %d bytes "
                    + "(%s %dx%d, stride %d) but found %s", bytes, spec.layout(), spec.width(), spec.height(), srcStride,
                    hostFrame == null ? "null" : (hostFrame.isNative() ? hostFrame.byteSize() + " bytes" : "heap memory")));
        }
        device.makeCurrent();
        if (!device.isPinned(hostFrame.address(), bytes)) {
            unpinnedSubmits++;
        }
        GpuCompletion c = nextCompletion();
        if (plan == null) {
            copy2d(CU_MEMORYTYPE_HOST, hostFrame.address(), srcStride, dst0, pitch0);
            record(c.sourceReleasedEvent());
        } else {
            long done = ensureStaging(bytes) ? 0 : Math.min(Math.max(0, preloaded), bytes);
            if (done < bytes) {
                Cuda.check(cuMemcpyHtoDAsync(staging.address() + done, Cuda.hostPointer(hostFrame.address() + done),
                        bytes - done, stream), "cuMemcpyHtoDAsync(" + (bytes - done) + " bytes)");
            }
            record(c.sourceReleasedEvent());
            launch(staging.address(), srcStride, dst0, pitch0, dst1, pitch1);
        }
        record(c.doneEvent());
        return c;
    }

    /**
     * Converts a frame that already sits in device memory (RDMA / GPUDirect path): no host round
     * trip, the kernel reads {@code srcDevice} directly. "Source released" is recorded after the
     * kernel, since the kernel reads the source.
     */
    public GpuCompletion submitDevice(long srcDevice, long srcStride, long dst0, long pitch0, long dst1, long pitch1) {
        checkGeometry(srcStride, dst0, pitch0, dst1, pitch1);
        if (srcDevice == 0) {
            throw new ConversionException("source frame: expected a device address but found 0");
        }
        device.makeCurrent();
        GpuCompletion c = nextCompletion();
        if (plan == null) {
            copy2d(CU_MEMORYTYPE_DEVICE, srcDevice, srcStride, dst0, pitch0);
        } else {
            launch(srcDevice, srcStride, dst0, pitch0, dst1, pitch1);
        }
        record(c.sourceReleasedEvent());
        record(c.doneEvent());
        return c;
    }

    /** Only the kernel (no copy, no events): for benchmarks that time it with their own events. */
    public void launchOnly(long srcDevice, long srcStride, long dst0, long pitch0, long dst1, long pitch1) {
        checkGeometry(srcStride, dst0, pitch0, dst1, pitch1);
        if (plan == null) {
            throw new IllegalStateException("NATIVE output has no kernel");
        }
        device.makeCurrent();
        launch(srcDevice, srcStride, dst0, pitch0, dst1, pitch1);
    }

    /** Blocks until everything submitted so far is complete (shutdown, tests). */
    public void synchronize() {
        device.makeCurrent();
        Cuda.check(cuStreamSynchronize(stream), "cuStreamSynchronize");
    }

    private void launch(long src, long srcStride, long dst0, long pitch0, long dst1, long pitch1) {
        KernelParams.writeAddresses(params, src, srcStride, dst0, pitch0, dst1, pitch1);
        Cuda.check(cuLaunchKernel(function, plan.gridX(), plan.gridY(), 1, plan.blockX(), plan.blockY(), 1, 0,
                stream, args, (PointerPointer<?>) null), "cuLaunchKernel(" + plan + ")");
    }

    private void copy2d(int srcType, long src, long srcStride, long dst, long dstPitch) {
        copy2d.srcXInBytes(0).srcY(0).srcMemoryType(srcType).srcPitch(srcStride);
        if (srcType == CU_MEMORYTYPE_HOST) {
            copy2d.srcHost(Cuda.hostPointer(src)).srcDevice(0);
        } else {
            copy2d.srcDevice(src).srcHost(null);
        }
        copy2d.dstXInBytes(0).dstY(0).dstMemoryType(CU_MEMORYTYPE_DEVICE).dstDevice(dst).dstHost(null).dstPitch(dstPitch);
        copy2d.WidthInBytes(sourceRowBytes).Height(spec.height());
        Cuda.check(cuMemcpy2DAsync(copy2d, stream), "cuMemcpy2DAsync(native rows)");
    }

    private void record(org.bytedeco.cuda.cudart.CUevent_st event) {
        Cuda.check(cuEventRecord(event, stream), "cuEventRecord");
    }

    private GpuCompletion nextCompletion() {
        if (closed) {
            throw new IllegalStateException("converter closed");
        }
        GpuCompletion c = completions[(int) (sequence % completions.length)];
        if (c.sequence() >= 0 && !c.isDone()) {
            ringWaits++; // back-pressure: more than depth frames in flight
            c.await();
        }
        c.arm(sequence++);
        return c;
    }

    /** Makes staging hold {@code bytes}; true when it had to be (re)allocated (its old content is gone). */
    private boolean ensureStaging(long bytes) {
        if (staging != null && staging.size() >= bytes) {
            return false;
        }
        if (staging != null) {
            synchronize(); // a kernel may still read the old buffer
            staging.close();
            stagingGrowths++;
        }
        staging = device.allocateDevice(bytes);
        return true;
    }

    private void checkGeometry(long srcStride, long dst0, long pitch0, long dst1, long pitch1) {
        if (srcStride < sourceRowBytes) {
            throw new ConversionException(String.format("source stride: expected >= %d bytes (%s, width %d) but found %d",
                    sourceRowBytes, spec.layout(), spec.width(), srcStride));
        }
        long row0 = switch (output) {
            case NV12 -> Nv12Geometry.yRowBytes(spec.width());
            case RGBA8 -> 4L * spec.width();
            case NATIVE -> sourceRowBytes;
        };
        String what = output == OutputFormat.NV12 ? "NV12 Y plane" : output == OutputFormat.RGBA8 ? "RGBA8 image" : "native image";
        if (dst0 == 0) {
            throw new ConversionException(what + ": expected a device address but found 0");
        }
        if (pitch0 < row0) {
            throw new ConversionException(String.format("%s pitch: expected >= %d bytes but found %d", what, row0, pitch0));
        }
        if (output == OutputFormat.NV12) {
            long row1 = Nv12Geometry.uvRowBytes(spec.width());
            if (dst1 == 0) {
                throw new ConversionException("NV12 UV plane: expected a device address but found 0");
            }
            if (pitch1 < row1) {
                throw new ConversionException(String.format("NV12 UV plane pitch: expected >= %d bytes but found %d",
                        row1, pitch1));
            }
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        device.makeCurrent();
        cuStreamSynchronize(stream);
        closed = true;
        for (GpuCompletion c : completions) {
            c.destroy();
        }
        if (staging != null) {
            staging.close();
        }
        cuStreamDestroy(stream);
        paramsPointer.close();
        args.close();
        copy2d.close();
    }
}
