package io.gevgate.gendc.read;

import static org.assertj.core.api.Assertions.assertThat;

import io.gevgate.gendc.GenDcFormatException;
import io.gevgate.gendc.layout.ContainerHeader;
import io.gevgate.gendc.write.ContainerSpec;
import io.gevgate.gendc.write.RandomContainers;
import java.lang.foreign.MemorySegment;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.api.Test;

/**
 * Random bytes and randomly corrupted containers: every outcome is either a valid container whose
 * every field and data slice can be read, or a {@link GenDcFormatException}. Anything else
 * (IndexOutOfBoundsException, ArithmeticException, ...) fails the test.
 */
class RandomBytesTest {
    private static final long SEED = 0xF0220_2026L;

    @Test
    void corruptedContainers() throws Exception {
        System.out.println("RandomBytesTest.corruptedContainers seed = 0x" + Long.toHexString(SEED));
        RandomGenerator r = RandomGeneratorFactory.of("L64X128MixRandom").create(SEED);
        ContainerView view = new ContainerView();
        int accepted = 0;
        int rejected = 0;
        for (int i = 0; i < 10_000; i++) {
            ContainerSpec spec = RandomContainers.next(r);
            byte[] bytes = spec.toByteArray();
            int flips = 1 + r.nextInt(6);
            for (int k = 0; k < flips; k++) {
                // mostly inside the descriptor, where the structure is
                int at = r.nextInt(4) == 0 ? r.nextInt(bytes.length) : r.nextInt((int) spec.descriptorSize());
                bytes[at] = switch (r.nextInt(4)) {
                    case 0 -> (byte) 0xFF;
                    case 1 -> 0;
                    case 2 -> (byte) (bytes[at] ^ (1 << r.nextInt(8)));
                    default -> (byte) r.nextInt(256);
                };
            }
            MemorySegment segment = MemorySegment.ofArray(bytes);
            if (wrapAndRead(view, segment, true)) {
                accepted++;
            } else {
                rejected++;
            }
            wrapAndRead(view, segment.asSlice(0, Math.min(bytes.length, spec.descriptorSize())), false);
        }
        assertThat(rejected).as("corruption is mostly detected").isGreaterThan(5_000);
        assertThat(accepted).as("some corruptions hit data or free fields").isGreaterThan(50);
    }

    @Test
    void randomGarbage() throws Exception {
        RandomGenerator r = RandomGeneratorFactory.of("L64X128MixRandom").create(SEED + 1);
        ContainerView view = new ContainerView();
        FlowTableView table = new FlowTableView();
        int rejected = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] bytes = new byte[r.nextInt(600)];
            r.nextBytes(bytes);
            if (bytes.length >= ContainerHeader.FIXED_SIZE && r.nextBoolean()) {
                // a plausible container header prefix so that checks past the signature run too
                bytes[0] = 'G';
                bytes[1] = 'N';
                bytes[2] = 'D';
                bytes[3] = 'C';
                bytes[4] = 1;
                bytes[5] = (byte) r.nextInt(2);
                bytes[8] = 0;
                bytes[9] = 0x10;
            }
            if (!wrapAndRead(view, MemorySegment.ofArray(bytes), true)) {
                rejected++;
            }
            try {
                table.wrap(MemorySegment.ofArray(bytes));
                for (int f = 0; f < table.flowCount(); f++) {
                    assertThat(table.flowSize(f)).isNotNegative();
                }
            } catch (GenDcFormatException expected) {
                assertThat(expected.field()).startsWith("FlowTable");
            }
        }
        assertThat(rejected).isEqualTo(20_000);
    }

    /** True when accepted (and then fully readable), false when rejected with the typed exception. */
    private static boolean wrapAndRead(ContainerView view, MemorySegment segment, boolean linear) throws Exception {
        try {
            if (linear) {
                view.wrap(segment);
            } else {
                view.wrapDescriptor(segment);
            }
        } catch (GenDcFormatException e) {
            assertThat(e.field()).isNotBlank();
            assertThat(e.offset()).isBetween(0L, segment.byteSize() + 8);
            return false;
        }
        Exercise.all(view, null);
        return true;
    }
}
