package io.gevgate.gendc.read;

import io.gevgate.gendc.GenDcFormatException;
import io.gevgate.gendc.internal.Le;
import java.lang.foreign.MemorySegment;

/**
 * Walks the GenICam chunks inside a chunk-metadata part (type 0x4000). Each chunk is its data
 * followed by a tag: ChunkID (u32) and ChunkLength (u32), little-endian in GenDC. Tags trail their
 * data, so chunks are read from the end of the part backward: {@link #next()} moves to the
 * previous chunk. Reusable and allocation-free; every step consumes at least the 8-byte tag, so a
 * walk always ends.
 *
 * <pre>{@code
 * ChunkCursor chunks = new ChunkCursor().wrap(part.data());
 * while (chunks.next()) { if (chunks.chunkId() == TIMESTAMP_CHUNK) { ... chunks.chunk() ... } }
 * }</pre>
 */
public final class ChunkCursor {
    /** Bytes of the trailing tag: ChunkID + ChunkLength. */
    public static final int TAG_SIZE = 8;

    private MemorySegment data;
    private long end;
    private long chunkId;
    private long chunkOffset;
    private long chunkLength;

    /** Starts a walk over {@code chunkData} (the part's data). */
    public ChunkCursor wrap(MemorySegment chunkData) {
        this.data = chunkData;
        this.end = chunkData.byteSize();
        this.chunkOffset = -1;
        return this;
    }

    /**
     * Moves to the previous chunk; false when the walk reached the start of the data.
     *
     * @throws GenDcFormatException when a tag is cut off or a ChunkLength reaches before the start
     *         (offsets are from the start of the chunk data)
     */
    public boolean next() throws GenDcFormatException {
        if (end == 0) {
            return false;
        }
        if (end < TAG_SIZE) {
            throw new GenDcFormatException(0, "ChunkTag", "an 8-byte ChunkID + ChunkLength tag",
                    end + " bytes left before the previous chunk");
        }
        long length = Le.u32(data, end - 4);
        if (length > end - TAG_SIZE) {
            throw new GenDcFormatException(end - 4, "ChunkLength", "at most the " + (end - TAG_SIZE)
                    + " bytes before its tag", Long.toString(length));
        }
        chunkId = Le.u32(data, end - TAG_SIZE);
        chunkLength = length;
        chunkOffset = end - TAG_SIZE - length;
        end = chunkOffset;
        return true;
    }

    /** ChunkID of the current chunk (u32). */
    public long chunkId() {
        requireChunk();
        return chunkId;
    }

    /** Offset of the current chunk's data within the chunk data. */
    public long offset() {
        requireChunk();
        return chunkOffset;
    }

    /** Bytes of the current chunk's data (without its tag). */
    public long length() {
        requireChunk();
        return chunkLength;
    }

    /** The current chunk's data as a slice. */
    public MemorySegment chunk() {
        requireChunk();
        return data.asSlice(chunkOffset, chunkLength);
    }

    private void requireChunk() {
        if (data == null || chunkOffset < 0) {
            throw new IllegalStateException("no current chunk: call next() first");
        }
    }
}
