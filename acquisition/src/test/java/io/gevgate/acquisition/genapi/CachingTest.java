package io.gevgate.acquisition.genapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.gevgate.acquisition.genapi.port.MemoryPort;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Register caching: per-address entries, pInvalidator, WriteThrough/WriteAround/NoCache, PollingTime, batching. */
class CachingTest {

    final MemoryPort port = new MemoryPort();

    @Test
    void invalidationAfterAWrite() {
        NodeMap m = Xml.load(Xml.intReg("Status", "0x10", "RO", "<pInvalidator>Control</pInvalidator>")
                + "<Integer Name=\"Control\"><pValue>ControlReg</pValue></Integer>"
                + Xml.intReg("ControlReg", "0x14", "RW", "")
                + Xml.intReg("Other", "0x18", "RO", ""), port);
        assertThat(m.getInteger("Status")).isZero();
        assertThat(m.getInteger("Other")).isZero();
        long reads = port.readCount();
        port.pokeInt(0x10, 7); // the device changes both registers behind our back
        port.pokeInt(0x18, 9);
        assertThat(m.getInteger("Status")).as("cached").isZero();
        assertThat(port.readCount()).isEqualTo(reads);
        m.setInteger("Control", 1); // Status names Control as invalidator
        assertThat(m.getInteger("Status")).isEqualTo(7);
        assertThat(m.getInteger("Other")).as("not invalidated").isZero();
        m.invalidateAll();
        assertThat(m.getInteger("Other")).isEqualTo(9);
    }

    @Test
    void writeAroundRereadsAndNoCacheAlwaysReads() {
        NodeMap m = Xml.load(Xml.intReg("Around", "0x20", "RW", "<Cachable>WriteAround</Cachable>")
                + Xml.intReg("Through", "0x24", "RW", "<Cachable>WriteThrough</Cachable>")
                + Xml.intReg("Never", "0x28", "RW", "<Cachable>NoCache</Cachable>"), port);
        m.setInteger("Through", 5);
        m.setInteger("Around", 5);
        long reads = port.readCount();
        assertThat(m.getInteger("Through")).isEqualTo(5);
        assertThat(port.readCount()).as("write-through: served from cache").isEqualTo(reads);
        assertThat(m.getInteger("Around")).isEqualTo(5);
        assertThat(port.readCount()).as("write-around: re-read once").isEqualTo(reads + 1);
        m.getInteger("Never");
        m.getInteger("Never");
        assertThat(port.readCount()).isEqualTo(reads + 3);
    }

    @Test
    void pollingTimeExpiresTheCache() {
        AtomicLong now = new AtomicLong(1000);
        NodeMap m = Xml.load(Xml.intReg("Temp", "0x30", "RO", "<PollingTime>500</PollingTime>"), port);
        m.setClock(now::get);
        assertThat(m.getInteger("Temp")).isZero();
        port.pokeInt(0x30, 42);
        now.addAndGet(499);
        assertThat(m.getInteger("Temp")).isZero();
        now.addAndGet(1);
        assertThat(m.getInteger("Temp")).isEqualTo(42);
    }

    @Test
    void selectorMovesTheAddressSoEachSelectorValueHasItsOwnCacheEntry() {
        NodeMap m = Xml.load("<Integer Name=\"Sel\"><Value>0</Value></Integer>"
                + "<IntReg Name=\"G\"><Address>0x100</Address><pIndex Offset=\"4\">Sel</pIndex><Length>4</Length>"
                + "<AccessMode>RW</AccessMode><pPort>Device</pPort><Endianess>BigEndian</Endianess></IntReg>", port);
        m.setInteger("G", 11);
        m.setInteger("Sel", 1);
        m.setInteger("G", 22);
        m.setInteger("Sel", 0);
        assertThat(m.getInteger("G")).isEqualTo(11);
        m.setInteger("Sel", 1);
        assertThat(m.getInteger("G")).isEqualTo(22);
    }

    @Test
    void writingOneRegisterForgetsOverlappingOnes() {
        NodeMap m = Xml.load(Xml.intReg("Whole", "0x40", "RW", "")
                + "<IntReg Name=\"Low\"><Address>0x42</Address><Length>2</Length><AccessMode>RW</AccessMode>"
                + "<pPort>Device</pPort><Endianess>BigEndian</Endianess></IntReg>", port);
        assertThat(m.getInteger("Whole")).isZero();
        m.setInteger("Low", 0x1234);
        assertThat(m.getInteger("Whole")).isEqualTo(0x1234);
    }

    @Test
    void batchedPrefetchCutsRoundTrips() throws Exception {
        MemoryPort batching = new MemoryPort(Long.MAX_VALUE, 8);
        NodeMap m = AravisFakeCameraXmlTest.loadWithRegisters(batching);
        int trips = m.prefetch(m.nodes());
        long afterPrefetch = batching.readCount();
        assertThat(trips).isEqualTo((int) afterPrefetch).isBetween(2, 4);
        for (String f : new String[] {"Width", "Height", "OffsetX", "GainRaw", "PayloadSize", "PixelFormat", "AcquisitionMode"}) {
            m.get(f);
        }
        assertThat(batching.readCount()).as("all served from the prefetched cache").isEqualTo(afterPrefetch);
        assertThat(m.getInteger("PayloadSize")).isEqualTo(512 * 512);
    }

    /**
     * Round trips to read every feature of the fake camera from a cold cache: one by one, and with
     * GVCP-sized READREG batches (135 addresses fit a 540-byte GVCP payload). StringRegs still
     * need one READMEM each.
     */
    @Test
    void roundTripsToReadAllFeaturesOfTheFakeCamera() throws Exception {
        MemoryPort single = new MemoryPort();
        AravisFakeCameraXmlTest.loadWithRegisters(single).evaluateAll();
        MemoryPort batched = new MemoryPort(Long.MAX_VALUE, 135);
        AravisFakeCameraXmlTest.loadWithRegisters(batched).evaluateAll();
        System.out.printf("fake camera, read all features: %d round trips unbatched, %d batched%n",
                single.readCount(), batched.readCount());
        // 18 distinct readable 4-byte register addresses (the 4 StructEntries share TestRegister's,
        // read once through the port-wide cache) plus 6 string registers; batching folds the 18
        // into one READREG.
        assertThat(single.readCount()).isEqualTo(18 + 6);
        assertThat(batched.readCount()).isEqualTo(1 + 6);
    }
}
