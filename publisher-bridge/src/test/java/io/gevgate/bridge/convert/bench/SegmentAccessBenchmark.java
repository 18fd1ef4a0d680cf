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
 * or bulk-copy each row into a byte[] and run them on arrays? Two kernels, each both ways, on
 * 1920x1080: a one-load kernel (Mono8 -> Y through a 256-entry table) and a neighbourhood kernel
 * that reads 3 rows per output pixel like the demosaic (rows copied once, reused 3 times).
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
    private final byte[][] ring = {new byte[W], new byte[W], new byte[W]};

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
    public void perByteSegmentAccess(CpuClock cpu) {
        long start = cpu.start();
        for (int y = 0; y < H; y++) {
            long row = (long) y * W;
            for (int x = 0; x < W; x++) {
                dst.set(BYTE, row + x, lut[src.get(BYTE, row + x) & 0xFF]);
            }
        }
        cpu.stop(start);
    }

    @Benchmark
    public void bulkRowCopyAndArrays(CpuClock cpu) {
        long start = cpu.start();
        for (int y = 0; y < H; y++) {
            long row = (long) y * W;
            MemorySegment.copy(src, BYTE, row, inRow, 0, W);
            for (int x = 0; x < W; x++) {
                outRow[x] = lut[inRow[x] & 0xFF];
            }
            MemorySegment.copy(outRow, 0, dst, BYTE, row, W);
        }
        cpu.stop(start);
    }

    @Benchmark
    public void neighbourhoodPerByteSegmentAccess(CpuClock cpu) {
        long start = cpu.start();
        for (int y = 1; y < H - 1; y++) {
            long row = (long) y * W;
            for (int x = 1; x < W - 1; x++) {
                long p = row + x;
                int v = (src.get(BYTE, p - W) & 0xFF) + (src.get(BYTE, p + W) & 0xFF)
                        + (src.get(BYTE, p - 1) & 0xFF) + (src.get(BYTE, p + 1) & 0xFF);
                dst.set(BYTE, p, (byte) ((v + 2) >> 2));
            }
        }
        cpu.stop(start);
    }

    @Benchmark
    public void neighbourhoodBulkRowCopyAndArrays(CpuClock cpu) {
        long start = cpu.start();
        MemorySegment.copy(src, BYTE, 0, ring[0], 0, W);
        MemorySegment.copy(src, BYTE, W, ring[1], 0, W);
        for (int y = 1; y < H - 1; y++) {
            byte[] up = ring[(y - 1) % 3];
            byte[] cur = ring[y % 3];
            byte[] down = ring[(y + 1) % 3];
            MemorySegment.copy(src, BYTE, (long) (y + 1) * W, down, 0, W);
            for (int x = 1; x < W - 1; x++) {
                int v = (up[x] & 0xFF) + (down[x] & 0xFF) + (cur[x - 1] & 0xFF) + (cur[x + 1] & 0xFF);
                outRow[x] = (byte) ((v + 2) >> 2);
            }
            MemorySegment.copy(outRow, 1, dst, BYTE, (long) y * W + 1, W - 2);
        }
        cpu.stop(start);
    }

    @Benchmark
    public void copyBaseline(CpuClock cpu) {
        long start = cpu.start();
        MemorySegment.copy(src, 0, dst, 0, (long) W * H);
        cpu.stop(start);
    }
}
