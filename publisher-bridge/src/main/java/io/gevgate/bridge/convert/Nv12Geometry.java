package io.gevgate.bridge.convert;

/**
 * Plane sizes of an NV12 image of any width and height (docs/conversions.md §5).
 *
 * <p>Odd sizes are accepted: the chroma plane has ceil(w/2) U,V pairs per row and ceil(h/2)
 * rows; the last chroma column/row of an odd image averages a 2x2 block whose missing column or
 * row is replaced by the last one (edge replication). So the UV row of an odd width is w+1 bytes
 * long and needs a pitch of at least that.
 */
public final class Nv12Geometry {

    private Nv12Geometry() {
    }

    /** Bytes of one Y row that carry pixels. */
    public static long yRowBytes(int width) {
        return width;
    }

    /** Bytes of one UV row that carry samples: 2 * ceil(width / 2). */
    public static long uvRowBytes(int width) {
        return 2L * ((width + 1L) / 2);
    }

    /** Rows of the UV plane: ceil(height / 2). */
    public static int uvRows(int height) {
        return (height + 1) / 2;
    }

    /** Smallest segment that holds {@code rows} rows of {@code rowBytes} at {@code pitch} (last row unpadded). */
    public static long planeBytes(int rows, long pitch, long rowBytes) {
        return rows == 0 ? 0 : (rows - 1L) * pitch + rowBytes;
    }
}
