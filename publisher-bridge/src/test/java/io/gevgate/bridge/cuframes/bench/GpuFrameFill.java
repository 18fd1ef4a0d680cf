package io.gevgate.bridge.cuframes.bench;

import org.bytedeco.cuda.cudart.CUctx_st;
import org.bytedeco.cuda.cudart.CUstream_st;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;

import static org.bytedeco.cuda.global.cudart.CU_STREAM_NON_BLOCKING;
import static org.bytedeco.cuda.global.cudart.cuCtxSetCurrent;
import static org.bytedeco.cuda.global.cudart.cuDeviceGet;
import static org.bytedeco.cuda.global.cudart.cuDevicePrimaryCtxRetain;
import static org.bytedeco.cuda.global.cudart.cuGetErrorString;
import static org.bytedeco.cuda.global.cudart.cuInit;
import static org.bytedeco.cuda.global.cudart.cuMemAlloc;
import static org.bytedeco.cuda.global.cudart.cuMemFree;
import static org.bytedeco.cuda.global.cudart.cuMemcpyDtoDAsync;
import static org.bytedeco.cuda.global.cudart.cuMemsetD8;
import static org.bytedeco.cuda.global.cudart.cuStreamCreate;
import static org.bytedeco.cuda.global.cudart.cuStreamDestroy;
import static org.bytedeco.cuda.global.cudart.cuStreamSynchronize;

/**
 * The publisher's GPU work in the VMM benchmark: a device-to-device copy of one frame from a
 * source buffer in VRAM into a destination (a VMM slot, or a plain scratch buffer for the
 * baseline) on a dedicated stream, then a stream synchronise, so the frame is complete before
 * the caller publishes. This stands in for a conversion kernel writing the slot.
 * Loaded only in VMM mode (JavaCPP's CUDA classes need libcuda.so.1).
 */
final class GpuFrameFill implements AutoCloseable {
    private final long size;
    private final CUctx_st context = new CUctx_st();
    private final CUstream_st stream = new CUstream_st();
    private final long source;
    private final long scratch;

    GpuFrameFill(int device, long size) {
        this.size = size;
        check(cuInit(0), "cuInit");
        int[] dev = new int[1];
        check(cuDeviceGet(dev, device), "cuDeviceGet");
        check(cuDevicePrimaryCtxRetain(context, dev[0]), "cuDevicePrimaryCtxRetain");
        makeCurrent();
        long[] p = new long[1];
        check(cuMemAlloc(p, size), "cuMemAlloc(source)");
        source = p[0];
        check(cuMemAlloc(p, size), "cuMemAlloc(scratch)");
        scratch = p[0];
        check(cuMemsetD8(source, (byte) 0x42, size), "cuMemsetD8");
        check(cuStreamCreate(stream, CU_STREAM_NON_BLOCKING), "cuStreamCreate");
    }

    static void check(int rc, String call) {
        if (rc != 0) {
            String text = "unknown";
            try (PointerPointer<BytePointer> out = new PointerPointer<>(1)) {
                if (cuGetErrorString(rc, out) == 0 && out.get(0) != null) {
                    text = out.get(BytePointer.class, 0).getString();
                }
            }
            throw new IllegalStateException(call + " failed: CUresult " + rc + " (" + text + ")");
        }
    }

    /** The primary context must be current on the thread that issues the copies. */
    void makeCurrent() {
        check(cuCtxSetCurrent(context), "cuCtxSetCurrent");
    }

    /** Copies the frame into {@code devicePointer} and waits until the copy has completed. */
    void fill(long devicePointer) {
        check(cuMemcpyDtoDAsync(devicePointer, source, size, stream), "cuMemcpyDtoDAsync");
        check(cuStreamSynchronize(stream), "cuStreamSynchronize");
    }

    /** The baseline's destination: ordinary cuMemAlloc memory, no cuframes. */
    long scratch() {
        return scratch;
    }

    @Override
    public void close() {
        makeCurrent();
        cuStreamSynchronize(stream);
        cuStreamDestroy(stream);
        cuMemFree(source);
        cuMemFree(scratch);
    }
}
