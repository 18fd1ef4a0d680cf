package io.gevgate.simulator.registers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gevgate.acquisition.gvcp.codec.GvcpStatus;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegisterSpaceTest {

    private static RegisterSpace space() {
        RegisterSpace r = new RegisterSpace();
        r.define(0x100, "A", Access.RW, 0x11223344);
        r.define(0x104, "B", Access.RO, 7);
        r.define(0x108, "Cmd", Access.COMMAND, 0, RegisterValidator.oneOf(1));
        r.defineComputed(0x10C, "Twice", () -> 2 * r.value(0x100));
        r.defineArea(0x110, "Text", Access.RW, "abc".getBytes(), 8);
        r.define(0x118, "Ranged", Access.RW, 16, RegisterValidator.range(16, 64, 4));
        return r;
    }

    private static void assertStatus(Runnable r, GvcpStatus s) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(RegisterAccessException.class, e -> assertThat(e.status()).isEqualTo(s));
    }

    @Test
    void memorySpansRegistersAndAreas() {
        RegisterSpace r = space();
        byte[] m = r.readMemory(0x100, 0x1C);
        assertThat(m).startsWith(0x11, 0x22, 0x33, 0x44, 0, 0, 0, 7, 0, 0, 0, 0);
        assertThat(m[0x10]).isEqualTo((byte) 'a');
        assertThat(m[0x13]).isZero();
        assertStatus(() -> r.readMemory(0x100, 0x20), GvcpStatus.INVALID_ADDRESS); // 0x11C is not mapped
        assertStatus(() -> r.readMemory(0xFFFF_FFFC, 8), GvcpStatus.INVALID_ADDRESS);
        assertStatus(() -> r.read(0x102), GvcpStatus.BAD_ALIGNMENT);
    }

    @Test
    void accessModesValidatorsAndListeners() {
        RegisterSpace r = space();
        List<String> fired = new ArrayList<>();
        r.addListener(0x108, (a, o, v) -> fired.add("cmd " + v));
        r.addListener((a, o, v) -> fired.add(String.format("any 0x%X", a)));
        r.write(0x108, 1);
        assertThat(r.read(0x108)).as("command registers read 0").isZero();
        assertStatus(() -> r.write(0x108, 2), GvcpStatus.INVALID_PARAMETER);
        assertStatus(() -> r.write(0x104, 1), GvcpStatus.WRITE_PROTECT);
        assertStatus(() -> r.write(0x10C, 1), GvcpStatus.WRITE_PROTECT);
        assertStatus(() -> r.write(0x118, 18), GvcpStatus.INVALID_PARAMETER);
        r.write(0x118, 20);
        assertThat(fired).containsExactly("cmd 1", "any 0x108", "any 0x118");
        r.write(0x100, 5);
        assertThat(r.read(0x10C)).isEqualTo(10);
    }

    @Test
    void writeMemoryIsAllOrNothing() {
        RegisterSpace r = space();
        byte[] data = new byte[12]; // 0x100 (RW), 0x104 (RO), 0x108
        assertStatus(() -> r.writeMemory(0x100, data), GvcpStatus.WRITE_PROTECT);
        assertThat(r.value(0x100)).isEqualTo(0x11223344);
        r.writeMemory(0x110, "wxyz1234".getBytes());
        assertThat(new String(r.readMemory(0x110, 8))).isEqualTo("wxyz1234");
    }
}
