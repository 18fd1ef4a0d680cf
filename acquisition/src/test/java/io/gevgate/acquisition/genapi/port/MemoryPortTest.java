package io.gevgate.acquisition.genapi.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MemoryPortTest {

    @Test
    void sparseZeroFilledBoundedAndCounted() {
        MemoryPort p = new MemoryPort(0x10000, 4);
        assertThat(p.read(0xFFF0, 8)).containsOnly(0);
        p.write(0x0FFE, new byte[] {1, 2, 3, 4}); // crosses a page boundary
        assertThat(p.read(0x0FFE, 4)).containsExactly(1, 2, 3, 4);
        assertThat(p.readRegisters(new long[] {0x0FFC, 0x1000})).containsExactly(0, 0, 1, 2, 3, 4, 0, 0);
        assertThat(p.readCount()).isEqualTo(3);
        assertThat(p.writeCount()).isEqualTo(1);
        assertThatThrownBy(() -> p.read(0xFFFE, 4)).isInstanceOf(PortException.class).hasMessageContaining("0xFFFE+4");
        assertThatThrownBy(() -> p.read(-4, 4)).isInstanceOf(PortException.class);
        assertThatThrownBy(() -> p.readRegisters(new long[5])).isInstanceOf(PortException.class).hasMessageContaining("maximum 4");
    }

    @Test
    void registerFileFormat() {
        MemoryPort p = new MemoryPort();
        int n = RegisterFile.apply("# comment\n0x100 512\n0x104 -1 # all ones\n0x200:2 0xBEEF\n0x48 \"Ara#vis\"\n\n", p);
        assertThat(n).isEqualTo(4);
        assertThat(p.peek(0x100, 4)).containsExactly(0, 0, 2, 0);
        assertThat(p.peek(0x104, 4)).containsExactly(0xff, 0xff, 0xff, 0xff);
        assertThat(p.peek(0x200, 2)).containsExactly(0xbe, 0xef);
        assertThat(new String(p.peek(0x48, 7))).isEqualTo("Ara#vis");
        assertThatThrownBy(() -> RegisterFile.parse("0x10 0x1FFFFFFFF")).isInstanceOf(RegisterFile.FormatException.class)
                .hasMessageContaining("line 1").hasMessageContaining("does not fit 4 bytes");
        assertThatThrownBy(() -> RegisterFile.parse("\nzz 1")).hasMessageContaining("line 2: address \"zz\"");
        assertThatThrownBy(() -> RegisterFile.parse("0x10")).hasMessageContaining("expected ADDRESS VALUE");
        assertThatThrownBy(() -> RegisterFile.parse("0x10:9 1")).hasMessageContaining("length must be 1..8");
        assertThatThrownBy(() -> RegisterFile.parse("0x10 \"abc")).hasMessageContaining("unterminated string");
    }

    @Test
    void randomRegisterFilesGiveFormatExceptionsOnly() {
        long seed = 0x2E61_57E2L;
        System.out.println("MemoryPortTest random seed " + seed);
        java.util.random.RandomGenerator rnd = java.util.random.RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
        String alphabet = "0123456789abcdefxX: \"#-\n\t";
        for (int i = 0; i < 3000; i++) {
            StringBuilder sb = new StringBuilder();
            for (int k = rnd.nextInt(40); k > 0; k--) {
                sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
            }
            try {
                RegisterFile.apply(sb.toString(), new MemoryPort(1 << 20, 1));
            } catch (RegisterFile.FormatException expected) {
                // typed: fine
            }
        }
    }
}
