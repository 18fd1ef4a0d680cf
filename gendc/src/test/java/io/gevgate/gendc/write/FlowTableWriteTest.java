package io.gevgate.gendc.write;

import io.gevgate.gendc.read.FlowTableView;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link ContainerSpec#writeFlowTable(MemorySegment, long...)}: a flow table from sizes alone (a device, a receiver). */
class FlowTableWriteTest {

    @Test
    void writesATableTheReaderAcceptsWithLiteralBytes() throws Exception {
        MemorySegment t = MemorySegment.ofArray(new byte[64]);
        t.fill((byte) 0x5A);
        long n = ContainerSpec.writeFlowTable(t, 544, 19200, 7);
        assertThat(n).isEqualTo(16 + 3 * 8);
        FlowTableView v = new FlowTableView().wrap(t.asSlice(0, n));
        assertThat(v.flowCount()).isEqualTo(3);
        assertThat(v.flowSize(0)).isEqualTo(544);
        assertThat(v.flowSize(1)).isEqualTo(19200);
        assertThat(v.flowSize(2)).isEqualTo(7);
        // gige-anchors.md §3.4: 0x7000 LE, flags 0, HeaderSize, version 1.0, reserved, FlowCount
        assertThat(t.asSlice(0, 16).toArray(ValueLayout.JAVA_BYTE)).containsExactly(
                0x00, 0x70, 0, 0, 40, 0, 0, 0, 1, 0, 0, 0, 3, 0, 0, 0);
        assertThat(t.get(ValueLayout.JAVA_BYTE, n)).as("nothing written past the table").isEqualTo((byte) 0x5A);
    }

    @Test
    void matchesTheSpecsOwnTable() throws Exception {
        ContainerSpec spec = TestContainers.fourComponentsSevenParts();
        long[] sizes = new long[spec.flowCount()];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = spec.flowSize(i);
        }
        MemorySegment a = MemorySegment.ofArray(new byte[(int) spec.flowTableSize()]);
        MemorySegment b = MemorySegment.ofArray(new byte[(int) spec.flowTableSize()]);
        spec.writeFlowTable(a);
        ContainerSpec.writeFlowTable(b, sizes);
        assertThat(a.mismatch(b)).isEqualTo(-1L);
    }

    @Test
    void rejectsImpossibleTables() {
        MemorySegment t = MemorySegment.ofArray(new byte[64]);
        assertThatThrownBy(() -> ContainerSpec.writeFlowTable(t, new long[0])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1..65536");
        assertThatThrownBy(() -> ContainerSpec.writeFlowTable(t, 8, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(">= 0");
        assertThatThrownBy(() -> ContainerSpec.writeFlowTable(MemorySegment.ofArray(new byte[20]), 1, 2))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
