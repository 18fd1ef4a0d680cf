package io.gevgate.bridge.memory;

import java.nio.file.Files;
import java.nio.file.Path;

/** Chooses and creates slot memory: CUDA VMM when a CUDA device is present, memfd otherwise. */
public final class SlotMemories {
    private SlotMemories() {
    }

    /** True when an NVIDIA device node exists and the CUDA driver answers with at least one device. */
    public static boolean cudaAvailable() {
        if (!Files.exists(Path.of("/dev/nvidiactl")) || !Files.exists(Path.of("/dev/nvidia0"))) {
            return false;
        }
        try {
            return CudaVmmSlotMemory.deviceCount() > 0;
        } catch (Throwable t) {
            return false;
        }
    }

    /** The kind to use when the caller did not choose. */
    public static SlotMemoryKind defaultKind() {
        return cudaAvailable() ? SlotMemoryKind.CUDA_VMM : SlotMemoryKind.MEMFD;
    }

    public static SlotMemory allocate(SlotMemoryKind kind, String name, int count, long frameSize, int cudaDevice) {
        return switch (kind) {
            case MEMFD -> MemfdSlotMemory.allocate(name, count, frameSize);
            case CUDA_VMM -> CudaVmmSlotMemory.allocate(cudaDevice, count, frameSize);
        };
    }

    /** Imports received FDs; takes ownership of them. */
    public static SlotMemory importFds(SlotMemoryKind kind, int[] fds, long slotSize, int cudaDevice) {
        return switch (kind) {
            case MEMFD -> MemfdSlotMemory.importFds(fds, slotSize);
            case CUDA_VMM -> CudaVmmSlotMemory.importFds(cudaDevice, fds, slotSize);
        };
    }
}
