package io.gevgate.gendc.read;

import static org.assertj.core.api.Assertions.assertThat;

import io.gevgate.gendc.write.ContainerSpec;
import io.gevgate.gendc.write.TestContainers;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Wrapping (validating) a descriptor and walking its parts with reused views allocates nothing.
 * Counts bytes, not time: the thread's allocation counter over 40,000 wraps must stay below what
 * a single 16-byte object per wrap would cost (640 KB), with room for unrelated JVM noise.
 */
class NoAllocationTest {

    @Test
    void wrapAndWalkAllocateNothing() throws Exception {
        var bean = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean tb
                && tb.isThreadAllocatedMemorySupported(), "thread allocation counter not available");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        ContainerSpec spec = TestContainers.fourComponentsSevenParts();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment linear = arena.allocate(spec.linearSize());
            spec.writeLinear(linear);
            MemorySegment table = arena.allocate(spec.flowTableSize());
            spec.writeFlowTable(table);
            FlowTableView flows = new FlowTableView().wrap(table);
            MemorySegment descriptor = linear.asSlice(0, spec.descriptorSize());
            ContainerView view = new ContainerView();
            long sink = 0;
            for (int i = 0; i < 20_000; i++) { // warm-up: let the JIT settle
                sink += walk(view.wrapDescriptor(descriptor, flows)) + walk(view.wrap(linear));
            }
            long tid = Thread.currentThread().threadId();
            long before = threads.getThreadAllocatedBytes(tid);
            for (int i = 0; i < 20_000; i++) {
                sink += walk(view.wrapDescriptor(descriptor, flows)) + walk(view.wrap(linear));
            }
            long allocated = threads.getThreadAllocatedBytes(tid) - before;
            System.out.println("NoAllocationTest: " + allocated + " bytes allocated by 40,000 wraps + walks");
            assertThat(sink).isNotZero();
            assertThat(allocated).as("bytes allocated by 40,000 wraps + walks").isLessThan(256 * 1024);
        }
    }

    private static long walk(ContainerView v) {
        long sum = 0;
        for (int c = 0; c < v.componentCount(); c++) {
            ComponentView comp = v.component(c);
            for (int p = 0; p < comp.partCount(); p++) {
                PartView part = comp.part(p);
                sum += part.dataSize() + part.flowOffset() + part.flowId() + (part.is2D() ? part.sizeX() : part.size());
            }
        }
        return sum;
    }
}
