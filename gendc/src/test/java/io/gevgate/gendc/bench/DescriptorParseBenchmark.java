package io.gevgate.gendc.bench;

import io.gevgate.gendc.GenDcFormatException;
import io.gevgate.gendc.internal.Le;
import io.gevgate.gendc.layout.ComponentHeader;
import io.gevgate.gendc.layout.ContainerHeader;
import io.gevgate.gendc.layout.PartHeader;
import io.gevgate.gendc.read.ComponentView;
import io.gevgate.gendc.read.ContainerView;
import io.gevgate.gendc.read.FlowTableView;
import io.gevgate.gendc.read.PartView;
import io.gevgate.gendc.write.ContainerSpec;
import io.gevgate.gendc.write.TestContainers;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Parse + validate a 4-component, 7-part GenDC descriptor (TestContainers.fourComponentsSevenParts)
 * in off-heap memory with a reused {@link ContainerView}, then walk every part. Baseline: the same
 * walk reading the raw offsets with no validation at all (what an unchecked parser would cost).
 * Run by bench/gendc.sh with -prof gc: gc.alloc.rate.norm is the allocation per operation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DescriptorParseBenchmark {
    private Arena arena;
    private MemorySegment linear;
    private MemorySegment descriptor;
    private final FlowTableView flowTable = new FlowTableView();
    private final ContainerView view = new ContainerView();

    @Setup
    public void setUp() throws GenDcFormatException {
        ContainerSpec spec = TestContainers.fourComponentsSevenParts();
        arena = Arena.ofShared();
        linear = arena.allocate(spec.linearSize(), 8);
        spec.writeLinear(linear);
        descriptor = linear.asSlice(0, spec.descriptorSize());
        MemorySegment table = arena.allocate(spec.flowTableSize(), 8);
        spec.writeFlowTable(table);
        flowTable.wrap(table);
        if (view.wrap(linear).partCount() != 7 || view.componentCount() != 4) {
            throw new IllegalStateException("benchmark container is not 4 components / 7 parts");
        }
    }

    @TearDown
    public void tearDown() {
        arena.close();
    }

    /** Validate the descriptor against the flow table (flow-based delivery), then walk all parts. */
    @Benchmark
    public long parseValidateDescriptorWithFlowTable() throws GenDcFormatException {
        return walk(view.wrapDescriptor(descriptor, flowTable));
    }

    /** Validate a linear container (data bounds against memory), then walk all parts. */
    @Benchmark
    public long parseValidateLinear() throws GenDcFormatException {
        return walk(view.wrap(linear));
    }

    /** Baseline: the same walk over raw offsets, no validation. */
    @Benchmark
    public long baselineRawWalkNoValidation() {
        MemorySegment s = descriptor;
        long sum = 0;
        long count = Le.u32(s, ContainerHeader.COMPONENT_COUNT);
        for (int c = 0; c < count; c++) {
            long comp = Le.u64(s, ContainerHeader.COMPONENT_OFFSETS + 8L * c);
            int parts = Le.u16(s, comp + ComponentHeader.PART_COUNT);
            for (int p = 0; p < parts; p++) {
                long part = Le.u64(s, comp + ComponentHeader.PART_OFFSETS + 8L * p);
                sum += Le.u64(s, part + PartHeader.DATA_SIZE) + Le.u64(s, part + PartHeader.FLOW_OFFSET)
                        + Le.u16(s, part + PartHeader.FLOW_ID);
            }
        }
        return sum;
    }

    private static long walk(ContainerView v) {
        long sum = 0;
        for (int c = 0; c < v.componentCount(); c++) {
            ComponentView comp = v.component(c);
            for (int p = 0; p < comp.partCount(); p++) {
                PartView part = comp.part(p);
                sum += part.dataSize() + part.flowOffset() + part.flowId();
            }
        }
        return sum;
    }
}
