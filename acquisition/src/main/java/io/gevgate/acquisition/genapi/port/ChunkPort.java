package io.gevgate.acquisition.genapi.port;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * A read-only port over one chunk of a frame's chunk data, selected by ChunkID.
 *
 * <p>Layout (GigE Vision chunk payload): chunks are laid back to back, each one its data
 * followed by an 8-byte trailer {@code chunk id (u32), data length (u32)}. The walk starts at the
 * end of the buffer and steps backwards, so the trailers are the only framing. GigE Vision
 * trailers are big-endian; GenDC chunk components use the same layout little-endian.
 * Port addresses are offsets into the selected chunk's data.
 */
public final class ChunkPort implements Port {

    /** Where one chunk lies in the buffer. */
    public record Chunk(long id, int offset, int length) {
    }

    private final ByteBuffer data;
    private final int offset;
    private final int length;
    private final long chunkId;

    private ChunkPort(ByteBuffer data, long chunkId, int offset, int length) {
        this.data = data;
        this.chunkId = chunkId;
        this.offset = offset;
        this.length = length;
    }

    /**
     * Splits a chunk payload into its chunks (walking trailers from the end).
     *
     * @throws ChunkFormatException when a trailer's length does not fit the remaining bytes
     */
    public static List<Chunk> parse(ByteBuffer payload, ByteOrder trailerOrder) {
        ByteBuffer b = payload.duplicate().order(trailerOrder);
        int start = b.position();
        int end = b.limit();
        List<Chunk> chunks = new ArrayList<>();
        // Each step consumes at least 8 bytes, so the loop ends after at most size/8 steps.
        while (end > start) {
            if (end - start < 8) {
                throw new ChunkFormatException(end - start, "a trailer needs 8 bytes, " + (end - start) + " remain");
            }
            long id = Integer.toUnsignedLong(b.getInt(end - 8));
            long len = Integer.toUnsignedLong(b.getInt(end - 4));
            int dataEnd = end - 8;
            if (len > dataEnd - start) {
                throw new ChunkFormatException(dataEnd - start, String.format(
                        "chunk 0x%X declares %d data bytes, only %d precede its trailer", id, len, dataEnd - start));
            }
            int dataStart = dataEnd - (int) len;
            chunks.add(new Chunk(id, dataStart - start, (int) len));
            end = dataStart;
        }
        return List.copyOf(chunks.reversed());
    }

    /**
     * A port over the chunk with {@code chunkId}, or {@code null} when the payload has none.
     * The buffer is not copied: the port is valid while the frame's buffer is.
     */
    public static ChunkPort find(ByteBuffer payload, ByteOrder trailerOrder, long chunkId) {
        for (Chunk c : parse(payload, trailerOrder)) {
            if (c.id() == chunkId) {
                return new ChunkPort(payload.duplicate(), chunkId, payload.position() + c.offset(), c.length());
            }
        }
        return null;
    }

    public long chunkId() {
        return chunkId;
    }

    public int length() {
        return length;
    }

    @Override
    public byte[] read(long address, int len) {
        if (len < 0 || address < 0 || address > length - (long) len) {
            throw new PortException(address, len, String.format(
                    "outside chunk 0x%X (%d bytes of data)", chunkId, length));
        }
        byte[] out = new byte[len];
        data.get(offset + (int) address, out);
        return out;
    }

    @Override
    public void write(long address, byte[] bytes) {
        throw new PortException(address, bytes.length, String.format("chunk 0x%X is read-only", chunkId));
    }
}
