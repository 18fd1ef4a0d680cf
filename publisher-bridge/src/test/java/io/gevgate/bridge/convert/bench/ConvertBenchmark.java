package io.gevgate.bridge.convert.bench;

import io.gevgate.bridge.convert.ConversionSpec;
import io.gevgate.bridge.convert.FrameConverter;
import io.gevgate.bridge.convert.InputLayout;
import io.gevgate.bridge.convert.Nv12Geometry;
import io.gevgate.bridge.convert.OutputFormat;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * 1920x1080 conversions, ns per frame, against {@code MemorySegment.copy} of the same source bytes
 * measured in the same run (the floor any conversion pays to touch its input once). Run through
 * bench/convert.sh, which also turns the times into MB/s and ratios. Not part of the test suite.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class ConvertBenchmark {

    private static final int WIDTH = 1920;
    private static final int HEIGHT = 1080;

    /** input_OUTPUT */
    @Param({"BAYER_RG8_NV12", "MONO8_NV12", "YUV422_YUYV_NV12", "BAYER_RG12P_NV12",
            "BAYER_RG8_RGBA8", "MONO8_RGBA8", "YUV422_YUYV_RGBA8", "BAYER_RG12P_RGBA8"})
    public String conversion;

    /** Row bands (worker threads incl. the caller). */
    @Param({"1"})
    public int threads;

    private Arena arena;
    private FrameConverter converter;
    private OutputFormat output;
    private MemorySegment source;
    private long sourceStride;
    private MemorySegment copyTarget;
    private MemorySegment yPlane;
    private MemorySegment uvPlane;
    private MemorySegment rgba;

    @Setup(Level.Trial)
    public void setUp() {
        int split = conversion.lastIndexOf('_');
        InputLayout layout = InputLayout.valueOf(conversion.substring(0, split));
        output = OutputFormat.valueOf(conversion.substring(split + 1));
        converter = FrameConverter.create(ConversionSpec.of(layout, WIDTH, HEIGHT), threads);
        arena = Arena.ofShared(); // shared: worker threads must be able to read and write it
        sourceStride = converter.sourceRowBytes();
        long frameBytes = sourceStride * HEIGHT;
        source = arena.allocate(frameBytes, 64);
        byte[] noise = new byte[(int) frameBytes];
        new Random(42).nextBytes(noise); // random pixels: no branch predictor help from flat images
        MemorySegment.copy(MemorySegment.ofArray(noise), 0, source, 0, frameBytes);
        copyTarget = arena.allocate(frameBytes, 64);
        yPlane = arena.allocate((long) WIDTH * HEIGHT, 64);
        uvPlane = arena.allocate(Nv12Geometry.uvRowBytes(WIDTH) * Nv12Geometry.uvRows(HEIGHT), 64);
        rgba = arena.allocate(4L * WIDTH * HEIGHT, 64);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        converter.close();
        arena.close();
    }

    @Benchmark
    public void convert(CpuClock cpu) {
        long start = cpu.start();
        if (output == OutputFormat.NV12) {
            converter.toNv12(source, sourceStride, yPlane, WIDTH, uvPlane, Nv12Geometry.uvRowBytes(WIDTH));
        } else {
            converter.toRgba(source, sourceStride, rgba, 4L * WIDTH);
        }
        cpu.stop(start);
    }

    /** Baseline: one bulk copy of the same source bytes. */
    @Benchmark
    public void copySourceBaseline(CpuClock cpu) {
        long start = cpu.start();
        MemorySegment.copy(source, 0, copyTarget, 0, source.byteSize());
        cpu.stop(start);
    }
}
