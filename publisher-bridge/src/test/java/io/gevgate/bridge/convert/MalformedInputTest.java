package io.gevgate.bridge.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

import org.junit.jupiter.api.Test;

/** Bad sizes, strides, pitches and formats: a ConversionException naming expected and found, nothing written. */
class MalformedInputTest {

    private static final ConversionSpec BAYER_12P = ConversionSpec.of(InputLayout.BAYER_RG12P, 8, 4); // 12 bytes/row

    @Test
    void unsupportedPfncCodeIsNamed() {
        assertThatThrownBy(() -> InputLayout.fromPfnc(0x01080002)) // Mono8s: valid PFNC, not supported
                .isInstanceOf(ConversionException.class)
                .hasMessageContaining("found 0x01080002")
                .hasMessageContaining("MONO8=0x01080001");
        assertThatThrownBy(() -> InputLayout.fromPfnc(-1)).isInstanceOf(ConversionException.class)
                .hasMessageContaining("0xFFFFFFFF");
    }

    @Test
    void everyLayoutRoundTripsThroughItsPfncCode() {
        for (InputLayout layout : InputLayout.values()) {
            assertThat(InputLayout.fromPfnc(layout.pfnc())).isSameAs(layout);
        }
        assertThat(InputLayout.MONO12P.rowBytes(5)).isEqualTo(8);       // 60 bits
        assertThat(InputLayout.MONO10_PACKED.rowBytes(5)).isEqualTo(8); // GEV packing is 12 bits/pixel
        assertThat(InputLayout.MONO10P.rowBytes(5)).isEqualTo(7);       // 50 bits
        assertThat(InputLayout.YUV422_UYVY.rowBytes(4)).isEqualTo(8);
    }

    @Test
    void badFrameSizes() {
        assertThatThrownBy(() -> ConversionSpec.of(InputLayout.MONO8, 0, 10))
                .isInstanceOf(ConversionException.class).hasMessageContaining("found 0x10");
        assertThatThrownBy(() -> ConversionSpec.of(InputLayout.MONO8, 10, 70_000))
                .isInstanceOf(ConversionException.class).hasMessageContaining("1..65536");
        assertThatThrownBy(() -> ConversionSpec.of(InputLayout.BAYER_GB8, 1, 10))
                .isInstanceOf(ConversionException.class).hasMessageContaining("at least 2x2").hasMessageContaining("1x10");
        assertThatThrownBy(() -> ConversionSpec.of(InputLayout.YUV422_YUYV, 5, 4))
                .isInstanceOf(ConversionException.class).hasMessageContaining("even width").hasMessageContaining("5");
        assertThatThrownBy(() -> FrameConverter.create(BAYER_12P, 0))
                .isInstanceOf(ConversionException.class).hasMessageContaining("found 0");
        assertThatThrownBy(() -> OutputFormat.parse("yuv420"))
                .isInstanceOf(ConversionException.class).hasMessageContaining("'yuv420'");
        assertThat(OutputFormat.parse("RGBA")).isEqualTo(OutputFormat.RGBA8);
    }

    @Test
    void sourceStrideAndSizeAreChecked() {
        try (Arena arena = Arena.ofConfined(); FrameConverter converter = FrameConverter.create(BAYER_12P)) {
            MemorySegment rgba = poisoned(arena, 4 * 8 * 4);
            assertThatThrownBy(() -> converter.toRgba(arena.allocate(48), 11, rgba, 32))
                    .isInstanceOf(ConversionException.class)
                    .hasMessageContaining("source stride: expected >= 12").hasMessageContaining("found 11");
            assertThatThrownBy(() -> converter.toRgba(arena.allocate(47), 12, rgba, 32))
                    .isInstanceOf(ConversionException.class)
                    .hasMessageContaining("source buffer: expected >= 48").hasMessageContaining("found 47");
            // stride padding on the last row is not required: 3*16 + 12 = 60 bytes suffice
            assertThatThrownBy(() -> converter.toRgba(arena.allocate(59), 16, rgba, 32))
                    .isInstanceOf(ConversionException.class).hasMessageContaining("expected >= 60");
            assertThatThrownBy(() -> converter.toRgba(null, 12, rgba, 32))
                    .isInstanceOf(ConversionException.class).hasMessageContaining("found null");
            assertUntouched(rgba);
            converter.toRgba(arena.allocate(60), 16, rgba, 32); // the boundary case itself is fine
        }
    }

    @Test
    void destinationPitchesAndSizesAreChecked() {
        ConversionSpec odd = ConversionSpec.of(InputLayout.MONO8, 5, 3); // UV rows need 6 bytes, 2 rows
        try (Arena arena = Arena.ofConfined(); FrameConverter converter = FrameConverter.create(odd)) {
            MemorySegment src = arena.allocate(15);
            MemorySegment y = poisoned(arena, 15);
            MemorySegment uv = poisoned(arena, 12);
            assertThatThrownBy(() -> converter.toNv12(src, 5, y, 4, uv, 6))
                    .isInstanceOf(ConversionException.class)
                    .hasMessageContaining("NV12 Y plane pitch: expected >= 5 bytes but found 4");
            assertThatThrownBy(() -> converter.toNv12(src, 5, y, 5, uv, 5)) // pitch = width is too small for odd width
                    .isInstanceOf(ConversionException.class)
                    .hasMessageContaining("NV12 UV plane pitch: expected >= 6 bytes but found 5");
            assertThatThrownBy(() -> converter.toNv12(src, 5, y.asSlice(0, 14), 5, uv, 6))
                    .isInstanceOf(ConversionException.class)
                    .hasMessageContaining("NV12 Y plane buffer: expected >= 15 bytes").hasMessageContaining("found 14");
            assertThatThrownBy(() -> converter.toNv12(src, 5, y, 5, uv.asSlice(0, 11), 6))
                    .isInstanceOf(ConversionException.class)
                    .hasMessageContaining("NV12 UV plane buffer: expected >= 12 bytes");
            assertThatThrownBy(() -> converter.toNv12(src, 5, y.asReadOnly(), 5, uv, 6))
                    .isInstanceOf(ConversionException.class).hasMessageContaining("read-only");
            assertThatThrownBy(() -> converter.toNv12(src, 5, y, 5, null, 6))
                    .isInstanceOf(ConversionException.class).hasMessageContaining("UV plane: expected a segment");
            assertUntouched(y);
            assertUntouched(uv);
            MemorySegment rgba = poisoned(arena, 60);
            assertThatThrownBy(() -> converter.toRgba(src, 5, rgba, 19))
                    .isInstanceOf(ConversionException.class).hasMessageContaining("RGBA8 image pitch: expected >= 20");
            assertThatThrownBy(() -> converter.copyNative(src, 5, rgba.asSlice(0, 14), 5))
                    .isInstanceOf(ConversionException.class).hasMessageContaining("native image buffer: expected >= 15");
            assertUntouched(rgba);
        }
    }

    /** Random geometry: every call either converts or throws ConversionException, never anything else. */
    @Test
    void randomGeometryFuzz() {
        long seed = 0xF022_1234L;
        System.out.printf("seed 0x%X%n", seed);
        RandomGenerator random = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
        int converted = 0;
        int rejected = 0;
        InputLayout[] layouts = InputLayout.values();
        try (Arena arena = Arena.ofShared()) {
            for (int i = 0; i < 400; i++) {
                InputLayout layout = layouts[random.nextInt(layouts.length)];
                int w = random.nextInt(-1, 12);
                int h = random.nextInt(-1, 8);
                ConversionSpec spec;
                try {
                    spec = ConversionSpec.of(layout, w, h);
                } catch (ConversionException e) {
                    rejected++;
                    continue;
                }
                try (FrameConverter converter = FrameConverter.create(spec, 1 + random.nextInt(3))) {
                    MemorySegment src = arena.allocate(random.nextInt(0, 200));
                    MemorySegment a = arena.allocate(random.nextInt(0, 300));
                    MemorySegment b = arena.allocate(random.nextInt(0, 100));
                    long stride = random.nextLong(-2, 40);
                    long pitchA = random.nextLong(-2, 60);
                    long pitchB = random.nextLong(-2, 30);
                    switch (random.nextInt(3)) {
                        case 0 -> converter.toNv12(src, stride, a, pitchA, b, pitchB);
                        case 1 -> converter.toRgba(src, stride, a, pitchA);
                        default -> converter.copyNative(src, stride, a, pitchA);
                    }
                    converted++;
                } catch (ConversionException e) {
                    assertThat(e.getMessage()).contains("expected").contains("found");
                    rejected++;
                }
            }
        }
        assertThat(converted).as("some random geometries are valid").isPositive();
        assertThat(rejected).as("most random geometries are not").isGreaterThan(converted);
    }

    private static MemorySegment poisoned(Arena arena, long size) {
        MemorySegment segment = arena.allocate(size);
        segment.fill(Planes.POISON);
        return segment;
    }

    private static void assertUntouched(MemorySegment segment) {
        for (long i = 0; i < segment.byteSize(); i++) {
            assertThat(segment.get(ValueLayout.JAVA_BYTE, i)).as("byte %d", i).isEqualTo(Planes.POISON);
        }
    }
}
