package io.gevgate.bridge.convert;

import java.util.Objects;

/**
 * What a {@link FrameConverter} is built for: the camera layout and size, and the YCbCr matrix and
 * range used for NV12 output and for reading YUV422 sources.
 */
public record ConversionSpec(InputLayout layout, int width, int height, YuvMatrix matrix, YuvRange range) {

    /** Largest width or height accepted: keeps every row and offset computation far from int overflow. */
    public static final int MAX_DIMENSION = 1 << 16;

    public ConversionSpec {
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(matrix, "matrix");
        Objects.requireNonNull(range, "range");
        if (width < 1 || width > MAX_DIMENSION || height < 1 || height > MAX_DIMENSION) {
            throw new ConversionException(String.format(
                    "frame size: expected width and height in 1..%d but found %dx%d", MAX_DIMENSION, width, height));
        }
        if (layout.family() == InputLayout.Family.BAYER && (width < 2 || height < 2)) {
            throw new ConversionException(String.format(
                    "frame size: %s needs at least 2x2 pixels (a full mosaic tile) but found %dx%d",
                    layout, width, height));
        }
        if (layout.family() == InputLayout.Family.YUV422 && (width & 1) != 0) {
            throw new ConversionException(String.format(
                    "frame size: %s carries pixel pairs and needs an even width but found width %d", layout, width));
        }
    }

    /** BT.601 limited range, the usual default for NV12 consumers. */
    public static ConversionSpec of(InputLayout layout, int width, int height) {
        return new ConversionSpec(layout, width, height, YuvMatrix.BT601, YuvRange.LIMITED);
    }
}
