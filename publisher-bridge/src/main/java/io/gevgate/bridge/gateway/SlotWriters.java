package io.gevgate.bridge.gateway;

import io.gevgate.bridge.convert.ConversionSpec;
import io.gevgate.bridge.convert.InputLayout;
import io.gevgate.bridge.cuframes.FrameGeometry;
import io.gevgate.bridge.cuframes.PixelFormat;

/**
 * Creates the conversion back-end chosen at start-up by {@link ConversionPath}: the CPU converter
 * (memfd slots) or the GPU one (bridge.gpu NVRTC kernels writing CUDA VMM slots).
 */
public final class SlotWriters {
    private SlotWriters() {
    }

    /** The cuframes geometry for publishing {@code layout} frames of {@code w}x{@code h} as {@code format}. */
    public static FrameGeometry geometry(PublishFormat format, InputLayout layout, int w, int h, int pitchAlignment) {
        PixelFormat pf = switch (format) {
            case NV12 -> PixelFormat.NV12;
            case RGBA -> PixelFormat.RGBA8;
            case NATIVE -> switch (layout) {
                case MONO8 -> PixelFormat.MONO8;
                case RGB8 -> PixelFormat.RGB8;
                case BGR8 -> PixelFormat.BGR8;
                default -> throw new GatewayException("--format native: the camera's " + layout
                        + " has no cuframes pixel format (cuframes carries MONO8, RGB8, BGR8, NV12, YUV420P, RGBA8); "
                        + "use --format nv12 or rgba");
            };
        };
        if (pf == PixelFormat.NV12 && (w % 2 != 0 || h % 2 != 0)) {
            throw new GatewayException("--format nv12 needs an even width and height, the camera sends " + w + "x" + h);
        }
        return FrameGeometry.of(pf, w, h, pitchAlignment);
    }

    /** The writer for {@code path}; on the GPU path this opens the device (context, NVRTC kernels). */
    public static SlotWriter create(ConversionSpec spec, PublishFormat format, FrameGeometry geometry,
                                    ConversionPath path, int cpuThreads) {
        if (!path.gpu()) {
            return new CpuSlotWriter(spec, format, geometry, cpuThreads);
        }
        io.gevgate.bridge.gpu.GpuDevice device;
        try {
            device = io.gevgate.bridge.gpu.GpuRuntime.open(path.device());
        } catch (RuntimeException | LinkageError e) {
            throw new GatewayException("GPU path on CUDA device " + path.device() + ": " + e.getMessage()
                    + "; run with --no-gpu for the CPU path", e);
        }
        try {
            return new GpuSlotWriter(device, spec, format, geometry);
        } catch (RuntimeException e) {
            device.close();
            throw new GatewayException("GPU path on CUDA device " + path.device() + ": " + e.getMessage(), e);
        }
    }

    /** The slot memory the writer fills: VMM for the GPU path, memfd host mappings for the CPU path. */
    public static io.gevgate.bridge.memory.SlotMemoryKind slotMemory(ConversionPath path) {
        return path.gpu() ? io.gevgate.bridge.memory.SlotMemoryKind.CUDA_VMM : io.gevgate.bridge.memory.SlotMemoryKind.MEMFD;
    }
}
