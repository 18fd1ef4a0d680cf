package io.gevgate.bridge.convert;

import io.gevgate.bridge.convert.internal.BandRunner;
import io.gevgate.bridge.convert.internal.BandWorker;

import java.lang.foreign.MemorySegment;

/**
 * Converts camera frames of one {@link ConversionSpec} into NV12, RGBA8 or the native layout,
 * from a source {@link MemorySegment} into caller-owned destination segments with caller-chosen
 * pitches. The exact arithmetic is specified in docs/conversions.md; GPU kernels must match it.
 *
 * <p>Reusable and allocation-free per frame: scratch rows for every band are allocated here once.
 * With {@code threads > 1} the frame is split into bands of whole row pairs run on worker threads
 * owned by this object; the result is identical for any thread count. Segments of a confined
 * arena cannot be read by other threads: such frames are converted on the calling thread alone.
 * One frame at a time: a
 * converter is not safe for concurrent calls. Close it to stop its threads.
 *
 * <p>Every buffer, stride and pitch is checked before a byte is written; a violation throws
 * {@link ConversionException} naming the expected and the found value, and leaves the
 * destination untouched. Bytes between a row's end and the next row's start (pitch padding) are
 * never written. Source and destinations must not overlap (the result would depend on band order).
 */
public final class FrameConverter implements AutoCloseable {

    private enum Mode { NV12, RGBA, NATIVE }

    private final ConversionSpec spec;
    private final long sourceRowBytes;
    private final int pairs;
    private final BandWorker[] workers;
    private final BandRunner runner;
    private final BandRunner.Job job = this::runBand; // created once: no lambda allocation per frame

    // The frame in flight, published to workers by BandRunner's volatile hand-off.
    private Mode mode;
    private MemorySegment src;
    private long srcStride;
    private MemorySegment dst0;
    private long pitch0;
    private MemorySegment dst1;
    private long pitch1;
    private int firstPair;       // the row pairs [firstPair, endPair) of this call, split into bands
    private int endPair;

    private FrameConverter(ConversionSpec spec, int threads) {
        this.spec = spec;
        this.sourceRowBytes = spec.layout().rowBytes(spec.width());
        this.pairs = Nv12Geometry.uvRows(spec.height());
        int bands = Math.max(1, Math.min(threads, pairs));
        YuvCoefficients coefficients = YuvCoefficients.of(spec.matrix(), spec.range());
        this.workers = new BandWorker[bands];
        for (int i = 0; i < bands; i++) {
            workers[i] = new BandWorker(spec.layout(), spec.width(), spec.height(), coefficients);
        }
        this.runner = new BandRunner(bands, "gevgate-convert");
    }

    /** A single-threaded converter. */
    public static FrameConverter create(ConversionSpec spec) {
        return create(spec, 1);
    }

    /** A converter splitting each frame into up to {@code threads} row bands (1 = the calling thread only). */
    public static FrameConverter create(ConversionSpec spec, int threads) {
        if (threads < 1 || threads > 256) {
            throw new ConversionException("threads: expected 1..256 but found " + threads);
        }
        return new FrameConverter(spec, threads);
    }

    public ConversionSpec spec() {
        return spec;
    }

    /** Bands a frame is split into (1 when single-threaded or the frame is tiny). */
    public int bands() {
        return workers.length;
    }

    /** Bytes of one unpadded source row; the source stride must be at least this. */
    public long sourceRowBytes() {
        return sourceRowBytes;
    }

    /** Bytes of one RGBA8 row; the RGBA pitch must be at least this. */
    public long rgbaRowBytes() {
        return 4L * spec.width();
    }

    /**
     * Writes NV12: the Y plane ({@code height} rows of {@code width} bytes at {@code yPitch}) and
     * the UV plane ({@link Nv12Geometry#uvRows} rows of {@link Nv12Geometry#uvRowBytes} bytes at
     * {@code uvPitch}). The planes may be slices of one slot segment.
     */
    public void toNv12(MemorySegment source, long sourceStride,
                       MemorySegment yPlane, long yPitch, MemorySegment uvPlane, long uvPitch) {
        toNv12(source, sourceStride, yPlane, yPitch, uvPlane, uvPitch, 0, pairs);
    }

    /**
     * {@link #toNv12(MemorySegment, long, MemorySegment, long, MemorySegment, long)} for the output
     * row pairs [fromPair, toPair) only (NV12 chroma rows; luma rows 2*fromPair .. 2*toPair-1).
     * Converting a frame in several such calls gives the same bytes as one call; with
     * {@link #readyPairs} the first calls can run while the source is still arriving.
     */
    public void toNv12(MemorySegment source, long sourceStride, MemorySegment yPlane, long yPitch,
                       MemorySegment uvPlane, long uvPitch, int fromPair, int toPair) {
        checkSource(source, sourceStride);
        checkDestination("NV12 Y plane", yPlane, yPitch, Nv12Geometry.yRowBytes(spec.width()), spec.height());
        checkDestination("NV12 UV plane", uvPlane, uvPitch, Nv12Geometry.uvRowBytes(spec.width()),
                Nv12Geometry.uvRows(spec.height()));
        start(Mode.NV12, source, sourceStride, yPlane, yPitch, uvPlane, uvPitch, fromPair, toPair);
    }

    /** Writes RGBA8: {@code height} rows of 4*width bytes at {@code pitch}. */
    public void toRgba(MemorySegment source, long sourceStride, MemorySegment rgba, long pitch) {
        toRgba(source, sourceStride, rgba, pitch, 0, pairs);
    }

    /** {@link #toRgba(MemorySegment, long, MemorySegment, long)} for rows 2*fromPair .. 2*toPair-1 only. */
    public void toRgba(MemorySegment source, long sourceStride, MemorySegment rgba, long pitch, int fromPair, int toPair) {
        checkSource(source, sourceStride);
        checkDestination("RGBA8 image", rgba, pitch, rgbaRowBytes(), spec.height());
        start(Mode.RGBA, source, sourceStride, rgba, pitch, null, 0, fromPair, toPair);
    }

    /** Copies the camera rows unconverted: {@code height} rows of {@link #sourceRowBytes()} at {@code pitch}. */
    public void copyNative(MemorySegment source, long sourceStride, MemorySegment destination, long pitch) {
        copyNative(source, sourceStride, destination, pitch, 0, pairs);
    }

    /** {@link #copyNative(MemorySegment, long, MemorySegment, long)} for rows 2*fromPair .. 2*toPair-1 only. */
    public void copyNative(MemorySegment source, long sourceStride, MemorySegment destination, long pitch,
                           int fromPair, int toPair) {
        checkSource(source, sourceStride);
        checkDestination("native image", destination, pitch, sourceRowBytes, spec.height());
        start(Mode.NATIVE, source, sourceStride, destination, pitch, null, 0, fromPair, toPair);
    }

    /** Output row pairs of a frame (NV12 chroma rows): the unit of the partial conversions. */
    public int pairs() {
        return pairs;
    }

    /**
     * How many output row pairs, from the first, can be converted when only the first
     * {@code finalBytes} bytes of the source (rows {@code sourceStride} apart) are final: a pair
     * needs its own two rows and, for Bayer layouts, the row below it (the demosaic's neighbour;
     * rows past the bottom edge are mirrored back inside). {@link #pairs()} once the whole frame is there.
     */
    public int readyPairs(long finalBytes, long sourceStride) {
        if (sourceStride < sourceRowBytes || finalBytes < sourceRowBytes) {
            return 0;
        }
        long rows = Math.min(spec.height(), (finalBytes - sourceRowBytes) / sourceStride + 1);
        if (rows >= spec.height()) {
            return pairs;
        }
        int below = spec.layout().family() == InputLayout.Family.BAYER ? 1 : 0;
        return (int) Math.max(0, Math.min(pairs, (rows - below) / 2));
    }

    private void start(Mode newMode, MemorySegment source, long stride,
                       MemorySegment first, long firstPitch, MemorySegment second, long secondPitch,
                       int fromPair, int toPair) {
        if (fromPair < 0 || toPair > pairs || fromPair > toPair) {
            throw new ConversionException(String.format("row pairs: expected 0 <= from <= to <= %d but found [%d, %d)",
                    pairs, fromPair, toPair));
        }
        if (fromPair == toPair) {
            return;
        }
        firstPair = fromPair;
        endPair = toPair;
        mode = newMode;
        src = source;
        srcStride = stride;
        dst0 = first;
        pitch0 = firstPitch;
        dst1 = second;
        pitch1 = secondPitch;
        try {
            // A segment of a confined arena may only be touched by its owner thread: such a frame
            // is converted band after band on the caller (identical result, no parallelism).
            boolean shareable = runner.workersCanAccess(source) && runner.workersCanAccess(first)
                    && (second == null || runner.workersCanAccess(second));
            if (shareable) {
                runner.run(job);
            } else {
                runner.runOnCaller(job);
            }
        } finally {
            src = null; // do not keep the caller's buffers reachable between frames
            dst0 = null;
            dst1 = null;
        }
    }

    private void runBand(int band) {
        int span = endPair - firstPair;
        int from = firstPair + (int) ((long) span * band / workers.length);
        int to = firstPair + (int) ((long) span * (band + 1) / workers.length);
        BandWorker worker = workers[band];
        switch (mode) {
            case NV12 -> worker.toNv12(from, to, src, srcStride, dst0, pitch0, dst1, pitch1);
            case RGBA -> worker.toRgba(from, to, src, srcStride, dst0, pitch0);
            case NATIVE -> worker.copyNative(from, to, src, srcStride, dst0, pitch0);
        }
    }

    private void checkSource(MemorySegment source, long stride) {
        if (source == null) {
            throw new ConversionException("source: expected a segment but found null");
        }
        if (stride < sourceRowBytes) {
            throw new ConversionException(String.format(
                    "source stride: expected >= %d bytes (%s, width %d) but found %d",
                    sourceRowBytes, spec.layout(), spec.width(), stride));
        }
        long needed = Nv12Geometry.planeBytes(spec.height(), stride, sourceRowBytes);
        if (source.byteSize() < needed) {
            throw new ConversionException(String.format(
                    "source buffer: expected >= %d bytes (%s %dx%d, stride %d) but found %d",
                    needed, spec.layout(), spec.width(), spec.height(), stride, source.byteSize()));
        }
    }

    private static void checkDestination(String what, MemorySegment segment, long pitch, long rowBytes, int rows) {
        if (segment == null) {
            throw new ConversionException(what + ": expected a segment but found null");
        }
        if (segment.isReadOnly()) {
            throw new ConversionException(what + ": expected a writable segment but found a read-only one");
        }
        if (pitch < rowBytes) {
            throw new ConversionException(String.format(
                    "%s pitch: expected >= %d bytes but found %d", what, rowBytes, pitch));
        }
        long needed = Nv12Geometry.planeBytes(rows, pitch, rowBytes);
        if (segment.byteSize() < needed) {
            throw new ConversionException(String.format(
                    "%s buffer: expected >= %d bytes (%d rows of %d at pitch %d) but found %d",
                    what, needed, rows, rowBytes, pitch, segment.byteSize()));
        }
    }

    @Override
    public void close() {
        runner.close();
    }
}
