package io.gevgate.acquisition.genapi.node;

/** How a number should be shown and typed in. */
public enum Representation {
    LINEAR, LOGARITHMIC, BOOLEAN, PURE_NUMBER, HEX_NUMBER, IPV4_ADDRESS, MAC_ADDRESS;

    public static Representation parse(String s) {
        return switch (s.strip()) {
            case "Linear" -> LINEAR;
            case "Logarithmic" -> LOGARITHMIC;
            case "Boolean" -> BOOLEAN;
            case "PureNumber" -> PURE_NUMBER;
            case "HexNumber" -> HEX_NUMBER;
            case "IPV4Address" -> IPV4_ADDRESS;
            case "MACAddress" -> MAC_ADDRESS;
            default -> throw new IllegalArgumentException("Representation " + s);
        };
    }
}
