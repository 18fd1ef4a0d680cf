package io.gevgate.acquisition.genapi.node;

/**
 * {@code <ConfRom>} (legacy IIDC / IEEE 1394 configuration ROM): a read-only register block
 * holding IEEE 1212 directory entries; its {@code IntKey} and {@code TextDesc} children look
 * values up by key.
 */
public final class ConfRomNode extends RegisterBase {

    public ConfRomNode(NodeDef d) {
        super(d);
        d.ignore("IntKey", "TextDesc", "Unit");
    }

    /**
     * The byte offset of the first directory entry (a big-endian quadlet {@code key:8 value:24})
     * whose key matches, or -1.
     */
    int findKey(byte[] rom, long key) {
        for (int off = 0; off + 4 <= rom.length; off += 4) {
            if ((rom[off] & 0xFF) == key) {
                return off;
            }
        }
        return -1;
    }

    static long quadlet(byte[] rom, int off) {
        return ((rom[off] & 0xFFL) << 24) | ((rom[off + 1] & 0xFFL) << 16) | ((rom[off + 2] & 0xFFL) << 8) | (rom[off + 3] & 0xFFL);
    }

    byte[] romBytes() {
        return getBytes();
    }
}
