package io.gevgate.gendc.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gevgate.gendc.GenDcFormatException;
import io.gevgate.gendc.samples.SampleContainers;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.api.Test;

class ChunkCursorTest {

    /** Chunks laid out as a camera would: data, then LE id and length, one after another. */
    private static byte[] chunks(int[] ids, byte[][] data) {
        int size = 0;
        for (byte[] d : data) {
            size += d.length + 8;
        }
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < ids.length; i++) {
            b.put(data[i]).putInt(ids[i]).putInt(data[i].length);
        }
        return b.array();
    }

    @Test
    void walksChunksFromTheEnd() throws Exception {
        byte[] bytes = chunks(new int[] {0x11, 0x22, 0x33}, new byte[][] {{1, 2, 3}, {}, {9, 8, 7, 6, 5, 4, 3, 2}});
        ChunkCursor c = new ChunkCursor().wrap(MemorySegment.ofArray(bytes));
        assertThat(c.next()).isTrue();
        assertThat(c.chunkId()).isEqualTo(0x33);
        assertThat(c.length()).isEqualTo(8);
        assertThat(c.offset()).isEqualTo(3 + 8 + 0 + 8);
        assertThat(c.chunk().toArray(ValueLayout.JAVA_BYTE)).containsExactly(9, 8, 7, 6, 5, 4, 3, 2);
        assertThat(c.next()).isTrue();
        assertThat(c.chunkId()).isEqualTo(0x22);
        assertThat(c.length()).isZero();
        assertThat(c.next()).isTrue();
        assertThat(c.chunkId()).isEqualTo(0x11);
        assertThat(c.offset()).isZero();
        assertThat(c.chunk().toArray(ValueLayout.JAVA_BYTE)).containsExactly(1, 2, 3);
        assertThat(c.next()).isFalse();
    }

    @Test
    void readsTheSampleTimestampChunk() throws Exception {
        byte[] sample = SampleContainers.intensityRangeConfidence().toByteArray();
        ContainerView v = new ContainerView().wrap(MemorySegment.ofArray(sample));
        ChunkCursor c = new ChunkCursor().wrap(v.component(3).part(0).data());
        assertThat(c.next()).isTrue();
        assertThat(c.chunkId()).isEqualTo(0x0A5A_0001L);
        assertThat(c.chunk().get(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), 0))
                .isEqualTo(SampleContainers.TIMESTAMP_NS);
        assertThat(c.next()).isFalse();
    }

    @Test
    void malformedChunksAreTypedErrors() {
        byte[] bytes = chunks(new int[] {1}, new byte[][] {{1, 2, 3, 4}});
        ChunkCursor c = new ChunkCursor();
        byte[] tooLong = bytes.clone();
        tooLong[tooLong.length - 4] = 5;
        assertThatThrownBy(() -> c.wrap(MemorySegment.ofArray(tooLong)).next())
                .isInstanceOf(GenDcFormatException.class).hasMessageContaining("ChunkLength");
        byte[] cut = java.util.Arrays.copyOfRange(bytes, 2, bytes.length); // first chunk loses 2 bytes
        assertThatThrownBy(() -> {
            ChunkCursor w = c.wrap(MemorySegment.ofArray(cut));
            while (w.next()) {
                // walk to the broken start
            }
        }).isInstanceOf(GenDcFormatException.class);
        assertThatThrownBy(() -> c.wrap(MemorySegment.ofArray(new byte[5])).next())
                .isInstanceOf(GenDcFormatException.class).hasMessageContaining("ChunkTag");
        assertThatThrownBy(() -> new ChunkCursor().chunkId()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void randomBytesEndInFalseOrATypedError() {
        RandomGenerator r = RandomGeneratorFactory.of("L64X128MixRandom").create(0xC4_2026L);
        ChunkCursor c = new ChunkCursor();
        int clean = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] bytes = new byte[r.nextInt(64)];
            r.nextBytes(bytes);
            if (bytes.length >= 8 && r.nextBoolean()) { // a plausible last length so walks go deeper
                ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(bytes.length - 4,
                        r.nextInt(bytes.length - 7));
            }
            c.wrap(MemorySegment.ofArray(bytes));
            int steps = 0;
            try {
                while (c.next()) {
                    steps++;
                    assertThat(c.chunk().byteSize()).isEqualTo(c.length());
                }
                clean++;
            } catch (GenDcFormatException expected) {
                assertThat(expected.field()).startsWith("Chunk");
            }
            assertThat(steps).isLessThanOrEqualTo(bytes.length / 8);
        }
        assertThat(clean).isPositive();
    }
}
