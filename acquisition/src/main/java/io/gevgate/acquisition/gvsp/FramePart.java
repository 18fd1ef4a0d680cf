package io.gevgate.acquisition.gvsp;

import java.lang.foreign.MemorySegment;

/**
 * One part of a multipart frame (or the single implicit part of an image frame): its own
 * format, geometry and place in the frame buffer. Reused with its frame; valid until release.
 */
public final class FramePart {
    private final Frame frame;
    int dataType;
    int pixelFormat;
    long offset;
    long length;
    long sizeX;
    long sizeY;
    long offsetX;
    long offsetY;
    int paddingX;
    int paddingY;
    int sourceId;
    int dataPurposeId;
    int regionId;

    FramePart(Frame frame) {
        this.frame = frame;
    }

    /** Multipart data type (1 = 2D image, 9 = confidence map, 0x0A = chunk, ...). */
    public int dataType() {
        return dataType;
    }

    public int pixelFormat() {
        return pixelFormat;
    }

    /** Byte offset of this part within the frame buffer. */
    public long offset() {
        return offset;
    }

    public long length() {
        return length;
    }

    public long width() {
        return sizeX;
    }

    public long height() {
        return sizeY;
    }

    public long offsetX() {
        return offsetX;
    }

    public long offsetY() {
        return offsetY;
    }

    public int paddingX() {
        return paddingX;
    }

    public int paddingY() {
        return paddingY;
    }

    public int sourceId() {
        return sourceId;
    }

    public int dataPurposeId() {
        return dataPurposeId;
    }

    public int regionId() {
        return regionId;
    }

    /** The part's bytes (a view of the frame buffer, clipped to the buffer). */
    public MemorySegment data() {
        return frame.slice(offset, length);
    }
}
