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
 * <p>Bayer -> NV12 runs one thread per {@link BayerTile} (4x2 by default, the measured fastest;
 * 8x2 and 8x4 with aligned word loads and 64-bit stores stay selectable for the benchmark's
 * comparison), Bayer -> RGBA one thread per 4x2 pixels, the other NV12
 * kernels one thread per 2x2 block (one chroma sample), the other RGBA kernels one thread per
 * horizontal pixel pair; blocks of 32x8 threads. NATIVE output needs no kernel (a pitched copy).
 */
public record KernelPlan(String kernel, int width, int height, int gridX, int gridY, int blockX, int blockY,
                         int redX, int redY, int variant, YuvCoefficients coefficients, OutputFormat output,
                         long sourceRowBytes) {

    public static final int BLOCK_X = 32;
    public static final int BLOCK_Y = 8;

    /**
     * Pixels per thread of the Bayer -> NV12 kernels. All give the same bytes (tested); they differ
     * in speed only. {@link #T4X2} is the default (measured fastest); the others stay for the benchmark.
     */
    public enum BayerTile {
        T4X2("Nv12_4x2", 4, 2), T8X2("Nv12_8x2", 8, 2), T8X4("Nv12_8x4", 8, 4),
        /** T8X2 compiled for 4 blocks per SM ({@code __launch_bounds__(256, 4)}: at most 64 registers). */
        T8X2R("Nv12_8x2r", 8, 2),
        /** 8x2 per thread from a block-shared tile decoded once per block (needs the 32x8 block). */
        S8X2("Nv12_s8x2", 8, 2);

        private final String kernelPart;
        private final int width;
        private final int height;

        BayerTile(String kernelPart, int width, int height) {
            this.kernelPart = kernelPart;
            this.width = width;
            this.height = height;
        }

        public int width() {
            return width;
        }

        public int height() {
            return height;
        }

        /**
         * The default for a frame: 4x2 at every size. Measured on the H100 in one run
         * (bench/results/gpu-h100-tiles.json): 1080p Bayer8 4x2 7.1 us vs 8x2 18.5 / 8x4 13.2 us,
         * 2160p Bayer12p 30.2 vs 61.8 / 45.8 us: the wider tiles (72-124 registers per thread) lose
         * more to occupancy than they save in loads. They stay selectable and byte-tested.
         */
        static BayerTile forFrame(int width, int height) {
            return T4X2;
        }
    }

    /** The plan for a conversion; NATIVE is rejected (it is a copy, see {@link GpuConverter}). */
    public static KernelPlan of(ConversionSpec spec, OutputFormat output) {
        return of(spec, output, BayerTile.forFrame(spec.width(), spec.height()));
    }

    /**
     * The plan with a chosen Bayer -> NV12 tile (benchmarks and tests compare them; ignored for
     * every other conversion).
     */
    public static KernelPlan of(ConversionSpec spec, OutputFormat output, BayerTile tile) {
        if (output == OutputFormat.NATIVE) {
            throw new ConversionException("GPU kernel plan: NATIVE output is a pitched copy, not a kernel");
        }
        InputLayout layout = spec.layout();
        String out = output == OutputFormat.NV12 ? "Nv12" : "Rgba";
        boolean bayerNv12 = layout.family() == InputLayout.Family.BAYER && output == OutputFormat.NV12;
        String kernel = switch (layout.family()) {
            case MONO -> "gg_mono_" + out + "_" + decoder(layout);
            case BAYER -> "gg_bayer_" + (bayerNv12 ? tile.kernelPart : out) + "_" + decoder(layout);
            case RGB -> "gg_rgb_" + out;
            case YUV422 -> "gg_yuv_" + out;
        };
        int variant = switch (layout.packing()) {
            case BGR8 -> 1;
            case UYVY -> 1; // Y0 at byte 1 of U Y0 V Y1
            default -> 0;
        };
        BayerPhase phase = layout.bayerPhase();
        YuvCoefficients coefficients = YuvCoefficients.of(spec.matrix(), spec.range());
        int threadsX;
        int threadsY;
        if (bayerNv12) {
            threadsX = (spec.width() + tile.width - 1) / tile.width;
            threadsY = (spec.height() + tile.height - 1) / tile.height;
            if (tile != BayerTile.T4X2) {
                checkNoClampBounds(coefficients);
            }
        } else {
            // Bayer -> RGBA: one thread per two adjacent 2x2 blocks (4x2 pixels); others per 2 pixels.
            threadsX = layout.family() == InputLayout.Family.BAYER ? (spec.width() + 3) / 4 : (spec.width() + 1) / 2;
            // NV12 and every Bayer kernel: one thread per 2x2 block; other RGBA kernels: per pixel pair.
            boolean blocks = output == OutputFormat.NV12 || layout.family() == InputLayout.Family.BAYER;
            threadsY = blocks ? Nv12Geometry.uvRows(spec.height()) : spec.height();
        }
        return new KernelPlan(kernel, spec.width(), spec.height(),
                (threadsX + BLOCK_X - 1) / BLOCK_X, (threadsY + BLOCK_Y - 1) / BLOCK_Y, BLOCK_X, BLOCK_Y,
                phase == null ? 0 : phase.redX(), phase == null ? 0 : phase.redY(), variant,
                coefficients, output, layout.rowBytes(spec.width()));
    }

    /**
     * The wide-tile Bayer kernels drop the clamps that cannot act (docs/conversions.md §4 keeps them
     * in the spec): luma {@code yR*R + yG*G + yB*B + 32768 + (yOffset << 16)} must lie in [0, 2^24)
     * for all 0..255 inputs (its byte is then bits 16..23), and chroma
     * {@code sum(c*s) + 131072 + (128 << 18)} must stay >= 0 for 4-pixel sums of 0..1020 (only the
     * upper clamp is applied). True for every table of {@link YuvCoefficients}; a table that breaks
     * it is refused here instead of producing wrong bytes.
     */
    static void checkNoClampBounds(YuvCoefficients c) {
        int[] luma = {c.yR(), c.yG(), c.yB()};
        long lumaMax = 32768L + ((long) c.yOffset() << 16);
        for (int k : luma) {
            if (k < 0) {
                throw new IllegalStateException("wide Bayer kernel: luma coefficient " + k + " < 0 needs the clamp");
            }
            lumaMax += 255L * k;
        }
        if (c.yOffset() < 0 || lumaMax >= 1L << 24) {
            throw new IllegalStateException("wide Bayer kernel: luma sum up to " + lumaMax + " does not fit 24 bits");
        }
        for (int[] row : new int[][] {{c.cbR(), c.cbG(), c.cbB()}, {c.crR(), c.crG(), c.crB()}}) {
            long min = 131072L + (128L << 18);
            for (int k : row) {
                min += Math.min(0, k) * 1020L;
            }
            if (min < 0) {
                throw new IllegalStateException("wide Bayer kernel: chroma sum can reach " + min + " < 0 (needs the lower clamp)");
            }
        }
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
                for (BayerTile tile : BayerTile.values()) {
                    names.add(of(ConversionSpec.of(layout, w, 2), output, tile).kernel());
                }
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
