package io.gevgate.acquisition.genapi.node;

import io.gevgate.acquisition.genapi.GenApiException.Reason;
import io.gevgate.acquisition.genapi.expr.Num;
import java.util.List;

/** {@code <IntKey>} inside a ConfRom: the 24-bit value of the directory entry with that key. */
public final class IntKeyNode extends Node implements IntegerFeature {

    private final Ref rom;
    private final long key;

    public IntKeyNode(NodeDef d, String confRomName) {
        super(d);
        this.rom = ref(confRomName, "ConfRom");
        Long k = d.integer("Key");
        if (k == null || k < 0 || k > 0xFF) {
            throw d.malformed("IntKey needs a <Key> of 0..0xFF");
        }
        this.key = k;
    }

    @Override
    protected List<Node> valueDependencies() {
        return rom.target() == null ? List.of() : List.of(rom.target());
    }

    @Override
    protected Num readNumber() {
        ConfRomNode r = (ConfRomNode) target(rom);
        byte[] bytes = r.romBytes();
        int off = r.findKey(bytes, key);
        if (off < 0) {
            throw error(Reason.NOT_AVAILABLE, String.format("key 0x%02X is not in ConfRom %s", key, r.name()));
        }
        return Num.of(ConfRomNode.quadlet(bytes, off) & 0xFFFFFF);
    }

    @Override
    public Num minimum() {
        return Num.ZERO;
    }

    @Override
    public Num maximum() {
        return Num.of(0xFFFFFFL);
    }
}
