package io.gevgate.bridge.gpu;

import io.gevgate.bridge.convert.ConversionSpec;
import io.gevgate.bridge.convert.FrameConverter;
import io.gevgate.bridge.convert.InputLayout;
import io.gevgate.bridge.convert.Nv12Geometry;
import io.gevgate.bridge.convert.OutputFormat;
import io.gevgate.bridge.convert.YuvMatrix;
import io.gevgate.bridge.convert.YuvRange;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * One random frame of a conversion with random stride and pitch padding, its destination buffers
 * filled with random poison, and the bytes the CPU reference ({@link FrameConverter}) produces in
 * identically poisoned buffers. A GPU (or emulated) kernel must reproduce {@link #expected0} and
 * {@link #expected1} exactly: every pixel byte, and every padding/tail byte left untouched.
 */
record ConversionCase(ConversionSpec spec, OutputFormat output, long srcStride, byte[] source,
                      long pitch0, byte[] poison0, byte[] expected0,
                      long pitch1, byte[] poison1, byte[] expected1, KernelPlan.BayerTile tile) {

    /** Bytes after each plane that must stay poisoned too. */
    static final int TAIL = 5;

    static ConversionCase random(InputLayout layout, YuvMatrix matrix, YuvRange range, OutputFormat output,
                                 int width, int height, RandomGenerator random) {
        return random(layout, matrix, range, output, width, height, random, false);
    }

    /**
     * With {@code aligned}: source stride a multiple of 8 and pitches multiples of 8 (what VMM
     * slots and camera buffers usually have), so the kernels' word-load and 64-bit-store paths run;
     * otherwise random padding (mostly unaligned, the per-byte paths).
     */
    static ConversionCase random(InputLayout layout, YuvMatrix matrix, YuvRange range, OutputFormat output,
                                 int width, int height, RandomGenerator random, boolean aligned) {
        ConversionSpec spec = new ConversionSpec(layout, width, height, matrix, range);
        long rowBytes = layout.rowBytes(width);
        long srcStride = aligned ? roundUp8(rowBytes) + 8L * random.nextInt(3)
                : rowBytes + random.nextInt(4) * (random.nextBoolean() ? 1 : 16);
        byte[] source = new byte[(int) Nv12Geometry.planeBytes(height, srcStride, rowBytes)];
        random.nextBytes(source);
        long row0 = output == OutputFormat.NV12 ? width : output == OutputFormat.RGBA8 ? 4L * width : rowBytes;
        long pitch0 = aligned ? roundUp8(row0) + 64L * random.nextInt(2) : row0 + random.nextInt(3) * (random.nextBoolean() ? 1 : 64);
        byte[] poison0 = new byte[(int) Nv12Geometry.planeBytes(height, pitch0, row0) + TAIL];
        random.nextBytes(poison0);
        long pitch1 = 0;
        byte[] poison1 = new byte[0];
        if (output == OutputFormat.NV12) {
            long row1 = Nv12Geometry.uvRowBytes(width);
            pitch1 = aligned ? roundUp8(row1) + 64L * random.nextInt(2) : row1 + random.nextInt(3) * (random.nextBoolean() ? 1 : 64);
            poison1 = new byte[(int) Nv12Geometry.planeBytes(Nv12Geometry.uvRows(height), pitch1, row1) + TAIL];
            random.nextBytes(poison1);
        }
        byte[] expected0 = poison0.clone();
        byte[] expected1 = poison1.clone();
        try (FrameConverter cpu = FrameConverter.create(spec)) {
            MemorySegment src = MemorySegment.ofArray(source);
            switch (output) {
                case NV12 -> cpu.toNv12(src, srcStride, MemorySegment.ofArray(expected0), pitch0,
                        MemorySegment.ofArray(expected1), pitch1);
                case RGBA8 -> cpu.toRgba(src, srcStride, MemorySegment.ofArray(expected0), pitch0);
                case NATIVE -> cpu.copyNative(src, srcStride, MemorySegment.ofArray(expected0), pitch0);
            }
        }
        return new ConversionCase(spec, output, srcStride, source, pitch0, poison0, expected0, pitch1, poison1,
                expected1, null);
    }

    private static long roundUp8(long v) {
        return (v + 7) & ~7L;
    }

    /** The same case run with a chosen Bayer -> NV12 tile kernel. */
    ConversionCase withTile(KernelPlan.BayerTile t) {
        return new ConversionCase(spec, output, srcStride, source, pitch0, poison0, expected0, pitch1, poison1,
                expected1, t);
    }

    /** The kernel plan this case runs with (the default one unless a tile was chosen). */
    KernelPlan plan() {
        return tile == null ? KernelPlan.of(spec, output) : KernelPlan.of(spec, output, tile);
    }

    /**
     * Every Bayer layout x every tile kernel on frames that exercise the tile paths: aligned rows
     * (word loads, 64-bit stores) and random padding, sizes that are and are not multiples of the
     * tile, odd sizes (chroma replication), every phase.
     */
    static List<ConversionCase> bayerTiles(RandomGenerator random, int[][] sizes) {
        List<ConversionCase> cases = new ArrayList<>();
        int i = 0;
        for (InputLayout layout : InputLayout.values()) {
            if (layout.family() != InputLayout.Family.BAYER) {
                continue;
            }
            for (int[] size : sizes) {
                for (boolean aligned : new boolean[] {true, false}) {
                    YuvMatrix matrix = YuvMatrix.values()[i % 2];
                    YuvRange range = YuvRange.values()[(i / 2) % 2];
                    i++;
                    ConversionCase c = random(layout, matrix, range, OutputFormat.NV12, size[0], size[1], random, aligned);
                    for (KernelPlan.BayerTile t : KernelPlan.BayerTile.values()) {
                        cases.add(c.withTile(t));
                    }
                }
            }
        }
        return cases;
    }

    /**
     * Compares actual output with the expectation; returns "" when identical, else a diagnostic
     * naming the first differing bytes (plane, row, column, expected, actual, whether it is padding).
     */
    String diff(byte[] actual0, byte[] actual1) {
        StringBuilder text = new StringBuilder();
        describe(text, output == OutputFormat.NV12 ? "Y" : output.name(), expected0, actual0, pitch0,
                output == OutputFormat.NV12 ? spec.width()
                        : output == OutputFormat.RGBA8 ? 4L * spec.width() : spec.layout().rowBytes(spec.width()));
        if (output == OutputFormat.NV12) {
            describe(text, "UV", expected1, actual1, pitch1, Nv12Geometry.uvRowBytes(spec.width()));
        }
        return text.toString();
    }

    private static void describe(StringBuilder text, String plane, byte[] expected, byte[] actual, long pitch,
                                 long rowBytes) {
        if (actual.length != expected.length) {
            text.append(plane).append(": length ").append(actual.length).append(" != ").append(expected.length);
            return;
        }
        int shown = 0;
        int count = 0;
        for (int i = 0; i < expected.length; i++) {
            if (expected[i] != actual[i]) {
                count++;
                if (shown < 8) {
                    long row = i / pitch;
                    long col = i % pitch;
                    text.append(String.format("%s[row %d, byte %d]%s expected %d got %d; ", plane, row, col,
                            col >= rowBytes || i >= expected.length - TAIL ? " (padding/tail: must be untouched)" : "",
                            expected[i] & 0xFF, actual[i] & 0xFF));
                    shown++;
                }
            }
        }
        if (count > 0) {
            text.append(plane).append(": ").append(count).append(" bytes differ. ");
        }
    }

    @Override
    public String toString() {
        return String.format("%s %s %s -> %s %dx%d stride %d pitches %d/%d%s", spec.layout(), spec.matrix(),
                spec.range(), output, spec.width(), spec.height(), srcStride, pitch0, pitch1,
                tile == null ? "" : " tile " + tile);
    }

    /** Every layout x {NV12, RGBA8} x matrix x range with frames of random odd (and even) sizes. */
    static List<ConversionCase> all(RandomGenerator random, int framesPerCase, int maxWidth, int maxHeight) {
        List<ConversionCase> cases = new ArrayList<>();
        for (InputLayout layout : InputLayout.values()) {
            for (OutputFormat output : new OutputFormat[] {OutputFormat.NV12, OutputFormat.RGBA8}) {
                for (YuvMatrix matrix : YuvMatrix.values()) {
                    for (YuvRange range : YuvRange.values()) {
                        for (int f = 0; f < framesPerCase; f++) {
                            int min = layout.family() == InputLayout.Family.MONO
                                    || layout.family() == InputLayout.Family.RGB ? 1 : 2;
                            int w = min + random.nextInt(maxWidth - min + 1);
                            int h = min + random.nextInt(maxHeight - min + 1);
                            if (f == 0) {
                                w |= 1;
                                h |= 1;
                                w = Math.min(w, maxWidth | 1);
                            }
                            if (layout.family() == InputLayout.Family.YUV422) {
                                w = Math.max(2, w & ~1);
                            }
                            cases.add(random(layout, matrix, range, output, w, h, random));
                        }
                    }
                }
            }
        }
        return cases;
    }
}
