package io.gevgate.bridge.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

import org.junit.jupiter.api.Test;

/**
 * Converting a frame in pieces while it arrives ({@link FrameConverter#readyPairs} + the pair-range
 * calls) gives exactly the bytes of one whole conversion, and a piece never reads source bytes
 * that were not yet final: before each piece, everything past the final prefix is garbage.
 */
class PartialConversionTest {

    private static RandomGenerator random(long seed) {
        System.out.printf("seed 0x%X%n", seed);
        return RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    }

    private enum Out { NV12, RGBA, NATIVE }

    /** Output of one conversion (all pairs, or pieces as the source "arrives"), as bytes. */
    private static byte[] convert(FrameConverter c, Out out, byte[] source, long stride, int w, int h,
                                  RandomGenerator arrivals, boolean inPieces) {
        try (Arena arena = Arena.ofShared()) {
            MemorySegment src = arena.allocate(source.length);
            long yBytes = (long) w * h;
            long uvBytes = Nv12Geometry.uvRowBytes(w) * Nv12Geometry.uvRows(h);
            long dstBytes = switch (out) {
                case NV12 -> yBytes + uvBytes;
                case RGBA -> 4L * w * h;
                case NATIVE -> c.sourceRowBytes() * h;
            };
            MemorySegment dst = arena.allocate(dstBytes);
            dst.fill((byte) 0x3C); // poisoned: every byte must be written
            int done = 0;
            if (inPieces) {
                long arrived = 0;
                while (done < c.pairs()) {
                    arrived = Math.min(source.length, arrived + 1 + arrivals.nextLong(Math.max(1, source.length / 3)));
                    // what has arrived is final; the rest is garbage that must not be read
                    MemorySegment.copy(source, 0, src, ValueLayout.JAVA_BYTE, 0, (int) arrived);
                    for (long i = arrived; i < source.length; i++) {
                        src.set(ValueLayout.JAVA_BYTE, i, (byte) arrivals.nextInt());
                    }
                    int ready = c.readyPairs(arrived, stride);
                    assertThat(ready).isBetween(done, c.pairs());
                    if (arrived == source.length) {
                        assertThat(ready).as("the whole frame converts").isEqualTo(c.pairs());
                    }
                    piece(c, out, src, stride, dst, w, h, done, ready);
                    done = ready;
                }
            } else {
                MemorySegment.copy(source, 0, src, ValueLayout.JAVA_BYTE, 0, source.length);
                piece(c, out, src, stride, dst, w, h, 0, c.pairs());
            }
            return dst.toArray(ValueLayout.JAVA_BYTE);
        }
    }

    private static void piece(FrameConverter c, Out out, MemorySegment src, long stride, MemorySegment dst, int w, int h,
                              int from, int to) {
        switch (out) {
            case NV12 -> {
                long yBytes = (long) w * h;
                c.toNv12(src, stride, dst.asSlice(0, yBytes), w, dst.asSlice(yBytes), Nv12Geometry.uvRowBytes(w), from, to);
            }
            case RGBA -> c.toRgba(src, stride, dst, 4L * w, from, to);
            case NATIVE -> c.copyNative(src, stride, dst, c.sourceRowBytes(), from, to);
        }
    }

    @Test
    void everyLayoutAndOutputConvertedInPiecesAsItArrivesEqualsTheWholeConversion() {
        RandomGenerator random = random(0x9A27_1A1L);
        int[][] sizes = {{33, 17}, {64, 2}, {31, 1}, {96, 41}, {7, 3}};
        int cases = 0;
        for (InputLayout layout : InputLayout.values()) {
            for (int[] size : sizes) {
                int w = size[0];
                int h = size[1];
                if (layout.family() == InputLayout.Family.YUV422 && (w & 1) != 0
                        || layout.family() == InputLayout.Family.BAYER && h < 2) {
                    continue; // 4:2:2 needs an even width, a mosaic two rows
                }
                ConversionSpec spec = new ConversionSpec(layout, w, h, YuvMatrix.BT601, YuvRange.LIMITED);
                long stride = layout.rowBytes(w) + random.nextInt(0, 9);
                byte[] source = new byte[(int) (stride * h)];
                random.nextBytes(source);
                for (Out out : Out.values()) {
                    for (int threads : new int[] {1, 3}) {
                        try (FrameConverter c = FrameConverter.create(spec, threads)) {
                            byte[] whole = convert(c, out, source, stride, w, h, random, false);
                            byte[] pieces = convert(c, out, source, stride, w, h, random, true);
                            assertThat(pieces).as("%s %dx%d stride %d -> %s, %d threads", layout, w, h, stride, out, threads)
                                    .isEqualTo(whole);
                            cases++;
                        }
                    }
                }
            }
        }
        System.out.println(cases + " cases");
        assertThat(cases).isGreaterThan(100);
    }

    @Test
    void readyPairsFollowsTheRowsAndTheBayerNeighbour() {
        try (FrameConverter bayer = FrameConverter.create(ConversionSpec.of(InputLayout.BAYER_RG8, 10, 9));
             FrameConverter mono = FrameConverter.create(ConversionSpec.of(InputLayout.MONO8, 10, 9))) {
            assertThat(bayer.pairs()).isEqualTo(5);
            assertThat(bayer.readyPairs(9, 10)).as("not even one row").isZero();
            assertThat(mono.readyPairs(20, 10)).isEqualTo(1);
            assertThat(bayer.readyPairs(20, 10)).as("pair 0 needs row 2 for the demosaic").isZero();
            assertThat(bayer.readyPairs(30, 10)).isEqualTo(1);
            assertThat(bayer.readyPairs(80, 10)).as("8 of 9 rows: the last pair mirrors from row 8's neighbour").isEqualTo(3);
            assertThat(mono.readyPairs(80, 10)).isEqualTo(4);
            assertThat(bayer.readyPairs(90, 10)).isEqualTo(5);
            assertThat(mono.readyPairs(Long.MAX_VALUE, 10)).isEqualTo(5);
            assertThat(mono.readyPairs(100, 9)).as("stride below the row size").isZero();
        }
    }

    @Test
    void aPairRangeOutsideTheFrameIsATypedError() {
        try (Arena arena = Arena.ofConfined(); FrameConverter c = FrameConverter.create(ConversionSpec.of(InputLayout.MONO8, 8, 4))) {
            MemorySegment src = arena.allocate(32);
            MemorySegment dst = arena.allocate(4 * 32);
            assertThatThrownBy(() -> c.toRgba(src, 8, dst, 32, 1, 3)).isInstanceOf(ConversionException.class)
                    .hasMessageContaining("row pairs");
            assertThatThrownBy(() -> c.toRgba(src, 8, dst, 32, 2, 1)).isInstanceOf(ConversionException.class);
            c.toRgba(src, 8, dst, 32, 1, 1); // empty: nothing to do, no error
        }
    }
}
