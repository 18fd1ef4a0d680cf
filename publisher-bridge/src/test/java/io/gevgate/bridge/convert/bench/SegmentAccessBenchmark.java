package io.gevgate.bridge.convert.bench;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The design question behind BandWorker: run the row kernels on MemorySegment get/set per byte,
 * or bulk-copy each row into a byte[] and run them on arrays? Same kernel (Mono8 -> Y through a
 * 256-entry table, 1920x1080) both ways; the copy baseline shows the floor.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class SegmentAccessBenchmark {

    private static final int W = 1920;
    private static final int H = 1080;
    private static final ValueLayout.OfByte BYTE = ValueLayout.JAVA_BYTE;

    private Arena arena;
    private MemorySegment src;
    private MemorySegment dst;
    private final byte[] lut = new byte[256];
    private final byte[] inRow = new byte[W];
    private final byte[] outRow = new byte[W];

    @Setup(Level.Trial)
    public void setUp() {
        arena = Arena.ofShared();
        src = arena.allocate((long) W * H, 64);
        dst = arena.allocate((long) W * H, 64);
        byte[] noise = new byte[W * H];
        new Random(7).nextBytes(noise);
        MemorySegment.copy(MemorySegment.ofArray(noise), 0, src, 0, noise.length);
        for (int i = 0; i < 256; i++) {
            lut[i] = (byte) (16 + (i * 219 + 127) / 255);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
    }

    @Benchmark
    public void perByteSegmentAccess() {
        for (int y = 0; y < H; y++) {
            long row = (long) y * W;
            for (int x = 0; x < W; x++) {
                dst.set(BYTE, row + x, lut[src.get(BYTE, row + x) & 0xFF]);
            }
        }
    }

    @Benchmark
    public void bulkRowCopyAndArrays() {
        for (int y = 0; y < H; y++) {
            long row = (long) y * W;
            MemorySegment.copy(src, BYTE, row, inRow, 0, W);
            for (int x = 0; x < W; x++) {
                outRow[x] = lut[inRow[x] & 0xFF];
            }
            MemorySegment.copy(outRow, 0, dst, BYTE, row, W);
        }
    }

    @Benchmark
    public void copyBaseline() {
        MemorySegment.copy(src, 0, dst, 0, (long) W * H);
    }
}
