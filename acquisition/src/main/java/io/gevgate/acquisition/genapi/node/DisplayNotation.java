package io.gevgate.acquisition.genapi.node;

/** How a float is printed. */
public enum DisplayNotation {
    AUTOMATIC, FIXED, SCIENTIFIC;

    public static DisplayNotation parse(String s) {
        return valueOf(s.strip().toUpperCase(java.util.Locale.ROOT));
    }
}
