package io.gevgate.bridge.gpu;

import java.lang.foreign.MemorySegment;

import static org.bytedeco.cuda.global.cudart.CU_MEMHOSTREGISTER_PORTABLE;
import static org.bytedeco.cuda.global.cudart.cuMemAllocHost;
import static org.bytedeco.cuda.global.cudart.cuMemFreeHost;
import static org.bytedeco.cuda.global.cudart.cuMemHostRegister;
import static org.bytedeco.cuda.global.cudart.cuMemHostUnregister;

/** Page-locked host memory: allocated by the driver, or caller memory registered once. */
public final class PinnedBuffer implements AutoCloseable {

    private final GpuDevice device;
    private final MemorySegment segment;
    private final boolean registered;
    private boolean closed;

    private PinnedBuffer(GpuDevice device, MemorySegment segment, boolean registered) {
        this.device = device;
        this.segment = segment;
        this.registered = registered;
    }

    static PinnedBuffer allocate(GpuDevice device, long bytes) {
        org.bytedeco.javacpp.PointerPointer<?> out = new org.bytedeco.javacpp.PointerPointer<>(1);
        Cuda.check(cuMemAllocHost(out, bytes), "cuMemAllocHost(" + bytes + ")");
        long address = out.get(0).address();
        out.close();
        return new PinnedBuffer(device, MemorySegment.ofAddress(address).reinterpret(bytes), false);
    }

    static PinnedBuffer register(GpuDevice device, MemorySegment memory) {
        if (!memory.isNative()) {
            throw new IllegalArgumentException("only native memory can be pinned (a heap array can move)");
        }
        Cuda.check(cuMemHostRegister(Cuda.hostPointer(memory.address()), memory.byteSize(), CU_MEMHOSTREGISTER_PORTABLE),
                "cuMemHostRegister(" + memory.byteSize() + " bytes)");
        return new PinnedBuffer(device, memory, true);
    }

    /** The pinned bytes as a segment (valid until {@link #close()}). */
    public MemorySegment segment() {
        return segment;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        device.forgetPinned(segment.address());
        device.makeCurrent();
        if (registered) {
            cuMemHostUnregister(Cuda.hostPointer(segment.address()));
        } else {
            cuMemFreeHost(Cuda.hostPointer(segment.address()));
        }
    }
}
