package io.gevgate.acquisition.genapi.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.api.Test;

class ChunkPortTest {

    /** Builds chunk data: each chunk's bytes followed by its id and length trailer. */
    static ByteBuffer chunks(ByteOrder order, Object... idAndData) {
        int size = 0;
        for (int i = 0; i < idAndData.length; i += 2) {
            size += ((byte[]) idAndData[i + 1]).length + 8;
        }
        ByteBuffer b = ByteBuffer.allocate(size).order(order);
        for (int i = 0; i < idAndData.length; i += 2) {
            byte[] data = (byte[]) idAndData[i + 1];
            b.put(data).putInt((Integer) idAndData[i]).putInt(data.length);
        }
        return b.flip();
    }

    @Test
    void findsChunksByIdWalkingTrailersBigEndian() {
        ByteBuffer b = chunks(ByteOrder.BIG_ENDIAN, 0x1, new byte[16], 0xA5A50001, new byte[] {1, 2, 3, 4, 5, 6, 7, 8},
                0x00000002, new byte[] {9, 9, 9, 9});
        List<ChunkPort.Chunk> list = ChunkPort.parse(b, ByteOrder.BIG_ENDIAN);
        assertThat(list).extracting(ChunkPort.Chunk::id).containsExactly(0x1L, 0xA5A50001L, 0x2L);
        assertThat(list.get(1).offset()).isEqualTo(24);
        ChunkPort p = ChunkPort.find(b, ByteOrder.BIG_ENDIAN, 0xA5A50001L);
        assertThat(p.length()).isEqualTo(8);
        assertThat(p.read(4, 4)).containsExactly(5, 6, 7, 8);
        assertThatThrownBy(() -> p.read(6, 4)).isInstanceOf(PortException.class).hasMessageContaining("outside chunk 0xA5A50001");
        assertThatThrownBy(() -> p.write(0, new byte[1])).isInstanceOf(PortException.class).hasMessageContaining("read-only");
        assertThat(ChunkPort.find(b, ByteOrder.BIG_ENDIAN, 0x77)).isNull();
    }

    @Test
    void genDcTrailersAreLittleEndian() {
        ByteBuffer b = chunks(ByteOrder.LITTLE_ENDIAN, 0x1234, new byte[] {42, 0, 0, 0});
        assertThat(ChunkPort.find(b, ByteOrder.LITTLE_ENDIAN, 0x1234).read(0, 1)).containsExactly(42);
        assertThatThrownBy(() -> ChunkPort.parse(b, ByteOrder.BIG_ENDIAN)).isInstanceOf(ChunkFormatException.class);
    }

    @Test
    void truncatedAndOversizedTrailersAreTypedErrors() {
        ByteBuffer shortBuf = ByteBuffer.wrap(new byte[5]);
        assertThatThrownBy(() -> ChunkPort.parse(shortBuf, ByteOrder.BIG_ENDIAN)).isInstanceOf(ChunkFormatException.class)
                .hasMessageContaining("a trailer needs 8 bytes");
        ByteBuffer lying = ByteBuffer.allocate(12).putInt(0).putInt(7).putInt(100).flip();
        assertThatThrownBy(() -> ChunkPort.parse(lying, ByteOrder.BIG_ENDIAN)).isInstanceOf(ChunkFormatException.class)
                .hasMessageContaining("declares 100 data bytes, only 4 precede");
        ByteBuffer huge = ByteBuffer.allocate(8).putInt(7).putInt(-1).flip();
        assertThatThrownBy(() -> ChunkPort.parse(huge, ByteOrder.BIG_ENDIAN)).isInstanceOf(ChunkFormatException.class);
    }

    @Test
    void randomBytesNeverEscapeAsUntypedExceptions() {
        long seed = 0xC0FFEEL;
        System.out.println("ChunkPortTest random seed " + seed);
        RandomGenerator rnd = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
        for (int i = 0; i < 2000; i++) {
            byte[] data = new byte[rnd.nextInt(64)];
            rnd.nextBytes(data);
            if (data.length >= 8 && rnd.nextBoolean()) {
                ByteBuffer.wrap(data).putInt(data.length - 4, rnd.nextInt(data.length)); // plausible lengths too
            }
            try {
                ChunkPort.parse(ByteBuffer.wrap(data), rnd.nextBoolean() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
            } catch (ChunkFormatException expected) {
                // typed: fine
            }
        }
    }
}
