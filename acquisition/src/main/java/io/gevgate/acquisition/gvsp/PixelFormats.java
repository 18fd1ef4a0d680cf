package io.gevgate.acquisition.gvsp;

/** PFNC arithmetic the receiver needs: bits per pixel live in bits 23-16 of every PFNC code. */
public final class PixelFormats {
    public static final int MONO8 = 0x01080001;
    public static final int MONO12P = 0x010C0047;
    public static final int MONO16 = 0x01100007;
    public static final int BAYER_RG8 = 0x01080009;
    public static final int BAYER_RG12P = 0x010C0059;
    public static final int RGB8 = 0x02180014;
    public static final int YUV422_8 = 0x02100032;
    public static final int CONFIDENCE8 = 0x010800C6;
    public static final int COORD3D_C16 = 0x011000B8;
    public static final int DATA8 = 0x01080116;

    private PixelFormats() {
    }

    public static int bitsPerPixel(int pfnc) {
        return (pfnc >>> 16) & 0xFF;
    }

    /**
     * Bytes of an image: packed formats ("p") are contiguous across lines, so the pixel bits are
     * rounded up once; padding adds {@code paddingX} per line and {@code paddingY} at the end.
     */
    public static long imageSize(int pfnc, long width, long height, int paddingX, int paddingY) {
        long bits = width * height * bitsPerPixel(pfnc);
        return (bits + 7) / 8 + height * paddingX + paddingY;
    }
}
