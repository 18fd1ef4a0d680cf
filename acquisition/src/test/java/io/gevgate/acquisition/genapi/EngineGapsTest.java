package io.gevgate.acquisition.genapi;

import static io.gevgate.acquisition.genapi.Xml.intReg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gevgate.acquisition.genapi.GenApiException.Reason;
import io.gevgate.acquisition.genapi.node.FloatNode;
import io.gevgate.acquisition.genapi.node.IntegerNode;
import io.gevgate.acquisition.genapi.node.ValueList;
import io.gevgate.acquisition.genapi.port.MemoryPort;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** IncMode / ValidValueSet, SwapEndianess on a Port, formula variables naming node properties, pAlias / pCastAlias. */
class EngineGapsTest {

    final MemoryPort port = new MemoryPort();

    private static GenApiException.Reason reason(Runnable r) {
        try {
            r.run();
        } catch (GenApiException e) {
            return e.reason();
        }
        throw new AssertionError("no GenApiException");
    }

    @Test
    void integerListIncrementAcceptsOnlyListedValuesInsideTheRange() {
        NodeMap m = Xml.load("<Integer Name=\"Binning\"><pValue>R</pValue><Min>1</Min><Max>4</Max>"
                + "<IncMode>ListIncrement</IncMode><ValidValueSet>1;2;4;8</ValidValueSet></Integer>"
                + intReg("R", "0x10", "RW", ""), port);
        m.setInteger("Binning", 4);
        assertThat(port.peek(0x10, 4)).containsExactly(0, 0, 0, 4);
        assertThatThrownBy(() -> m.setInteger("Binning", 3)).isInstanceOf(GenApiException.class)
                .hasMessageContaining("not one of the valid values [1, 2, 4, 8]");
        assertThat(reason(() -> m.setInteger("Binning", 3))).isEqualTo(Reason.OUT_OF_RANGE);
        assertThat(reason(() -> m.setInteger("Binning", 8))).as("listed but above Max").isEqualTo(Reason.OUT_OF_RANGE);
        IntegerNode n = (IntegerNode) m.node("Binning");
        assertThat(n.incMode()).isEqualTo(ValueList.IncMode.LIST);
        assertThat(n.validValueSet()).containsExactly(1L, 2L, 4L, 8L);
        assertThat(m.diagnostics()).as("the tags are interpreted, not reported").isEmpty();
    }

    @Test
    void noIncrementIgnoresInc() {
        NodeMap m = Xml.load("<Integer Name=\"I\"><Value>0</Value><Min>0</Min><Max>100</Max><Inc>10</Inc>"
                + "<IncMode>NoIncrement</IncMode></Integer>", port);
        m.setInteger("I", 33);
        assertThat(m.getInteger("I")).isEqualTo(33);
        assertThat(reason(() -> m.setInteger("I", 101))).isEqualTo(Reason.OUT_OF_RANGE);
    }

    @Test
    void floatValidValueSet() {
        NodeMap m = Xml.load("<Float Name=\"F\"><Value>1.0</Value><Min>0</Min><Max>10</Max>"
                + "<IncMode>ListIncrement</IncMode><ValidValueSet>0.5;1.0;2.5</ValidValueSet></Float>", port);
        m.setFloat("F", 2.5);
        assertThat(m.getFloat("F")).isEqualTo(2.5);
        assertThat(reason(() -> m.setFloat("F", 2.0))).isEqualTo(Reason.OUT_OF_RANGE);
        assertThat(((FloatNode) m.node("F")).validValueSet()).containsExactly(0.5, 1.0, 2.5);
    }

    @Test
    void badIncModeAndListWithoutValuesAreMalformed() {
        assertThat(reason(() -> Xml.load("<Integer Name=\"I\"><Value>0</Value><IncMode>Sometimes</IncMode></Integer>", port)))
                .isEqualTo(Reason.MALFORMED_XML);
        assertThat(reason(() -> Xml.load("<Integer Name=\"I\"><Value>0</Value><IncMode>ListIncrement</IncMode></Integer>", port)))
                .isEqualTo(Reason.MALFORMED_XML);
        assertThat(reason(() -> Xml.load("<Integer Name=\"I\"><Value>0</Value><ValidValueSet>1;x</ValidValueSet></Integer>", port)))
                .isEqualTo(Reason.MALFORMED_XML);
    }

    @Test
    void swapEndianessReversesEachWordBothWays() {
        String body = "<Port Name=\"Swapped\"><SwapEndianess>Yes</SwapEndianess></Port>"
                + "<IntReg Name=\"R\"><Address>0x20</Address><Length>4</Length><AccessMode>RW</AccessMode><pPort>Swapped</pPort>"
                + "<Sign>Unsigned</Sign><Endianess>BigEndian</Endianess></IntReg>"
                + "<IntReg Name=\"R8\"><Address>0x40</Address><Length>8</Length><AccessMode>RO</AccessMode><pPort>Swapped</pPort>"
                + "<Sign>Unsigned</Sign><Endianess>BigEndian</Endianess></IntReg>";
        NodeMap m = NodeMap.load(Xml.doc(body).getBytes(StandardCharsets.UTF_8));
        assertThat(m.diagnostics()).as("SwapEndianess is applied, no longer reported").isEmpty();
        m.bindPort("Swapped", port);
        port.poke(0x20, new byte[] {0x78, 0x56, 0x34, 0x12});
        assertThat(m.getInteger("R")).isEqualTo(0x12345678L);
        m.setInteger("R", 0xA1B2C3D4L);
        assertThat(port.peek(0x20, 4)).containsExactly(0xD4, 0xC3, 0xB2, 0xA1);
        port.poke(0x40, new byte[] {4, 3, 2, 1, 8, 7, 6, 5});
        assertThat(m.getInteger("R8")).as("per 32-bit word").isEqualTo(0x0102030405060708L);
    }

    @Test
    void swapEndianessAppliesToBatchedReads() {
        MemoryPort batching = new MemoryPort(0x1000, 16);
        String body = "<Port Name=\"Swapped\"><SwapEndianess>Yes</SwapEndianess></Port>"
                + "<IntReg Name=\"A\"><Address>0x20</Address><Length>4</Length><AccessMode>RO</AccessMode><pPort>Swapped</pPort>"
                + "<Endianess>BigEndian</Endianess></IntReg>"
                + "<IntReg Name=\"B\"><Address>0x24</Address><Length>4</Length><AccessMode>RO</AccessMode><pPort>Swapped</pPort>"
                + "<Endianess>BigEndian</Endianess></IntReg>";
        NodeMap m = NodeMap.load(Xml.doc(body).getBytes(StandardCharsets.UTF_8));
        m.bindPort("Swapped", batching);
        batching.poke(0x20, new byte[] {1, 0, 0, 0, 2, 0, 0, 0});
        assertThat(m.prefetch(m.nodes())).isEqualTo(1);
        long reads = batching.readCount();
        assertThat(m.getInteger("A")).isEqualTo(1);
        assertThat(m.getInteger("B")).isEqualTo(2);
        assertThat(batching.readCount()).as("served from the batch").isEqualTo(reads);
    }

    @Test
    void formulaVariablesReadNodeProperties() {
        NodeMap m = Xml.load("<Integer Name=\"Width\"><pValue>WReg</pValue><Min>16</Min><pMax>WMax</pMax><Inc>8</Inc></Integer>"
                + intReg("WReg", "0x0", "RW", "")
                + "<Integer Name=\"WMax\"><Value>1024</Value></Integer>"
                + "<IntSwissKnife Name=\"Span\"><pVariable Name=\"HI\">Width.Max</pVariable><pVariable Name=\"LO\">Width.Min</pVariable>"
                + "<pVariable Name=\"STEP\">Width.Inc</pVariable><pVariable Name=\"V\">Width.Value</pVariable>"
                + "<Formula>(HI - LO) / STEP * 10000 + V</Formula></IntSwissKnife>"
                + "<SwissKnife Name=\"Ratio\"><pVariable Name=\"W\">Width</pVariable><pVariable Name=\"M\">Width.Max</pVariable>"
                + "<Formula>W * 1.0 / M</Formula></SwissKnife>"
                + "<Integer Name=\"OffsetX\"><Value>0</Value><Min>0</Min><pMax>OffsetXMax</pMax></Integer>"
                + "<IntSwissKnife Name=\"OffsetXMax\"><pVariable Name=\"WM\">Width.Max</pVariable><pVariable Name=\"W\">Width</pVariable>"
                + "<Formula>WM - W</Formula></IntSwissKnife>", port);
        m.setInteger("Width", 256);
        assertThat(m.getInteger("Span")).isEqualTo((1024 - 16) / 8 * 10000 + 256);
        assertThat(m.getFloat("Ratio")).isEqualTo(0.25);
        assertThat(m.integerMax("OffsetX")).isEqualTo(768);
        m.setInteger("WMax", 512);
        assertThat(m.integerMax("OffsetX")).isEqualTo(256);
        assertThat(reason(() -> m.setInteger("OffsetX", 300))).isEqualTo(Reason.OUT_OF_RANGE);
    }

    @Test
    void propertyOfANodeWithoutThatPropertyIsATypedError() {
        NodeMap m = Xml.lenient("<String Name=\"S\"><Value>x</Value></String>"
                + "<IntSwissKnife Name=\"K\"><pVariable Name=\"M\">S.Max</pVariable><Formula>M</Formula></IntSwissKnife>"
                + "<IntSwissKnife Name=\"D\"><pVariable Name=\"M\">Nope.Max</pVariable><Formula>M</Formula></IntSwissKnife>");
        assertThat(reason(() -> m.getInteger("K"))).isIn(Reason.INVALID_VALUE, Reason.TYPE_MISMATCH);
        assertThat(reason(() -> m.getInteger("D"))).isEqualTo(Reason.DANGLING_REFERENCE);
        assertThat(m.diagnostics()).anyMatch(d -> d.node().equals("D") && d.reason() == Reason.DANGLING_REFERENCE);
    }

    @Test
    void aliasesAreExposed() {
        NodeMap m = Xml.load("<Integer Name=\"GainRaw\"><Value>4</Value><pAlias>Gain</pAlias></Integer>"
                + "<Float Name=\"Gain\"><Value>1.5</Value><pCastAlias>GainRaw</pCastAlias></Float>", port);
        assertThat(m.node("GainRaw").alias().name()).isEqualTo("Gain");
        assertThat(m.node("Gain").castAlias().name()).isEqualTo("GainRaw");
        assertThat(m.node("Gain").alias()).isNull();
        assertThat(m.diagnostics()).isEmpty();
        assertThat(reason(() -> Xml.load("<Integer Name=\"I\"><Value>4</Value><pAlias>Missing</pAlias></Integer>", port)))
                .isEqualTo(Reason.DANGLING_REFERENCE);
    }
}
