package io.gevgate.bridge.cuframes;

/** cuframes pixel formats with their wire codes (protocol §3.6). */
public enum PixelFormat {
    NV12(0, 1, true),
    YUV420P(1, 1, true),
    RGB8(2, 3, false),
    BGR8(3, 3, false),
    RGBA8(4, 4, false),
    MONO8(5, 1, false);

    private final int code;
    private final int plane0BytesPerPixel;
    private final boolean chromaSubsampled;

    PixelFormat(int code, int plane0BytesPerPixel, boolean chromaSubsampled) {
        this.code = code;
        this.plane0BytesPerPixel = plane0BytesPerPixel;
        this.chromaSubsampled = chromaSubsampled;
    }

    public int code() {
        return code;
    }

    public int plane0BytesPerPixel() {
        return plane0BytesPerPixel;
    }

    /** True for the 4:2:0 formats, which need even width and height. */
    public boolean chromaSubsampled() {
        return chromaSubsampled;
    }

    public static PixelFormat ofCode(int code) {
        for (PixelFormat f : values()) {
            if (f.code == code) {
                return f;
            }
        }
        throw new CuframesException(CuframesError.FORMAT, "unknown pixel format code " + code + " (expected 0..5)");
    }
}
