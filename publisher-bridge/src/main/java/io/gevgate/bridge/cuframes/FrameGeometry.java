package io.gevgate.bridge.cuframes;

/**
 * Format, size and pitches of one frame, computed by the pitch rule of protocol §3.6:
 * {@code pitch_y = align_up(width * bpp, alignment)} with alignment a power of two in 1..512.
 */
public record FrameGeometry(PixelFormat format, int width, int height, int pitchY, int pitchUv, long frameSize) {
    public static final int MAX_DIMENSION = 16384;

    /** Geometry with the given pitch alignment (1 = tight rows, cuframes' own rule for 640/1920 NV12). */
    public static FrameGeometry of(PixelFormat format, int width, int height, int pitchAlignment) {
        if (width < 1 || width > MAX_DIMENSION || height < 1 || height > MAX_DIMENSION) {
            throw new CuframesException(CuframesError.FORMAT,
                    "width and height must be 1.." + MAX_DIMENSION + ", got " + width + "x" + height);
        }
        if (pitchAlignment < 1 || pitchAlignment > 512 || Integer.bitCount(pitchAlignment) != 1) {
            throw new CuframesException(CuframesError.INVALID_ARG,
                    "pitch alignment must be a power of two in 1..512, got " + pitchAlignment);
        }
        if (format.chromaSubsampled() && ((width | height) & 1) != 0) {
            throw new CuframesException(CuframesError.FORMAT,
                    format + " needs even width and height, got " + width + "x" + height);
        }
        int pitchY = alignUp(width * format.plane0BytesPerPixel(), pitchAlignment);
        return switch (format) {
            case NV12 -> new FrameGeometry(format, width, height, pitchY, pitchY,
                    (long) pitchY * height + (long) pitchY * (height / 2));
            case YUV420P -> {
                int pitchUv = alignUp(width / 2, pitchAlignment);
                yield new FrameGeometry(format, width, height, pitchY, pitchUv,
                        (long) pitchY * height + 2L * pitchUv * (height / 2));
            }
            default -> new FrameGeometry(format, width, height, pitchY, 0, (long) pitchY * height);
        };
    }

    static int alignUp(int v, int a) {
        return (v + a - 1) & -a;
    }

    /** Byte offset of the chroma plane (NV12 UV, YUV420P U); 0 for single-plane formats. */
    public long chromaOffset() {
        return format.chromaSubsampled() ? (long) pitchY * height : 0;
    }
}
