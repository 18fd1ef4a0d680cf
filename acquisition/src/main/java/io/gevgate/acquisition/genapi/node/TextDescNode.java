package io.gevgate.acquisition.genapi.node;

import io.gevgate.acquisition.genapi.GenApiException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code <TextDesc>} inside a ConfRom: the text of the textual-descriptor leaf that the entry
 * with that key points to (IEEE 1212: entry value = offset in quadlets to a leaf whose first
 * quadlet holds its length in quadlets, followed by two specifier quadlets and the text).
 */
public final class TextDescNode extends Node implements StringFeature {

    private final Ref rom;
    private final long key;

    public TextDescNode(NodeDef d, String confRomName) {
        super(d);
        this.rom = ref(confRomName, "ConfRom");
        Long k = d.integer("Key");
        if (k == null || k < 0 || k > 0xFF) {
            throw d.malformed("TextDesc needs a <Key> of 0..0xFF");
        }
        this.key = k;
    }

    @Override
    protected List<Node> valueDependencies() {
        return rom.target() == null ? List.of() : List.of(rom.target());
    }

    @Override
    public String getValue() {
        ctx.enter(this, NodeContext.OP_VALUE);
        try {
            checkReadable();
            ConfRomNode r = (ConfRomNode) target(rom);
            byte[] b = r.romBytes();
            int entry = r.findKey(b, key);
            if (entry < 0) {
                throw error(Reason.NOT_AVAILABLE, String.format("key 0x%02X is not in ConfRom %s", key, r.name()));
            }
            long leaf = entry + 4 * (ConfRomNode.quadlet(b, entry) & 0xFFFFFF);
            if (leaf + 12 > b.length) {
                throw error(Reason.INVALID_VALUE, "text leaf at byte " + leaf + " lies outside the " + b.length + "-byte ConfRom");
            }
            long quadlets = ConfRomNode.quadlet(b, (int) leaf) >>> 16;
            long textBytes = Math.max(0, (quadlets - 2) * 4);
            long start = leaf + 12;
            long end = Math.min(b.length, start + textBytes);
            int stop = (int) start;
            while (stop < end && b[stop] != 0) {
                stop++;
            }
            return new String(b, (int) start, stop - (int) start, StandardCharsets.US_ASCII);
        } finally {
            ctx.exit(this, NodeContext.OP_VALUE);
        }
    }

    @Override
    public void setValue(String value) {
        throw error(Reason.READ_ONLY, "read-only");
    }

    @Override
    public long maxLength() {
        return -1;
    }
}
