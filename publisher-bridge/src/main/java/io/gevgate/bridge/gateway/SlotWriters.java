package io.gevgate.bridge.gateway;

import io.gevgate.bridge.convert.ConversionSpec;
import io.gevgate.bridge.convert.InputLayout;
import io.gevgate.bridge.cuframes.FrameGeometry;
import io.gevgate.bridge.cuframes.PixelFormat;

/**
 * Chooses the conversion back-end at start-up. The GPU path (bridge.gpu: NVRTC kernels writing
 * VMM slots) is not part of this build: asking for it with {@code --device N} fails with a clear
 * message instead of silently running on the CPU.
 */
public final class SlotWriters {
    public static final String GPU_UNAVAILABLE = "GPU path not available in this build";

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

    /**
     * @param gpuDevice null for the CPU path; a CUDA ordinal asks for the GPU path
     */
    public static SlotWriter create(ConversionSpec spec, PublishFormat format, FrameGeometry geometry,
                                    Integer gpuDevice, int cpuThreads) {
        if (gpuDevice != null) {
            throw new GatewayException(GPU_UNAVAILABLE + " (--device " + gpuDevice
                    + "): run with --no-gpu or without --device to use the CPU conversion");
        }
        return new CpuSlotWriter(spec, format, geometry, cpuThreads);
    }
}
