package io.gevgate.bridge.convert;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every layout x output x matrix x range on seeded random frames of random (often odd) sizes with
 * random source stride and destination pitch padding, compared byte for byte with
 * {@link ReferenceConverter}; padding and tail bytes of the destinations must stay poisoned.
 */
class ConversionPropertyTest {

    private static final long SEED = 0x6E76_6761_7465L;
    private static final int FRAMES_PER_CASE = 6;

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (InputLayout layout : InputLayout.values()) {
            for (YuvMatrix matrix : YuvMatrix.values()) {
                for (YuvRange range : YuvRange.values()) {
                    cases.add(Arguments.of(layout, matrix, range));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void matchesReferenceOnRandomFrames(InputLayout layout, YuvMatrix matrix, YuvRange range) {
        long seed = SEED ^ (layout.ordinal() * 31L + matrix.ordinal() * 7L + range.ordinal());
        System.out.printf("seed %s %s %s: 0x%X%n", layout, matrix, range, seed);
        RandomGenerator random = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
        for (int frame = 0; frame < FRAMES_PER_CASE; frame++) {
            // Bayer needs a 2x2 tile, YUV422 an even width; everything else down to 1x1
            int min = layout.family() == InputLayout.Family.MONO || layout.family() == InputLayout.Family.RGB ? 1 : 2;
            int width = min + random.nextInt(38);
            if (layout.family() == InputLayout.Family.YUV422) {
                width = Math.max(2, width & ~1);
            }
            int height = min + random.nextInt(20);
            if (frame == 0) { // always cover an odd x odd frame (even width where the layout needs it)
                width |= layout.family() == InputLayout.Family.YUV422 ? 0 : 1;
                height |= 1;
            }
            int threads = 1 + random.nextInt(3);
            checkFrame(new ConversionSpec(layout, width, height, matrix, range), threads, random);
        }
    }

    private static void checkFrame(ConversionSpec spec, int threads, RandomGenerator random) {
        int w = spec.width();
        int h = spec.height();
        String what = spec + " threads=" + threads;
        // a shared arena lets the worker threads run; a confined one forces the caller-only path
        try (Arena arena = random.nextBoolean() ? Arena.ofShared() : Arena.ofConfined(); FrameConverter converter = FrameConverter.create(spec, threads)) {
            int rowBytes = (int) spec.layout().rowBytes(w);
            int stride = rowBytes + random.nextInt(6);
            byte[] source = new byte[(h - 1) * stride + rowBytes];
            random.nextBytes(source);
            // alternate heap and native source segments: both must work
            MemorySegment src = random.nextBoolean()
                    ? MemorySegment.ofArray(source)
                    : arena.allocate(source.length).copyFrom(MemorySegment.ofArray(source));
            ReferenceConverter ref = new ReferenceConverter(spec, source, stride);

            long yPitch = w + random.nextInt(9);
            long uvRowBytes = Nv12Geometry.uvRowBytes(w);
            long uvPitch = uvRowBytes + random.nextInt(9);
            int uvRows = Nv12Geometry.uvRows(h);
            MemorySegment yPlane = Planes.poisoned(arena, h, yPitch, w);
            MemorySegment uvPlane = Planes.poisoned(arena, uvRows, uvPitch, uvRowBytes);
            converter.toNv12(src, stride, yPlane, yPitch, uvPlane, uvPitch);
            Planes.assertPlane(what + " Y", yPlane, yPitch, w, h, (row, col) -> ref.nv12Y(col, row));
            Planes.assertPlane(what + " UV", uvPlane, uvPitch, uvRowBytes, uvRows,
                    (row, col) -> ref.nv12Uv(col / 2, row)[col % 2]);

            long rgbaPitch = 4L * w + random.nextInt(9);
            MemorySegment rgba = Planes.poisoned(arena, h, rgbaPitch, 4L * w);
            converter.toRgba(src, stride, rgba, rgbaPitch);
            Planes.assertPlane(what + " RGBA", rgba, rgbaPitch, 4L * w, h,
                    (row, col) -> ref.rgba(col / 4, row)[col % 4]);

            long nativePitch = rowBytes + random.nextInt(9);
            MemorySegment nat = Planes.poisoned(arena, h, nativePitch, rowBytes);
            converter.copyNative(src, stride, nat, nativePitch);
            Planes.assertPlane(what + " native", nat, nativePitch, rowBytes, h,
                    (row, col) -> source[row * stride + col] & 0xFF);
            assertThat(converter.bands()).isBetween(1, threads);
        }
    }
}
