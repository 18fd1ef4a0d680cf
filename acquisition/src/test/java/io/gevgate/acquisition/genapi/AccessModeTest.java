package io.gevgate.acquisition.genapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gevgate.acquisition.genapi.GenApiException.Reason;
import io.gevgate.acquisition.genapi.node.AccessMode;
import io.gevgate.acquisition.genapi.port.MemoryPort;
import org.junit.jupiter.api.Test;

/** pIsImplemented / pIsAvailable / pIsLocked / ImposedAccessMode and the errors that say why. */
class AccessModeTest {

    final MemoryPort port = new MemoryPort();

    static final String BODY = "<Integer Name=\"TLParamsLocked\"><Visibility>Invisible</Visibility><Value>0</Value>"
            + "<Min>0</Min><Max>1</Max></Integer>"
            + "<Integer Name=\"Width\"><pIsLocked>TLParamsLocked</pIsLocked><pValue>WidthReg</pValue></Integer>"
            + Xml.intReg("WidthReg", "0x100", "RW", "")
            + "<Boolean Name=\"HasBinning\"><Value>0</Value></Boolean>"
            + "<Integer Name=\"Binning\"><pIsAvailable>HasBinning</pIsAvailable><Value>1</Value></Integer>"
            + "<Integer Name=\"Gone\"><pIsImplemented>HasBinning</pIsImplemented><Value>1</Value></Integer>"
            + "<Integer Name=\"Fixed\"><ImposedAccessMode>RO</ImposedAccessMode><Value>5</Value></Integer>"
            + Xml.intReg("Secret", "0x200", "WO", "")
            + "<Integer Name=\"LockedWo\"><pIsLocked>TLParamsLocked</pIsLocked><pValue>Secret</pValue></Integer>";

    static Reason reason(Throwable t) {
        return ((GenApiException) t).reason();
    }

    @Test
    void lockedWhileStreaming() {
        NodeMap m = Xml.load(BODY, port);
        m.setInteger("Width", 640);
        m.setInteger("TLParamsLocked", 1); // acquisition started
        assertThat(m.accessMode("Width")).isEqualTo(AccessMode.RO);
        assertThatThrownBy(() -> m.setInteger("Width", 320)).satisfies(t -> assertThat(reason(t)).isEqualTo(Reason.LOCKED))
                .hasMessageContaining("Width: locked by TLParamsLocked");
        assertThat(m.getInteger("Width")).as("still readable").isEqualTo(640);
        assertThat(m.accessMode("LockedWo")).isEqualTo(AccessMode.NA);
        m.setInteger("TLParamsLocked", 0);
        m.setInteger("Width", 320);
        assertThat(port.peek(0x100, 4)).containsExactly(0, 0, 1, 0x40);
        assertThat(port.writeCount()).isEqualTo(2);
    }

    @Test
    void notAvailableNotImplementedReadOnlyWriteOnly() {
        NodeMap m = Xml.load(BODY, port);
        assertThat(m.accessMode("Binning")).isEqualTo(AccessMode.NA);
        assertThatThrownBy(() -> m.getInteger("Binning")).satisfies(t -> assertThat(reason(t)).isEqualTo(Reason.NOT_AVAILABLE));
        assertThatThrownBy(() -> m.setInteger("Binning", 2)).satisfies(t -> assertThat(reason(t)).isEqualTo(Reason.NOT_AVAILABLE));
        assertThat(m.accessMode("Gone")).isEqualTo(AccessMode.NI);
        assertThatThrownBy(() -> m.getInteger("Gone")).satisfies(t -> assertThat(reason(t)).isEqualTo(Reason.NOT_IMPLEMENTED));
        m.setBoolean("HasBinning", true);
        assertThat(m.accessMode("Binning")).isEqualTo(AccessMode.RW);
        m.setInteger("Binning", 2);
        assertThat(m.accessMode("Fixed")).isEqualTo(AccessMode.RO);
        assertThatThrownBy(() -> m.setInteger("Fixed", 1)).satisfies(t -> assertThat(reason(t)).isEqualTo(Reason.READ_ONLY))
                .hasMessageContaining("Fixed: read-only");
        assertThat(m.accessMode("Secret")).isEqualTo(AccessMode.WO);
        assertThatThrownBy(() -> m.getInteger("Secret")).satisfies(t -> assertThat(reason(t)).isEqualTo(Reason.WRITE_ONLY));
        assertThatThrownBy(() -> m.getInteger("Nope")).satisfies(t -> assertThat(reason(t)).isEqualTo(Reason.NO_SUCH_NODE));
        assertThatThrownBy(() -> m.getFloat("HasBinning")).satisfies(t -> assertThat(reason(t)).isEqualTo(Reason.TYPE_MISMATCH));
    }

    @Test
    void accessModeParsingToleratesVendorSpellings() {
        assertThat(AccessMode.parse("R")).isEqualTo(AccessMode.RO);
        assertThat(AccessMode.parse("WR")).isEqualTo(AccessMode.RW);
        assertThat(AccessMode.parse("w")).isEqualTo(AccessMode.WO);
        assertThat(AccessMode.RW.restrictTo(AccessMode.WO)).isEqualTo(AccessMode.WO);
        assertThat(AccessMode.RO.restrictTo(AccessMode.WO)).isEqualTo(AccessMode.NA);
    }

    @Test
    void booleanGateUsesItsOnValueNotTheRawValue() {
        NodeMap m = Xml.load("<Boolean Name=\"Lock\"><pValue>LockReg</pValue><OnValue>2</OnValue><OffValue>1</OffValue></Boolean>"
                + Xml.intReg("LockReg", "0x0", "RW", "")
                + "<Integer Name=\"X\"><pIsLocked>Lock</pIsLocked><Value>0</Value></Integer>", port);
        m.setBoolean("Lock", false); // raw 1: non-zero, yet "off"
        assertThat(m.accessMode("X")).isEqualTo(AccessMode.RW);
        m.setBoolean("Lock", true);
        assertThat(m.accessMode("X")).isEqualTo(AccessMode.RO);
    }
}
