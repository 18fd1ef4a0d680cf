package io.gevgate.acquisition.genapi;

import static io.gevgate.acquisition.genapi.Xml.intReg;
import static org.assertj.core.api.Assertions.assertThat;

import io.gevgate.acquisition.genapi.port.MemoryPort;
import org.junit.jupiter.api.Test;

/** NodeMap.withSnapshot: NoCache registers batched for one pass only, never cached past it. */
class ReadPassTest {

    private static final String BODY = intReg("A", "0x10", "RW", "<Cachable>NoCache</Cachable>")
            + intReg("B", "0x14", "RO", "<Cachable>NoCache</Cachable>")
            + intReg("C", "0x18", "RO", "<Cachable>NoCache</Cachable>");

    @Test
    void noCacheRegistersAreBatchedInsideAPassAndReadAgainAfterIt() {
        MemoryPort port = new MemoryPort(0x1000, 64);
        NodeMap m = Xml.load(BODY, port);
        port.pokeInt(0x10, 1);
        port.pokeInt(0x14, 2);
        port.pokeInt(0x18, 3);
        m.prefetch(m.nodes());
        assertThat(port.readCount()).as("outside a pass NoCache is not prefetched").isZero();

        long sum = m.withSnapshot(m.nodes(), () -> m.getInteger("A") + m.getInteger("B") + m.getInteger("C") + m.getInteger("A"));
        assertThat(sum).isEqualTo(7);
        assertThat(port.readCount()).as("one batched round trip for the whole pass").isEqualTo(1);

        port.pokeInt(0x14, 20);
        assertThat(m.getInteger("B")).as("after the pass NoCache reads the device again").isEqualTo(20);
        assertThat(port.readCount()).isEqualTo(2);
    }

    @Test
    void aWriteInsideThePassIsSeenByLaterReads() {
        MemoryPort port = new MemoryPort(0x1000, 64);
        NodeMap m = Xml.load(BODY, port);
        long a = m.withSnapshot(m.nodes(), () -> {
            m.setInteger("A", 42);
            return m.getInteger("A");
        });
        assertThat(a).isEqualTo(42);
    }

    @Test
    void evaluateAllIsOnePass() {
        MemoryPort port = new MemoryPort(0x1000, 64);
        NodeMap m = Xml.load(BODY, port);
        assertThat(m.evaluateAll()).filteredOn(Evaluation::failed).isEmpty();
        assertThat(port.readCount()).isEqualTo(1);
        m.evaluateAll();
        assertThat(port.readCount()).as("nothing outlives a pass").isEqualTo(2);
    }
}
