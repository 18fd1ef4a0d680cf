package io.gevgate.bridge.gpu;

import static org.bytedeco.cuda.global.cudart.cuMemAlloc;
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
