package io.gevgate.bridge.convert;

/** What the converter writes into a ring slot (the {@code --format} option of {@code gevgate run}). */
public enum OutputFormat {
    /** Y plane (width x height bytes) followed by an interleaved U,V plane (see {@link Nv12Geometry}). */
    NV12,
    /** 4 bytes per pixel: R, G, B, A=255. */
    RGBA8,
    /** The camera's own bytes, row by row, unconverted (only the pitch changes). */
    NATIVE;

    /** Parses the CLI spelling ({@code nv12}, {@code rgba}, {@code native}), case-insensitively. */
    public static OutputFormat parse(String text) {
        return switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "nv12" -> NV12;
            case "rgba", "rgba8" -> RGBA8;
            case "native" -> NATIVE;
            default -> throw new ConversionException(
                    "output format: expected one of nv12, rgba, native but found '" + text + "'");
        };
    }
}
