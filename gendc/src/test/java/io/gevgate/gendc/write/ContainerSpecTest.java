package io.gevgate.gendc.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gevgate.gendc.ComponentTypeIds;
import io.gevgate.gendc.HeaderTypes;
import io.gevgate.gendc.pfnc.PixelFormat;
import io.gevgate.gendc.read.ContainerView;
import io.gevgate.gendc.read.FlowTableView;
import io.gevgate.gendc.read.PartView;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The writer's API beyond what the round trip covers: data sources, per-frame fields, arguments. */
class ContainerSpecTest {

    @Test
    void partDataSourceFillsEachPartInPlace() throws Exception {
        ContainerSpec spec = ContainerSpec.builder().dataAlignment(64)
                .add(ComponentSpec.of(ComponentTypeIds.INTENSITY, PixelFormat.MONO8,
                        PartSpec.image(PixelFormat.MONO8, 5, 3)))
                .add(ComponentSpec.of(ComponentTypeIds.RANGE, PixelFormat.COORD3D_C16,
                        PartSpec.image(PixelFormat.COORD3D_C16, 5, 3)))
                .build();
        byte[] bytes = new byte[(int) spec.linearSize()];
        java.util.Arrays.fill(bytes, (byte) 0xEE); // stale memory: gaps must come out zeroed
        List<String> calls = new ArrayList<>();
        spec.writeLinear(MemorySegment.ofArray(bytes), (c, p, target) -> {
            calls.add(c + "/" + p + ":" + target.byteSize());
            target.fill((byte) (c + 1));
        });
        assertThat(calls).containsExactly("0/0:15", "1/0:30");
        ContainerView v = new ContainerView().wrap(MemorySegment.ofArray(bytes));
        assertThat(v.component(0).part(0).data().toArray(ValueLayout.JAVA_BYTE)).containsOnly(1);
        assertThat(v.component(1).part(0).data().toArray(ValueLayout.JAVA_BYTE)).containsOnly(2);
        assertThat(v.component(1).part(0).dataOffset() % 64).isZero();
        long gapStart = spec.partDataOffset(0, 0) + 15;
        for (long i = gapStart; i < spec.partDataOffset(1, 0); i++) {
            assertThat(bytes[(int) i]).as("alignment gap byte %d", i).isZero();
        }
        for (long i = spec.descriptorSize(); i < spec.dataOffset(); i++) {
            assertThat(bytes[(int) i]).isZero();
        }
    }

    @Test
    void perFrameDescriptorsCarryIdAndTimestamp() throws Exception {
        ContainerSpec spec = TestContainers.fourComponentsSevenParts();
        byte[] a = new byte[(int) spec.descriptorSize()];
        byte[] b = new byte[(int) spec.descriptorSize()];
        spec.writeDescriptor(MemorySegment.ofArray(a), 1000, 123_456_789L);
        spec.writeDescriptor(MemorySegment.ofArray(b), 1001, 223_456_789L);
        ContainerView v = new ContainerView().wrapDescriptor(MemorySegment.ofArray(a));
        assertThat(v.id()).isEqualTo(1000);
        for (int c = 0; c < v.componentCount(); c++) {
            assertThat(v.component(c).timestamp()).isEqualTo(123_456_789L);
        }
        v.wrapDescriptor(MemorySegment.ofArray(b));
        assertThat(v.id()).isEqualTo(1001);
        assertThat(v.component(3).timestamp()).isEqualTo(223_456_789L);
        // a negative timestamp keeps each component's own
        spec.writeDescriptor(MemorySegment.ofArray(a), 7, -1);
        assertThat(new ContainerView().wrapDescriptor(MemorySegment.ofArray(a)).component(0).timestamp())
                .isEqualTo(1000);
    }

    @Test
    void flowsAndFlowTableAgree() throws Exception {
        ContainerSpec spec = TestContainers.fourComponentsSevenParts();
        MemorySegment[] flows = new MemorySegment[spec.flowCount()];
        for (int f = 0; f < flows.length; f++) {
            flows[f] = MemorySegment.ofArray(new byte[(int) spec.flowSize(f)]);
        }
        spec.writeFlows(flows, (c, p, target) -> target.fill((byte) (10 * c + p)));
        MemorySegment table = MemorySegment.ofArray(new byte[(int) spec.flowTableSize()]);
        spec.writeFlowTable(table);
        ContainerView v = new ContainerView().wrapDescriptor(flows[0].asSlice(0, spec.descriptorSize()),
                new FlowTableView().wrap(table));
        PartView blue = v.component(2).part(2);
        assertThat(blue.flowId()).isEqualTo(3);
        assertThat(blue.data(flows).toArray(ValueLayout.JAVA_BYTE)).containsOnly(22);
        assertThat(v.component(3).part(1).isXmlChunk()).isTrue();
        assertThat(new String(v.component(3).part(1).data(flows).toArray(ValueLayout.JAVA_BYTE),
                java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("<RegisterDescription/>");
        assertThatThrownBy(() -> spec.writeFlows(new MemorySegment[] {flows[0]}, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4 flows needed");
    }

    @Test
    void emptyContainersAndComponentsAreValid() throws Exception {
        ContainerSpec empty = ContainerSpec.builder().build();
        assertThat(empty.descriptorSize()).isEqualTo(56);
        assertThat(empty.linearSize()).isEqualTo(56);
        ContainerView v = new ContainerView().wrap(MemorySegment.ofArray(empty.toByteArray()));
        assertThat(v.componentCount()).isZero();
        ContainerSpec noParts = ContainerSpec.builder()
                .add(ComponentSpec.of(ComponentTypeIds.INTENSITY, PixelFormat.MONO8).withInvalid(true)).build();
        v.wrap(MemorySegment.ofArray(noParts.toByteArray()));
        assertThat(v.hasInvalidComponents()).isTrue();
        assertThat(v.component(0).isInvalid()).isTrue();
        assertThat(v.component(0).partCount()).isZero();
    }

    @Test
    void argumentsThatCannotBeWrittenAreRejected() {
        assertThatThrownBy(() -> PartSpec.image(PixelFormat.YUV422_8, 3, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("multiple of 2");
        assertThatThrownBy(() -> PartSpec.image(PixelFormat.MONO8, 2, 2).withContent(new byte[3]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dataSize is 4");
        assertThatThrownBy(() -> PartSpec.image(PixelFormat.MONO8, 0x1_0000_0000L, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sizeX");
        assertThatThrownBy(() -> PartSpec.image(PixelFormat.MONO8, 2, 2).withFlow(0x10000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("flowId");
        assertThatThrownBy(() -> new PartSpec(HeaderTypes.PART_2D, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("flags");
        assertThatThrownBy(() -> new PartSpec(HeaderTypes.PART_2D_H264, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null,
                null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("H.264");
        assertThatThrownBy(() -> new PartSpec(0x4F00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new H264Parameters(66, 0, 3, 31, 0, 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("packetizationMode");
        assertThatThrownBy(() -> ContainerSpec.builder().dataAlignment(12))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ContainerSpec.builder().variableFields(0x100))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ComponentSpec.of(1, PixelFormat.MONO8).withTimestamp(-1))
                .isInstanceOf(IllegalArgumentException.class);
        ContainerSpec spec = TestContainers.fourComponentsSevenParts();
        assertThatThrownBy(() -> spec.writeLinear(MemorySegment.ofArray(new byte[10])))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs");
        assertThatThrownBy(() -> spec.writeDescriptor(MemorySegment.ofArray(new byte[10])))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
