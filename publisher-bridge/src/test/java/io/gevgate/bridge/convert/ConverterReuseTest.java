package io.gevgate.bridge.convert;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

import org.junit.jupiter.api.Test;

/** One converter, many frames: results stay right, thread count does not matter, no garbage per frame. */
class ConverterReuseTest {

    private static RandomGenerator random(long seed) {
        System.out.printf("seed 0x%X%n", seed);
        return RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    }

    @Test
    void reusedConverterMatchesReferenceOnEveryFrame() {
        RandomGenerator random = random(0xC0FFEEL);
        ConversionSpec spec = new ConversionSpec(InputLayout.BAYER_GB12P, 33, 17, YuvMatrix.BT709, YuvRange.FULL);
        int rowBytes = (int) spec.layout().rowBytes(33);
        try (Arena arena = Arena.ofShared(); FrameConverter converter = FrameConverter.create(spec, 3)) {
            MemorySegment y = arena.allocate(33 * 17);
            MemorySegment uv = arena.allocate(34 * 9);
            for (int frame = 0; frame < 5; frame++) {
                byte[] source = new byte[rowBytes * 17];
                random.nextBytes(source);
                ReferenceConverter ref = new ReferenceConverter(spec, source, rowBytes);
                converter.toNv12(arena.allocate(source.length).copyFrom(MemorySegment.ofArray(source)), rowBytes,
                        y, 33, uv, 34);
                Planes.assertPlane("frame " + frame + " Y", y, 33, 33, 17, (row, col) -> ref.nv12Y(col, row));
                Planes.assertPlane("frame " + frame + " UV", uv, 34, 34, 9, (row, col) -> ref.nv12Uv(col / 2, row)[col % 2]);
            }
        }
    }

    @Test
    void anyThreadCountGivesTheSameBytes() {
        RandomGenerator random = random(0xBA4DL);
        for (InputLayout layout : new InputLayout[] {InputLayout.BAYER_BG8, InputLayout.MONO10P, InputLayout.YUV422_UYVY}) {
            ConversionSpec spec = ConversionSpec.of(layout, 320, 241);
            int rowBytes = (int) layout.rowBytes(320);
            byte[] source = new byte[rowBytes * 241];
            random.nextBytes(source);
            byte[][] results = new byte[4][];
            int[] threadCounts = {1, 2, 3, 7};
            for (int i = 0; i < threadCounts.length; i++) {
                try (Arena arena = Arena.ofShared(); FrameConverter converter = FrameConverter.create(spec, threadCounts[i])) {
                    assertThat(converter.bands()).isEqualTo(threadCounts[i]);
                    MemorySegment src = arena.allocate(source.length).copyFrom(MemorySegment.ofArray(source));
                    MemorySegment rgba = arena.allocate(4L * 320 * 241);
                    MemorySegment y = arena.allocate(320L * 241);
                    MemorySegment uv = arena.allocate(320L * 121);
                    converter.toRgba(src, rowBytes, rgba, 4L * 320);
                    converter.toNv12(src, rowBytes, y, 320, uv, 320);
                    results[i] = concat(rgba.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE),
                            y.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE),
                            uv.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE));
                }
            }
            for (int i = 1; i < results.length; i++) {
                assertThat(results[i]).as("%s with %d threads", layout, threadCounts[i]).isEqualTo(results[0]);
            }
        }
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    /** The caller thread allocates nothing per frame (worker threads run the same allocation-free code). */
    @Test
    void noAllocationPerFrameOnTheCallingThread() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        ConversionSpec spec = ConversionSpec.of(InputLayout.BAYER_RG8, 64, 32);
        try (Arena arena = Arena.ofShared(); FrameConverter converter = FrameConverter.create(spec, 2)) {
            MemorySegment src = arena.allocate(64 * 32);
            MemorySegment y = arena.allocate(64 * 32);
            MemorySegment uv = arena.allocate(64 * 16);
            MemorySegment rgba = arena.allocate(4 * 64 * 32);
            for (int i = 0; i < 2_000; i++) { // warm up past the JIT tiers
                converter.toNv12(src, 64, y, 64, uv, 64);
                converter.toRgba(src, 64, rgba, 256);
            }
            long self = Thread.currentThread().threadId();
            long allocated = Long.MAX_VALUE;
            // best of 5 rounds: a round may still run partly interpreted on a slow machine
            for (int round = 0; round < 5 && allocated > 0; round++) {
                long before = threads.getThreadAllocatedBytes(self);
                for (int i = 0; i < 1_000; i++) {
                    converter.toNv12(src, 64, y, 64, uv, 64);
                    converter.toRgba(src, 64, rgba, 256);
                }
                allocated = Math.min(allocated, threads.getThreadAllocatedBytes(self) - before);
            }
            System.out.println("bytes allocated by 2,000 conversions: " + allocated);
            // 2,000 conversions: even one small object each would be > 30 KB
            assertThat(allocated).as("bytes allocated for 2,000 conversions").isLessThan(8_192);
        }
    }
}
