package io.gevgate.acquisition.genapi.node;

/** A node's effective access: not implemented, not available, write-only, read-only, read-write. */
public enum AccessMode {
    NI, NA, WO, RO, RW;

    public boolean readable() {
        return this == RO || this == RW;
    }

    public boolean writable() {
        return this == WO || this == RW;
    }

    /**
     * Parses the XML value. Besides RO/WO/RW, vendor files use R, W and WR (seen in the wild),
     * which mean the same thing.
     */
    public static AccessMode parse(String s) {
        return switch (s.strip().toUpperCase(java.util.Locale.ROOT)) {
            case "RO", "R" -> RO;
            case "WO", "W" -> WO;
            case "RW", "WR" -> RW;
            case "NA" -> NA;
            case "NI" -> NI;
            default -> throw new IllegalArgumentException("access mode " + s);
        };
    }

    /** ImposedAccessMode can only take rights away: RW∩RO = RO, RO∩WO = NA. */
    public AccessMode restrictTo(AccessMode imposed) {
        if (imposed == null || this == NI || this == NA) {
            return this;
        }
        boolean r = readable() && (imposed == RO || imposed == RW);
        boolean w = writable() && (imposed == WO || imposed == RW);
        return r && w ? RW : r ? RO : w ? WO : NA;
    }
}
