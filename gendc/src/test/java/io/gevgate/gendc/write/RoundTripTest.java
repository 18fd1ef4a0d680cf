package io.gevgate.gendc.write;

import static org.assertj.core.api.Assertions.assertThat;

import io.gevgate.gendc.read.ComponentView;
import io.gevgate.gendc.read.ContainerView;
import io.gevgate.gendc.read.FlowTableView;
import io.gevgate.gendc.read.PartView;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.api.Test;

/** Seeded random containers: build, write, parse, and compare every field and every byte. */
class RoundTripTest {
    private static final long SEED = 0x6E6463_2026L;
    private static final int CONTAINERS = 12_000;

    @Test
    void linearAndFlowRoundTripsOfRandomContainers() throws Exception {
        System.out.println("RoundTripTest seed = 0x" + Long.toHexString(SEED) + ", containers = " + CONTAINERS);
        RandomGenerator r = RandomGeneratorFactory.of("L64X128MixRandom").create(SEED);
        ContainerView view = new ContainerView();
        FlowTableView table = new FlowTableView();
        int parts = 0;
        for (int i = 0; i < CONTAINERS; i++) {
            ContainerSpec spec = RandomContainers.next(r);
            String context = "container #" + i + " (seed 0x" + Long.toHexString(SEED) + ")";

            // linear: through a heap byte[] and a ByteBuffer
            byte[] bytes = spec.toByteArray();
            assertThat((long) bytes.length).as(context).isEqualTo(spec.linearSize());
            view.wrap(ByteBuffer.wrap(bytes));
            assertContainerFields(view, spec, context);
            assertThat(SpecReader.components(view, null)).as(context).isEqualTo(spec.components());
            assertLayout(view, spec, context);

            // flows: descriptor checked against the flow table, data read from each flow
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment[] flows = new MemorySegment[spec.flowCount()];
                for (int f = 0; f < flows.length; f++) {
                    flows[f] = arena.allocate(Math.max(1, spec.flowSize(f))).asSlice(0, spec.flowSize(f));
                }
                spec.writeFlows(flows, null);
                MemorySegment tableBytes = arena.allocate(spec.flowTableSize());
                spec.writeFlowTable(tableBytes);
                table.wrap(tableBytes);
                view.wrapDescriptor(flows[0].asSlice(0, spec.descriptorSize()), table);
                assertContainerFields(view, spec, context);
                assertThat(SpecReader.components(view, flows)).as(context).isEqualTo(spec.components());
                assertThat(MemorySegment.ofArray(bytes).asSlice(0, spec.descriptorSize())
                        .mismatch(flows[0].asSlice(0, spec.descriptorSize()))).as(context).isEqualTo(-1);
                parts += view.partCount();
            }
        }
        assertThat(parts).as("the generator made parts at all").isGreaterThan(CONTAINERS);
    }

    private static void assertContainerFields(ContainerView v, ContainerSpec spec, String context) {
        assertThat(v.id()).as(context).isEqualTo(spec.id());
        assertThat(v.versionMajor()).as(context).isEqualTo(1);
        assertThat(v.versionMinor()).as(context).isEqualTo(spec.versionMinor());
        assertThat(v.flags()).as(context).isEqualTo(spec.flags());
        assertThat(v.isTimestampPtp()).as(context).isEqualTo(spec.timestampPtp());
        assertThat(v.variableFields()).as(context).isEqualTo(spec.variableFields());
        assertThat(v.isPreliminary()).as(context).isEqualTo(spec.variableFields() != 0);
        assertThat(v.descriptorSize()).as(context).isEqualTo(spec.descriptorSize());
        assertThat(v.dataOffset()).as(context).isEqualTo(spec.dataOffset());
        assertThat(v.dataSize()).as(context).isEqualTo(spec.dataSize());
        assertThat(v.componentCount()).as(context).isEqualTo(spec.components().size());
    }

    private static void assertLayout(ContainerView v, ContainerSpec spec, String context) {
        List<ComponentSpec> comps = spec.components();
        for (int c = 0; c < comps.size(); c++) {
            ComponentView cv = v.component(c);
            assertThat(cv.offset()).as(context).isEqualTo(spec.componentOffset(c));
            for (int p = 0; p < comps.get(c).parts().size(); p++) {
                PartView pv = cv.part(p);
                assertThat(pv.offset()).as(context).isEqualTo(spec.partOffset(c, p));
                assertThat(pv.dataOffset()).as(context).isEqualTo(spec.partDataOffset(c, p));
                assertThat(pv.flowOffset()).as(context).isEqualTo(spec.partFlowOffset(c, p));
                assertThat(pv.dataOffset() % spec.dataAlignment()).as(context).isZero();
            }
        }
    }
}
