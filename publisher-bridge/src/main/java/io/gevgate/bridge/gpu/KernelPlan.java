package io.gevgate.bridge.gpu;

import io.gevgate.bridge.convert.BayerPhase;
import io.gevgate.bridge.convert.ConversionException;
import io.gevgate.bridge.convert.ConversionSpec;
import io.gevgate.bridge.convert.InputLayout;
import io.gevgate.bridge.convert.Nv12Geometry;
import io.gevgate.bridge.convert.OutputFormat;
import io.gevgate.bridge.convert.YuvCoefficients;

import java.util.Locale;

/**
 * Which kernel of conversions.cu converts a {@link ConversionSpec} to an output, with its launch
 * geometry and constant arguments. Pure Java (no CUDA): the host emulation test uses the same plan
 * as the GPU, so the kernel choice and the grid are tested on machines without a GPU too.
 *
 * <p>Bayer kernels run one thread per 4x2 pixels (two chroma blocks sharing one 4x6 sample
 * window), the other NV12 kernels one thread per 2x2 block (one chroma sample), the other RGBA
 * kernels one thread per horizontal pixel pair; blocks of 32x8 threads. NATIVE output needs no kernel (a pitched copy).
 */
public record KernelPlan(String kernel, int width, int height, int gridX, int gridY, int blockX, int blockY,
                         int redX, int redY, int variant, YuvCoefficients coefficients, OutputFormat output,
                         long sourceRowBytes) {

    public static final int BLOCK_X = 32;
    public static final int BLOCK_Y = 8;

    /** The plan for a conversion; NATIVE is rejected (it is a copy, see {@link GpuConverter}). */
    public static KernelPlan of(ConversionSpec spec, OutputFormat output) {
        if (output == OutputFormat.NATIVE) {
            throw new ConversionException("GPU kernel plan: NATIVE output is a pitched copy, not a kernel");
        }
        InputLayout layout = spec.layout();
        String out = output == OutputFormat.NV12 ? "Nv12" : "Rgba";
        String kernel = switch (layout.family()) {
            case MONO -> "gg_mono_" + out + "_" + decoder(layout);
            case BAYER -> "gg_bayer_" + out + "_" + decoder(layout);
            case RGB -> "gg_rgb_" + out;
            case YUV422 -> "gg_yuv_" + out;
        };
        int variant = switch (layout.packing()) {
            case BGR8 -> 1;
            case UYVY -> 1; // Y0 at byte 1 of U Y0 V Y1
            default -> 0;
        };
        BayerPhase phase = layout.bayerPhase();
        // Bayer kernels: one thread per two adjacent 2x2 blocks (4x2 pixels); others per 2 pixels.
        int threadsX = layout.family() == InputLayout.Family.BAYER ? (spec.width() + 3) / 4 : (spec.width() + 1) / 2;
        // NV12 and every Bayer kernel: one thread per 2x2 block; other RGBA kernels: per pixel pair.
        boolean blocks = output == OutputFormat.NV12 || layout.family() == InputLayout.Family.BAYER;
        int threadsY = blocks ? Nv12Geometry.uvRows(spec.height()) : spec.height();
        return new KernelPlan(kernel, spec.width(), spec.height(),
                (threadsX + BLOCK_X - 1) / BLOCK_X, (threadsY + BLOCK_Y - 1) / BLOCK_Y, BLOCK_X, BLOCK_Y,
                phase == null ? 0 : phase.redX(), phase == null ? 0 : phase.redY(), variant,
                YuvCoefficients.of(spec.matrix(), spec.range()), output, layout.rowBytes(spec.width()));
    }

    /** The sample-decoder suffix of a mono/Bayer kernel: packing and depth (u8, u16_12, lsb_10, gev_12...). */
    static String decoder(InputLayout layout) {
        return switch (layout.packing()) {
            case U8 -> "u8";
            case U16LE -> "u16_" + layout.sampleBits();
            case LSB_PACKED -> "lsb_" + layout.sampleBits();
            case GEV_PACKED -> "gev_" + layout.sampleBits();
            default -> throw new IllegalArgumentException("no sample decoder for " + layout);
        };
    }

    /** Every kernel name a plan can produce (the module must export all of them). */
    public static java.util.List<String> allKernelNames() {
        java.util.TreeSet<String> names = new java.util.TreeSet<>();
        for (InputLayout layout : InputLayout.values()) {
            int w = layout.family() == InputLayout.Family.YUV422 ? 2 : 2;
            for (OutputFormat output : new OutputFormat[] {OutputFormat.NV12, OutputFormat.RGBA8}) {
                names.add(of(ConversionSpec.of(layout, w, 2), output).kernel());
            }
        }
        return java.util.List.copyOf(names);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s %dx%d grid %dx%d block %dx%d", kernel, width, height, gridX, gridY,
                blockX, blockY);
    }
}
