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
 * <p>Bayer -> NV12 runs one thread per {@link BayerTile} (chosen per packing and size by
 * {@link BayerTile#forFrame}, the others selectable for the benchmark's comparison), Bayer -> RGBA
 * one thread per 4x2 pixels, the other NV12
 * kernels one thread per 2x2 block (one chroma sample), the other RGBA kernels one thread per
 * horizontal pixel pair; blocks of 32x8 threads ({@link BayerTile#T8X2R}: 16x8). NATIVE output
 * needs no kernel (a pitched copy).
 */
public record KernelPlan(String kernel, int width, int height, int gridX, int gridY, int blockX, int blockY,
                         int redX, int redY, int variant, YuvCoefficients coefficients, OutputFormat output,
                         long sourceRowBytes) {

    public static final int BLOCK_X = 32;
    public static final int BLOCK_Y = 8;

    /**
     * Pixels per thread of the Bayer -> NV12 kernels. All give the same bytes (tested: host
     * emulation and GPU); they differ in speed only. {@link #forFrame} picks the default per
     * packing and size from H100 measurements; the others stay selectable for the benchmark.
     */
    public enum BayerTile {
        /** One thread per 4x2 pixels, one byte load per window sample (56 registers). */
        T4X2("Nv12_4x2", 4, 2, BLOCK_X, BLOCK_Y),
        /** One thread per 8x2 pixels: aligned word loads, 64-bit stores, shared neighbour sums (64-80 registers). */
        T8X2("Nv12_8x2", 8, 2, BLOCK_X, BLOCK_Y),
        /**
         * T8X2 compiled for 8 blocks of 128 threads per SM ({@code __launch_bounds__(128, 8)}: 64
         * registers, 12-36 bytes spilled) and launched in 16x8-thread blocks (128 x 16 pixels), which
         * measured faster than 32x8 (H100, third round: 3840x2160 Bayer8 11.1-11.3 us against
         * 11.8-12.2; cause not isolated, see conversions.cu).
         */
        T8X2R("Nv12_8x2r", 8, 2, 16, 8),
        /**
         * 8x2 per thread from a block-shared tile: the block decodes its window once into shared
         * memory (12-bit LSB four samples at a time), then computes like T8X2 (62 registers).
         */
        S8X2("Nv12_s8x2", 8, 2, BLOCK_X, BLOCK_Y),
        /**
         * S8X2 in blocks of 16x8 threads (128 x 16 pixels, {@code __launch_bounds__(128, 8)}: 64
         * registers, no spill), which measured faster (H100, fourth round, benchmark: BayerRG12p
         * 3840x2160 12.96 us against 13.15, 1920x1080 5.21 against 7.52; BayerRG8 1920x1080 4.88
         * against 5.66 for T8X2R).
         */
        S8X2N("Nv12_s8x2n", 8, 2, 16, 8);

        private final String kernelPart;
        private final int width;
        private final int height;
        private final int blockX;
        private final int blockY;

        BayerTile(String kernelPart, int width, int height, int blockX, int blockY) {
            this.kernelPart = kernelPart;
            this.width = width;
            this.height = height;
            this.blockX = blockX;
            this.blockY = blockY;
        }

        public int width() {
            return width;
        }

        public int height() {
            return height;
        }

        /**
         * The default for a frame, from the H100 measurements (docs/performance.md, fourth round;
         * bench/results/gpu-h100-round4-final.txt, kernel us): 12-bit LSB packed takes S8X2N at
         * every size (2160p 12.96 vs S8X2 13.15, T8X2R 16.48; 1080p 5.21 vs 7.52); 8-bit takes
         * S8X2N up to half a 4K frame (1080p 4.88 vs T8X2R 5.66) and T8X2R above it (2160p 11.29;
         * S8X2N measured 11.18 there, within 1 %, not switched; the crossover between the two
         * measured sizes is not measured). Packings the benchmark does not measure (16-bit, 10-bit,
         * GigE Vision packed) keep T4X2.
         */
        static BayerTile forFrame(InputLayout layout, int width, int height) {
            return switch (layout.packing()) {
                case LSB_PACKED -> layout.sampleBits() == 12 ? S8X2N : T4X2;
                case U8 -> (long) width * height <= SMALL_FRAME_PIXELS ? S8X2N : T8X2R;
                default -> T4X2;
            };
        }

        /** 8-bit frames up to this many pixels take S8X2N: half of 3840x2160, between the measured sizes. */
        static final long SMALL_FRAME_PIXELS = 3840L * 2160 / 2;
    }

    /** The plan for a conversion; NATIVE is rejected (it is a copy, see {@link GpuConverter}). */
    public static KernelPlan of(ConversionSpec spec, OutputFormat output) {
        return of(spec, output, BayerTile.forFrame(spec.layout(), spec.width(), spec.height()));
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
        int blockX = BLOCK_X;
        int blockY = BLOCK_Y;
        if (bayerNv12) {
            blockX = tile.blockX;
            blockY = tile.blockY;
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
                (threadsX + blockX - 1) / blockX, (threadsY + blockY - 1) / blockY, blockX, blockY,
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
