package io.gevgate.gendc.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.gevgate.gendc.GenDcFormatException;
import io.gevgate.gendc.layout.ComponentHeader;
import io.gevgate.gendc.layout.ContainerHeader;
import io.gevgate.gendc.layout.FlowTable;
import io.gevgate.gendc.layout.PartHeader;
import io.gevgate.gendc.samples.SampleContainers;
import io.gevgate.gendc.write.ContainerSpec;
import io.gevgate.gendc.write.TestContainers;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Malformed containers: truncated, every offset/size/count field out of range, overlapping and
 * wrapping offsets, unknown header types. Each must fail with a {@link GenDcFormatException} naming
 * the right field, never with an IndexOutOfBoundsException or any other exception.
 */
class MalformedInputTest {
    private static final ContainerSpec SPEC = TestContainers.fourComponentsSevenParts();
    private static final byte[] LINEAR = SPEC.toByteArray();

    /** How a mutated container is wrapped. */
    private enum Mode { LINEAR, DESCRIPTOR, DESCRIPTOR_WITH_FLOW_TABLE }

    private static FlowTableView flowTable() throws GenDcFormatException {
        byte[] table = new byte[(int) SPEC.flowTableSize()];
        SPEC.writeFlowTable(MemorySegment.ofArray(table));
        return new FlowTableView().wrap(MemorySegment.ofArray(table));
    }

    /** Wraps and returns the exception, or null if the bytes were accepted. */
    private static GenDcFormatException reject(byte[] bytes, Mode mode) {
        ContainerView v = new ContainerView();
        try {
            switch (mode) {
                case LINEAR -> v.wrap(MemorySegment.ofArray(bytes));
                case DESCRIPTOR -> v.wrapDescriptor(MemorySegment.ofArray(bytes).asSlice(0,
                        Math.min(bytes.length, SPEC.descriptorSize())));
                case DESCRIPTOR_WITH_FLOW_TABLE -> v.wrapDescriptor(MemorySegment.ofArray(bytes).asSlice(0,
                        Math.min(bytes.length, SPEC.descriptorSize())), flowTable());
            }
            Exercise.all(v, null);
            return null;
        } catch (GenDcFormatException e) {
            assertThat(v).satisfies(view -> assertThatThrownBy(view::componentCount)
                    .as("a failed wrap leaves no usable view").isInstanceOf(IllegalStateException.class));
            return e;
        }
    }

    @Test
    void theBaseContainerIsValidInEveryMode() throws Exception {
        for (Mode mode : Mode.values()) {
            assertThat(reject(LINEAR, mode)).as(mode.name()).isNull();
        }
        assertThat(SPEC.components()).hasSize(4);
        assertThat(new ContainerView().wrap(MemorySegment.ofArray(LINEAR)).partCount()).isEqualTo(7);
    }

    @Test
    void truncationAtEveryByteIsRejected() {
        List<byte[]> containers = new ArrayList<>(List.of(LINEAR));
        SampleContainers.all().values().forEach(s -> containers.add(s.toByteArray()));
        int cuts = 0;
        int expectedCuts = 0;
        for (byte[] full : containers) {
            expectedCuts += full.length;
            int descriptorSize = (int) Bytes.get(full, ContainerHeader.DESCRIPTOR_SIZE, 4);
            for (int n = 0; n < full.length; n++) {
                byte[] cut = java.util.Arrays.copyOf(full, n);
                GenDcFormatException linear = reject(cut, Mode.LINEAR);
                assertThat(linear).as("linear container cut at %d of %d", n, full.length).isNotNull();
                if (n < descriptorSize) {
                    ContainerView v = new ContainerView();
                    assertThatThrownBy(() -> v.wrapDescriptor(MemorySegment.ofArray(cut)))
                            .as("descriptor cut at %d", n).isInstanceOf(GenDcFormatException.class)
                            .extracting(e -> ((GenDcFormatException) e).field())
                            .isIn("ContainerHeader", "DescriptorSize");
                }
                cuts++;
            }
        }
        assertThat(cuts).isEqualTo(expectedCuts);
    }

    /**
     * @param boundBy the only mode in which a value just past the buffer is out of range: data
     *                offsets/sizes are bounded by memory only in a linear container, flow offsets only by a
     *                flow table (null: a descriptor field, out of range in every mode)
     */
    private record Field(String name, long offset, int width, Pattern expectedField, Mode boundBy) {
        Field(String name, long offset, int width, Pattern expectedField) {
            this(name, offset, width, expectedField, null);
        }
    }

    /** Every offset, size and count field of the base container, with the field its error must name. */
    private static List<Field> offsetSizeCountFields() {
        List<Field> fields = new ArrayList<>();
        fields.add(new Field("HeaderSize", ContainerHeader.HEADER_SIZE, 4, Pattern.compile("HeaderSize")));
        // a larger DescriptorSize that still fits the buffer runs into DataOffset
        fields.add(new Field("DescriptorSize", ContainerHeader.DESCRIPTOR_SIZE, 4,
                Pattern.compile("DescriptorSize|DataOffset")));
        fields.add(new Field("ComponentCount", ContainerHeader.COMPONENT_COUNT, 4, Pattern.compile("HeaderSize")));
        fields.add(new Field("DataSize", ContainerHeader.DATA_SIZE, 8, Pattern.compile("DataSize"), Mode.LINEAR));
        // moving the data section leaves the first part outside it
        fields.add(new Field("DataOffset", ContainerHeader.DATA_OFFSET, 8,
                Pattern.compile("DataOffset|DataSize|Component\\[0\\]\\.Part\\[0\\]\\.DataOffset"), Mode.LINEAR));
        for (int c = 0; c < SPEC.components().size(); c++) {
            long cBase = SPEC.componentOffset(c);
            String cn = "Component\\[" + c + "\\]";
            fields.add(new Field("ComponentOffset[" + c + "]", ContainerHeader.COMPONENT_OFFSETS + 8L * c, 8,
                    Pattern.compile("ComponentOffset\\[" + c + "\\]")));
            fields.add(new Field(cn + ".HeaderSize", cBase + ComponentHeader.HEADER_SIZE, 4,
                    Pattern.compile(cn + "\\.HeaderSize")));
            fields.add(new Field(cn + ".PartCount", cBase + ComponentHeader.PART_COUNT, 2,
                    Pattern.compile(cn + "\\.HeaderSize")));
            for (int p = 0; p < SPEC.components().get(c).parts().size(); p++) {
                long pBase = SPEC.partOffset(c, p);
                String pn = cn + "\\.Part\\[" + p + "\\]";
                fields.add(new Field(cn + ".PartOffset[" + p + "]", cBase + ComponentHeader.PART_OFFSETS + 8L * p,
                        8, Pattern.compile(cn + "\\.PartOffset\\[" + p + "\\]")));
                fields.add(new Field(pn + ".HeaderSize", pBase + PartHeader.HEADER_SIZE, 4,
                        Pattern.compile(pn + "\\.HeaderSize")));
                fields.add(new Field(pn + ".DataSize", pBase + PartHeader.DATA_SIZE, 8,
                        Pattern.compile(pn + "\\.(DataSize|DataOffset)")));
                fields.add(new Field(pn + ".DataOffset", pBase + PartHeader.DATA_OFFSET, 8,
                        Pattern.compile(pn + "\\.DataOffset")));
                fields.add(new Field(pn + ".FlowOffset", pBase + PartHeader.FLOW_OFFSET, 8,
                        Pattern.compile(pn + "\\.FlowOffset"), Mode.DESCRIPTOR_WITH_FLOW_TABLE));
                boolean is2D = SPEC.components().get(c).parts().get(p).category().name().startsWith("IMAGE");
                if (is2D) {
                    fields.add(new Field(pn + ".SizeX", pBase + PartHeader.SIZE_X, 4,
                            Pattern.compile(pn + "\\.(SizeX|SizeY|DataSize)")));
                    fields.add(new Field(pn + ".SizeY", pBase + PartHeader.SIZE_Y, 4,
                            Pattern.compile(pn + "\\.(SizeY|DataSize)")));
                }
            }
        }
        return fields;
    }

    @Test
    void everyOffsetSizeAndCountFieldOutOfRangeIsRejectedNamingTheField() {
        long len = LINEAR.length;
        long[] values = {len, len + 1, 0xFFFF_FFFFL, 0x7FFF_FFFF_FFFF_FFFFL, 0x8000_0000_0000_0000L,
            -1L, -8L, -len};
        int smallValues = 3; // the first three only exceed the buffer, not 63 bits
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (Field f : offsetSizeCountFields()) {
            for (int i = 0; i < values.length; i++) {
                long value = values[i];
                long v = f.width() == 8 ? value : value & ((1L << (8 * f.width())) - 1);
                if (v == Bytes.get(LINEAR, f.offset(), f.width())) {
                    continue;
                }
                for (Mode mode : Mode.values()) {
                    if (mode != Mode.LINEAR && f.name().contains("DescriptorSize")) {
                        continue; // the descriptor-only buffer is exactly DescriptorSize long: covered by LINEAR
                    }
                    if (f.boundBy() != null && i < smallValues && mode != f.boundBy()) {
                        continue; // in range there: no memory or flow table to exceed
                    }
                    GenDcFormatException e = reject(Bytes.put(LINEAR, f.offset(), f.width(), v), mode);
                    checked++;
                    if (e == null) {
                        failures.add(f.name() + " = 0x" + Long.toHexString(v) + " accepted in " + mode);
                    } else if (!f.expectedField().matcher(e.field()).matches()) {
                        failures.add(f.name() + " = 0x" + Long.toHexString(v) + " in " + mode + " named "
                                + e.field() + ": " + e.getMessage());
                    }
                }
            }
        }
        assertThat(failures).isEmpty();
        assertThat(checked).isGreaterThan(1000);
    }

    @Test
    void wrappingOffsetPlusSizeIsRejected() {
        long p = SPEC.partOffset(0, 0);
        // DataOffset near 2^64 so that DataOffset + DataSize wraps to a small number
        byte[] wrapped = Bytes.put(LINEAR, p + PartHeader.DATA_OFFSET, 8, -64);
        assertThat(reject(wrapped, Mode.LINEAR).field()).isEqualTo("Component[0].Part[0].DataOffset");
        byte[] flowWrap = Bytes.put(LINEAR, p + PartHeader.FLOW_OFFSET, 8, Long.MAX_VALUE - 10);
        assertThat(reject(flowWrap, Mode.DESCRIPTOR).field()).isEqualTo("Component[0].Part[0].FlowOffset");
        byte[] containerWrap = Bytes.put(Bytes.put(LINEAR, ContainerHeader.DATA_OFFSET, 8, Long.MAX_VALUE - 4),
                ContainerHeader.DATA_SIZE, 8, 100);
        assertThat(reject(containerWrap, Mode.DESCRIPTOR).field()).isEqualTo("DataSize");
    }

    @Test
    void overlappingHeadersAreRejected() {
        // component 1 points at component 0's header
        byte[] sameComponent = Bytes.put(LINEAR, ContainerHeader.COMPONENT_OFFSETS + 8, 8, SPEC.componentOffset(0));
        GenDcFormatException e = reject(sameComponent, Mode.LINEAR);
        assertThat(e.field()).matches("ComponentOffset\\[[01]\\] \\(component header\\)");
        assertThat(e.expected()).contains("no overlap");
        // component 3's part 1 reuses component 2's part 0 header
        long c3 = SPEC.componentOffset(3);
        byte[] sharedPart = Bytes.put(LINEAR, c3 + ComponentHeader.PART_OFFSETS + 8, 8, SPEC.partOffset(2, 0));
        assertThat(reject(sharedPart, Mode.LINEAR).field()).contains("PartOffset").contains("part header");
        // a part header that starts inside the container header
        byte[] intoContainer = Bytes.put(LINEAR, SPEC.componentOffset(0) + ComponentHeader.PART_OFFSETS, 8, 8);
        assertThat(reject(intoContainer, Mode.LINEAR).field()).isEqualTo("Component[0].Part[0].HeaderType");
        // a part header that starts 8 bytes before the end of the last one: DescriptorSize is grown into
        // the alignment gap so that the moved header fits, and only its overlap is wrong
        ContainerSpec gapSpec = ContainerSpec.builder().dataAlignment(512)
                .add(SPEC.components().get(3)).build();
        byte[] gap = gapSpec.toByteArray();
        assertThat(gapSpec.dataOffset() - gapSpec.descriptorSize()).isGreaterThanOrEqualTo(64);
        gap = Bytes.put(gap, ContainerHeader.DESCRIPTOR_SIZE, 4, gapSpec.dataOffset());
        assertThat(reject(gap, Mode.LINEAR)).as("spare room inside the descriptor is fine").isNull();
        int moved = (int) gapSpec.descriptorSize() - 8;
        System.arraycopy(gap.clone(), (int) gapSpec.partOffset(0, 0), gap, moved, 64);
        gap = Bytes.put(gap, gapSpec.componentOffset(0) + ComponentHeader.PART_OFFSETS, 8, moved);
        GenDcFormatException partial = reject(gap, Mode.LINEAR);
        assertThat(partial.expected()).contains("no overlap");
        assertThat(partial.field()).contains("PartOffset[0] (part header)");
    }

    @Test
    void overlappingDataIsRejected() {
        // part 1 of the planar component points its data at part 0's
        long p1 = SPEC.partOffset(2, 1);
        byte[] sameData = Bytes.put(LINEAR, p1 + PartHeader.DATA_OFFSET, 8, SPEC.partDataOffset(2, 0) + 1);
        GenDcFormatException e = reject(sameData, Mode.LINEAR);
        assertThat(e.field()).matches("Component\\[2\\]\\.Part\\[[01]\\]\\.DataOffset");
        assertThat(e.expected()).contains("no overlap");
        // same flow offset in flow 3
        byte[] sameFlow = Bytes.put(LINEAR, p1 + PartHeader.FLOW_OFFSET, 8, SPEC.partFlowOffset(2, 0));
        GenDcFormatException f = reject(sameFlow, Mode.DESCRIPTOR_WITH_FLOW_TABLE);
        assertThat(f.field()).contains("FlowOffset");
        assertThat(f.expected()).contains("in flow 3");
        // data in flow 0 on top of the descriptor
        long meta = SPEC.partOffset(3, 0);
        byte[] onDescriptor = Bytes.put(LINEAR, meta + PartHeader.FLOW_OFFSET, 8, 8);
        assertThat(reject(onDescriptor, Mode.DESCRIPTOR_WITH_FLOW_TABLE).expected()).contains("descriptor (flow 0)");
        // without a flow table the flows are unknown: FlowOffset values are not compared
        assertThat(reject(onDescriptor, Mode.DESCRIPTOR)).isNull();
        assertThat(reject(sameFlow, Mode.LINEAR)).isNull();
    }

    @Test
    void unknownHeaderTypesAreRejected() {
        assertField(Bytes.put(LINEAR, ContainerHeader.HEADER_TYPE, 2, 0x1001), "HeaderType");
        assertField(Bytes.put(LINEAR, ContainerHeader.HEADER_TYPE, 2, 0x2000), "HeaderType");
        for (int c = 0; c < 4; c++) {
            assertField(Bytes.put(LINEAR, SPEC.componentOffset(c), 2, 0x4200), "Component[" + c + "].HeaderType");
        }
        for (int type : new int[] {0x0000, 0x1000, 0x2000, 0x4002, 0x4101, 0x4204, 0x4300, 0x5000, 0x7000, 0xFFFF}) {
            assertField(Bytes.put(LINEAR, SPEC.partOffset(0, 0), 2, type), "Component[0].Part[0].HeaderType");
        }
    }

    @Test
    void signatureAndVersion() {
        assertField(Bytes.put(LINEAR, 0, 4, 0x474E4443), "Signature"); // "CDNG": big-endian byte order
        assertField(Bytes.put(LINEAR, ContainerHeader.VERSION_MAJOR, 1, 2), "Version");
        assertField(Bytes.put(LINEAR, ContainerHeader.VERSION_MAJOR, 1, 0), "Version");
        assertField(Bytes.put(LINEAR, ContainerHeader.VERSION_MINOR, 1, 2), "Version");
        assertThat(reject(Bytes.put(LINEAR, ContainerHeader.VERSION_MINOR, 1, 0), Mode.LINEAR))
                .as("1.0 is accepted").isNull();
        assertThat(reject(Bytes.put(LINEAR, ContainerHeader.VERSION_SUB_MINOR, 1, 7), Mode.LINEAR)).isNull();
    }

    @Test
    void invalidFlags() {
        assertField(Bytes.put(LINEAR, ContainerHeader.FLAGS, 2, 0x80), "Flags");
        long c0 = SPEC.componentOffset(0);
        // Invalid component while the container does not announce invalid components
        byte[] invalid = Bytes.put(LINEAR, c0 + ComponentHeader.FLAGS, 2, ComponentHeader.FLAG_INVALID);
        GenDcFormatException e = reject(invalid, Mode.LINEAR);
        assertThat(e.field()).isEqualTo("Component[0].Flags");
        assertThat(e.expected()).contains("ComponentInvalid");
        byte[] announced = Bytes.put(invalid, ContainerHeader.FLAGS, 2,
                ContainerHeader.FLAG_TIMESTAMP_PTP | ContainerHeader.FLAG_COMPONENT_INVALID);
        assertThat(reject(announced, Mode.LINEAR)).isNull();
        assertField(Bytes.put(LINEAR, c0 + ComponentHeader.FLAGS, 2, 0x8000), "Component[0].Flags");
        assertField(Bytes.put(LINEAR, SPEC.partOffset(0, 0) + PartHeader.FLAGS, 2, PartHeader.FLAG_XML_ZIP),
                "Component[0].Part[0].Flags");
        long xml = SPEC.partOffset(3, 1);
        assertThat(reject(Bytes.put(LINEAR, xml + PartHeader.FLAGS, 2, PartHeader.FLAG_XML_ZIP), Mode.LINEAR))
                .isNull();
        assertField(Bytes.put(LINEAR, xml + PartHeader.FLAGS, 2, 1), "Component[3].Part[1].Flags");
    }

    @Test
    void preliminaryAndFinalDescriptors() throws Exception {
        byte[] preliminary = Bytes.put(LINEAR, ContainerHeader.VARIABLE_FIELDS, 2,
                ContainerHeader.VARIABLE_DATA_SIZE | ContainerHeader.VARIABLE_SIZE_X);
        ContainerView v = new ContainerView().wrap(MemorySegment.ofArray(preliminary));
        assertThat(v.isPreliminary()).isTrue();
        assertThatThrownBy(v::requireFinal).isInstanceOf(GenDcFormatException.class)
                .hasMessageContaining("VariableFields").hasMessageContaining("preliminary");
        assertThat(new ContainerView().wrap(MemorySegment.ofArray(LINEAR)).requireFinal().isPreliminary()).isFalse();
        assertField(Bytes.put(LINEAR, ContainerHeader.VARIABLE_FIELDS, 2, 0x100), "VariableFields");
        // a final descriptor's 2D DataSize must match its size and format; a preliminary one's is a maximum
        long p0 = SPEC.partOffset(0, 0);
        byte[] smaller = Bytes.put(LINEAR, p0 + PartHeader.SIZE_X, 4, 8);
        GenDcFormatException e = reject(smaller, Mode.LINEAR);
        assertThat(e.field()).isEqualTo("Component[0].Part[0].DataSize");
        assertThat(e.expected()).startsWith("64 (Mono8 8x8");
        assertThat(reject(Bytes.put(preliminary, p0 + PartHeader.SIZE_X, 4, 8), Mode.LINEAR)).isNull();
    }

    @Test
    void negativeTimestampAndFlowIdsOutsideTheTable() {
        assertField(Bytes.put(LINEAR, SPEC.componentOffset(1) + ComponentHeader.TIMESTAMP, 8, -1),
                "Component[1].Timestamp");
        byte[] flow9 = Bytes.put(LINEAR, SPEC.partOffset(0, 0) + PartHeader.FLOW_ID, 2, 9);
        GenDcFormatException e = reject(flow9, Mode.DESCRIPTOR_WITH_FLOW_TABLE);
        assertThat(e.field()).isEqualTo("Component[0].Part[0].FlowId");
        assertThat(e.expected()).contains("FlowCount 4");
        assertThat(reject(flow9, Mode.DESCRIPTOR)).as("no table: FlowId is not checked").isNull();
    }

    @Test
    void h264PacketizationModeThreeIsRejected() {
        byte[] h264 = SampleContainers.h264().toByteArray();
        long part = Bytes.get(h264, Bytes.get(h264, ContainerHeader.COMPONENT_OFFSETS, 8)
                + ComponentHeader.PART_OFFSETS, 8);
        byte[] bad = Bytes.put(h264, part + PartHeader.H264_FLAGS, 1, 0x30);
        ContainerView v = new ContainerView();
        assertThatThrownBy(() -> v.wrap(MemorySegment.ofArray(bad))).isInstanceOf(GenDcFormatException.class)
                .extracting(x -> ((GenDcFormatException) x).field()).isEqualTo("Component[0].Part[0].H264Flags");
    }

    @Test
    void partDataSlicesCheckTheMemoryTheyAreGiven() throws Exception {
        ContainerView v = new ContainerView().wrapDescriptor(MemorySegment.ofArray(LINEAR)
                .asSlice(0, SPEC.descriptorSize()));
        PartView part = v.component(0).part(0);
        assertThatThrownBy(part::data).isInstanceOf(IllegalStateException.class);
        MemorySegment[] tooFew = {MemorySegment.ofArray(new byte[(int) SPEC.flowSize(0)])};
        assertThatThrownBy(() -> part.data(tooFew)).isInstanceOf(GenDcFormatException.class)
                .hasMessageContaining("FlowId");
        MemorySegment[] shortFlows = {MemorySegment.ofArray(new byte[(int) SPEC.flowSize(0)]),
            MemorySegment.ofArray(new byte[10])};
        assertThatThrownBy(() -> part.data(shortFlows)).isInstanceOf(GenDcFormatException.class)
                .hasMessageContaining("FlowOffset");
        assertThatThrownBy(() -> part.data(MemorySegment.ofArray(new byte[100])))
                .isInstanceOf(GenDcFormatException.class).hasMessageContaining("DataOffset");
        assertThat(part.data(MemorySegment.ofArray(LINEAR)).byteSize()).isEqualTo(128);
    }

    @Test
    void malformedFlowTables() throws Exception {
        byte[] table = new byte[(int) SPEC.flowTableSize()];
        SPEC.writeFlowTable(MemorySegment.ofArray(table));
        FlowTableView view = new FlowTableView();
        for (int n = 0; n < table.length; n++) {
            byte[] cut = java.util.Arrays.copyOf(table, n);
            assertThatThrownBy(() -> view.wrap(MemorySegment.ofArray(cut))).as("cut at %d", n)
                    .isInstanceOf(GenDcFormatException.class);
        }
        assertFlowTableField(Bytes.put(table, FlowTable.HEADER_TYPE, 2, 0x7001), "FlowTable.HeaderType");
        assertFlowTableField(Bytes.put(table, FlowTable.FLAGS, 2, 1), "FlowTable.Flags");
        assertFlowTableField(Bytes.put(table, FlowTable.VERSION_MAJOR, 1, 2), "FlowTable.Version");
        assertFlowTableField(Bytes.put(table, FlowTable.FLOW_COUNT, 4, 0), "FlowTable.FlowCount");
        assertFlowTableField(Bytes.put(table, FlowTable.FLOW_COUNT, 4, 0xFFFF_FFFFL), "FlowTable.FlowCount");
        assertFlowTableField(Bytes.put(table, FlowTable.FLOW_COUNT, 4, 5), "FlowTable.HeaderSize");
        assertFlowTableField(Bytes.put(table, FlowTable.HEADER_SIZE, 4, 0xFFFF_FFF0L), "FlowTable.HeaderSize");
        assertFlowTableField(Bytes.put(table, FlowTable.FLOW_SIZES + 8, 8, -1), "FlowTable.FlowSize[1]");
        // a flow too small for its parts, and flow 0 too small for the descriptor
        FlowTableView small = new FlowTableView().wrap(MemorySegment.ofArray(
                Bytes.put(table, FlowTable.FLOW_SIZES + 8 * 3, 8, 100)));
        ContainerView v = new ContainerView();
        MemorySegment descriptor = MemorySegment.ofArray(LINEAR).asSlice(0, SPEC.descriptorSize());
        assertThatThrownBy(() -> v.wrapDescriptor(descriptor, small)).isInstanceOf(GenDcFormatException.class)
                .hasMessageContaining("FlowSize[3] 100");
        FlowTableView tiny0 = new FlowTableView().wrap(MemorySegment.ofArray(
                Bytes.put(table, FlowTable.FLOW_SIZES, 8, 10)));
        assertThatThrownBy(() -> v.wrapDescriptor(descriptor, tiny0)).isInstanceOf(GenDcFormatException.class)
                .hasMessageContaining("DescriptorSize");
    }

    @Test
    void hugeComponentCountsStayFast() {
        // 200,000 components whose offsets all point at one header: must fail by overlap, in O(n log n)
        int n = 200_000;
        int size = (int) ContainerHeader.size(n) + 56;
        byte[] big = new byte[size];
        System.arraycopy(LINEAR, 0, big, 0, ContainerHeader.FIXED_SIZE);
        big = Bytes.put(big, ContainerHeader.HEADER_SIZE, 4, ContainerHeader.size(n));
        big = Bytes.put(big, ContainerHeader.COMPONENT_COUNT, 4, n);
        big = Bytes.put(big, ContainerHeader.DESCRIPTOR_SIZE, 4, size);
        big = Bytes.put(big, ContainerHeader.DATA_OFFSET, 8, size);
        big = Bytes.put(big, ContainerHeader.DATA_SIZE, 8, 0);
        long header = ContainerHeader.size(n);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(big).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int c = 0; c < n; c++) {
            b.putLong(ContainerHeader.COMPONENT_OFFSETS + 8 * c, header);
        }
        b.putShort((int) header, (short) 0x2000);
        b.putInt((int) header + 4, 48);
        GenDcFormatException e = reject(big, Mode.LINEAR);
        assertThat(e).isNotNull();
        assertThat(e.expected()).contains("no overlap");
    }

    private static void assertField(byte[] bytes, String field) {
        for (Mode mode : Mode.values()) {
            GenDcFormatException e = reject(bytes, mode);
            if (e == null) {
                fail("accepted in " + mode + ", expected an error in " + field);
            }
            assertThat(e.field()).as(mode + ": " + e.getMessage()).isEqualTo(field);
            assertThat(e.getMessage()).contains("offset").contains("expected").contains("found");
        }
    }

    private static void assertFlowTableField(byte[] table, String field) {
        FlowTableView view = new FlowTableView();
        assertThatThrownBy(() -> view.wrap(MemorySegment.ofArray(table))).isInstanceOf(GenDcFormatException.class)
                .extracting(e -> ((GenDcFormatException) e).field()).isEqualTo(field);
    }
}
