package io.gevgate.bridge.convert.internal;

import io.gevgate.bridge.convert.InputLayout;
import io.gevgate.bridge.convert.InputLayout.Family;
import io.gevgate.bridge.convert.InputLayout.Packing;
import io.gevgate.bridge.convert.Nv12Geometry;
import io.gevgate.bridge.convert.YuvCoefficients;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Converts a band of row pairs of one frame. Holds every scratch row it needs (allocated once),
 * so a frame costs no allocation. Rows are moved between the frame's MemorySegments and these
 * heap arrays with bulk {@link MemorySegment#copy} (one call per row), and the kernels run on the
 * arrays: a decoded, border-mirrored sample row is needed anyway (packed formats, demosaic) and is
 * reused by up to three output rows, and array kernels do not suffer JIT profile pollution when
 * heap and native segments reach the same call site (SegmentAccessBenchmark and
 * docs/conversions.md §8 give the measured trade-off).
 *
 * <p>Bounds were validated by the caller ({@code FrameConverter}) for the whole frame; a band
 * only touches rows inside it.
 */
public final class BandWorker {

    private static final ValueLayout.OfByte BYTE = ValueLayout.JAVA_BYTE;
    private static final int CACHE_ROWS = 4; // a demosaiced row pair needs source rows y-1 .. y+2

    private final InputLayout layout;
    private final int width;
    private final int height;
    private final int sourceRowBytes;
    private final YuvCoefficients coefficients;
    private final byte[] greyLuma;

    private final byte[] sourceRow;
    private final byte[] sourceRow2;
    private final byte[][] sampleRows = new byte[CACHE_ROWS][];
    private final int[] sampleRowIndex = new int[CACHE_ROWS];
    private final int[][] rgb0;
    private final int[][] rgb1;
    private final byte[] outRow;
    private final byte[] outRow2;
    private final byte[] uvRow;

    public BandWorker(InputLayout layout, int width, int height, YuvCoefficients coefficients) {
        this.layout = layout;
        this.width = width;
        this.height = height;
        this.sourceRowBytes = Math.toIntExact(layout.rowBytes(width));
        this.coefficients = coefficients;
        this.greyLuma = GreyRows.lumaTable(coefficients);
        this.sourceRow = new byte[sourceRowBytes];
        this.sourceRow2 = new byte[sourceRowBytes];
        for (int i = 0; i < CACHE_ROWS; i++) {
            sampleRows[i] = new byte[width + 2];
        }
        this.rgb0 = new int[][] {new int[width], new int[width], new int[width]};
        this.rgb1 = new int[][] {new int[width], new int[width], new int[width]};
        this.outRow = new byte[4 * width];
        this.outRow2 = new byte[4 * width];
        this.uvRow = new byte[Math.toIntExact(Nv12Geometry.uvRowBytes(width))];
        if (layout.family() == Family.MONO) {
            java.util.Arrays.fill(uvRow, (byte) 128); // grey: every chroma block is exactly 128 (see GreyRows)
        }
    }

    /** NV12 for row pairs [pairFrom, pairTo). */
    public void toNv12(int pairFrom, int pairTo, MemorySegment src, long srcStride,
                       MemorySegment yPlane, long yPitch, MemorySegment uvPlane, long uvPitch) {
        resetCache();
        int uvBytes = uvRow.length;
        for (int pair = pairFrom; pair < pairTo; pair++) {
            int y0 = 2 * pair;
            boolean second = y0 + 1 < height;
            int y1 = second ? y0 + 1 : y0; // odd height: the last chroma row replicates the last row
            switch (layout.family()) {
                case MONO -> {
                    byte[] s0 = samples(src, srcStride, y0);
                    GreyRows.luma(greyLuma, s0, 1, outRow, width);
                    if (second) {
                        byte[] s1 = samples(src, srcStride, y1);
                        GreyRows.luma(greyLuma, s1, 1, outRow2, width);
                    }
                    // uvRow holds the constant grey chroma, filled once in the constructor
                }
                case BAYER, RGB -> {
                    rgbAndLumaRow(src, srcStride, y0, rgb0, outRow);
                    int[][] lower = rgb0;
                    if (second) {
                        rgbAndLumaRow(src, srcStride, y1, rgb1, outRow2);
                        lower = rgb1;
                    }
                    RgbRows.chroma(coefficients, rgb0[0], rgb0[1], rgb0[2], lower[0], lower[1], lower[2],
                            uvRow, width);
                }
                case YUV422 -> {
                    int yIndex = layout.packing() == Packing.YUYV ? 0 : 1;
                    read(src, srcStride, y0, sourceRow);
                    Yuv422Rows.luma(sourceRow, yIndex, outRow, width);
                    byte[] lower = sourceRow;
                    if (second) {
                        read(src, srcStride, y1, sourceRow2);
                        Yuv422Rows.luma(sourceRow2, yIndex, outRow2, width);
                        lower = sourceRow2;
                    }
                    Yuv422Rows.chroma(sourceRow, lower, 1 - yIndex, uvRow, width);
                }
            }
            MemorySegment.copy(outRow, 0, yPlane, BYTE, y0 * yPitch, width);
            if (second) {
                MemorySegment.copy(outRow2, 0, yPlane, BYTE, (y0 + 1) * yPitch, width);
            }
            MemorySegment.copy(uvRow, 0, uvPlane, BYTE, pair * uvPitch, uvBytes);
        }
    }

    /** RGBA8 for row pairs [pairFrom, pairTo). */
    public void toRgba(int pairFrom, int pairTo, MemorySegment src, long srcStride, MemorySegment dst, long pitch) {
        resetCache();
        int rowEnd = Math.min(2 * pairTo, height);
        int outBytes = 4 * width;
        for (int y = 2 * pairFrom; y < rowEnd; y++) {
            switch (layout.family()) {
                case MONO -> GreyRows.rgba(samples(src, srcStride, y), 1, outRow, width);
                case BAYER, RGB -> {
                    rgbRow(src, srcStride, y, rgb0);
                    RgbRows.rgba(rgb0[0], rgb0[1], rgb0[2], outRow, width);
                }
                case YUV422 -> {
                    int yIndex = layout.packing() == Packing.YUYV ? 0 : 1;
                    read(src, srcStride, y, sourceRow);
                    Yuv422Rows.rgba(coefficients, sourceRow, yIndex, 1 - yIndex, outRow, width);
                }
            }
            MemorySegment.copy(outRow, 0, dst, BYTE, y * pitch, outBytes);
        }
    }

    /** The camera's bytes, row by row, for row pairs [pairFrom, pairTo). */
    public void copyNative(int pairFrom, int pairTo, MemorySegment src, long srcStride, MemorySegment dst, long pitch) {
        int rowEnd = Math.min(2 * pairTo, height);
        for (int y = 2 * pairFrom; y < rowEnd; y++) {
            MemorySegment.copy(src, y * srcStride, dst, y * pitch, sourceRowBytes);
        }
    }

    /** RGB planes of row y plus its NV12 luma row. */
    private void rgbAndLumaRow(MemorySegment src, long srcStride, int y, int[][] rgb, byte[] luma) {
        if (layout.family() == Family.RGB) {
            rgbRow(src, srcStride, y, rgb);
            RgbRows.luma(coefficients, rgb[0], rgb[1], rgb[2], luma, width);
            return;
        }
        byte[] up = samples(src, srcStride, mirror(y - 1));
        byte[] cur = samples(src, srcStride, y);
        byte[] down = samples(src, srcStride, mirror(y + 1));
        boolean redRow = (y & 1) == layout.bayerPhase().redY();
        BayerDemosaic.rowWithLuma(up, cur, down, width, redRow, layout.bayerPhase().redX(),
                rgb[0], rgb[1], rgb[2], coefficients, luma);
    }

    private void rgbRow(MemorySegment src, long srcStride, int y, int[][] rgb) {
        if (layout.family() == Family.RGB) {
            read(src, srcStride, y, sourceRow);
            RgbRows.fromPacked(sourceRow, layout.packing() == Packing.BGR8, width, rgb[0], rgb[1], rgb[2]);
            return;
        }
        byte[] up = samples(src, srcStride, mirror(y - 1));
        byte[] cur = samples(src, srcStride, y);
        byte[] down = samples(src, srcStride, mirror(y + 1));
        boolean redRow = (y & 1) == layout.bayerPhase().redY();
        BayerDemosaic.row(up, cur, down, width, redRow, layout.bayerPhase().redX(), rgb[0], rgb[1], rgb[2]);
    }

    /** Row index mirrored at the frame edges without repeating the edge row (-1 -> 1, h -> h-2). */
    private int mirror(int y) {
        if (y < 0) {
            return -y;
        }
        return y >= height ? 2 * height - 2 - y : y;
    }

    /**
     * 8-bit samples of source row y at offset 1 with mirrored borders, decoded at most once per
     * band pass: a small cache keyed by y mod 4, enough for the rows y-1..y+2 of one pair.
     */
    private byte[] samples(MemorySegment src, long srcStride, int y) {
        int slot = y & (CACHE_ROWS - 1);
        byte[] row = sampleRows[slot];
        if (sampleRowIndex[slot] == y) {
            return row;
        }
        if (layout.packing() == Packing.U8) {
            MemorySegment.copy(src, BYTE, y * srcStride, row, 1, width);
        } else {
            read(src, srcStride, y, sourceRow);
            SampleUnpacker.unpack(layout.packing(), layout.sampleBits(), sourceRow, row, 1, width);
        }
        if (width >= 2) {
            BayerDemosaic.mirrorBorder(row, width);
        }
        sampleRowIndex[slot] = y;
        return row;
    }

    private void read(MemorySegment src, long srcStride, int y, byte[] into) {
        MemorySegment.copy(src, BYTE, y * srcStride, into, 0, sourceRowBytes);
    }

    private void resetCache() {
        java.util.Arrays.fill(sampleRowIndex, -1);
    }
}
