package io.gevgate.bridge.gpu;

import java.lang.foreign.MemorySegment;

import static org.bytedeco.cuda.global.cudart.cuMemAlloc;
import static org.bytedeco.cuda.global.cudart.cuMemcpyDtoH;
import static org.bytedeco.cuda.global.cudart.cuMemcpyHtoD;
import static org.bytedeco.cuda.global.cudart.cuMemFree;

/** Plain device memory ({@code cuMemAlloc}); {@link #address()} is a CUdeviceptr. */
public final class DeviceBuffer implements AutoCloseable {

    private final GpuDevice device;
    private final long address;
    private final long size;
    private boolean closed;

    private DeviceBuffer(GpuDevice device, long address, long size) {
        this.device = device;
        this.address = address;
        this.size = size;
    }

    static DeviceBuffer allocate(GpuDevice device, long bytes) {
        long[] ptr = new long[1];
        Cuda.check(cuMemAlloc(ptr, Math.max(1, bytes)), "cuMemAlloc(" + bytes + ")");
        return new DeviceBuffer(device, ptr[0], bytes);
    }

    public long address() {
        return address;
    }

    public long size() {
        return size;
    }

    /** Synchronous copy of host bytes to {@code offset} (set-up and tests; not for the frame path). */
    public void upload(long offset, MemorySegment src) {
        check(offset, src.byteSize());
        device.makeCurrent();
        Cuda.check(cuMemcpyHtoD(address + offset, Cuda.hostPointer(src.address()), src.byteSize()), "cuMemcpyHtoD");
        // From pageable memory cuMemcpyHtoD may return before the DMA lands; converters run on
        // non-blocking streams that do not order after it, so finish it here.
        device.synchronize();
    }

    /** Synchronous copy of device bytes at {@code offset} to host memory. Converters use non-blocking streams: await the frame first. */
    public void download(long offset, MemorySegment dst) {
        check(offset, dst.byteSize());
        device.makeCurrent();
        Cuda.check(cuMemcpyDtoH(Cuda.hostPointer(dst.address()), address + offset, dst.byteSize()), "cuMemcpyDtoH");
    }

    private void check(long offset, long bytes) {
        if (offset < 0 || bytes < 0 || offset + bytes > size) {
            throw new IndexOutOfBoundsException("copy of " + bytes + " bytes at " + offset + " exceeds device buffer of " + size);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        device.makeCurrent();
        cuMemFree(address);
    }
}
