package io.gevgate.acquisition.genapi.port;

/** Chunk data whose trailers do not describe the buffer: names the offset and what was wrong. */
public class ChunkFormatException extends RuntimeException {

    private final int offset;

    public ChunkFormatException(int offset, String message) {
        super("chunk data at offset " + offset + ": " + message);
        this.offset = offset;
    }

    /** Bytes from the start of the chunk payload to where the bad trailer would begin. */
    public int offset() {
        return offset;
    }
}
