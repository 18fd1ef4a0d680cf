package io.gevgate.viewer.image;

/**
 * One preview image, converted off the FX thread: packed 0xAARRGGBB pixels, row-major, no padding.
 *
 * @param sequence the source's frame number (GVSP block id, cuframes seq)
 * @param source   what it was converted from, for the status line ("Mono8 640x480")
 */
public record ArgbImage(int width, int height, int[] argb, long sequence, String source) {
    public ArgbImage {
        if (width <= 0 || height <= 0 || argb.length < (long) width * height) {
            throw new IllegalArgumentException("image " + width + "x" + height + " needs " + (long) width * height
                    + " pixels, got " + argb.length);
        }
    }

    public int pixel(int x, int y) {
        return argb[y * width + x];
    }
}
