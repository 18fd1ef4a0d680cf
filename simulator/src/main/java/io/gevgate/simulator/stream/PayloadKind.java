package io.gevgate.simulator.stream;

/** What the emitter streams. */
public enum PayloadKind {
    /** Image payload (type 0x0001). */
    IMAGE,
    /** Image followed by GEV chunks (type 0x4001, trailer with chunk info). */
    IMAGE_WITH_CHUNKS,
    /** Chunk data payload (type 0x0004): image chunk + frame-counter chunk. */
    CHUNK_DATA,
    /** Raw data (type 0x0002). */
    RAW,
    /** JPEG leader with opaque bytes (type 0x0006). */
    JPEG,
    /** Multipart (type 0x000A): image, confidence map and a chunk part; extended IDs required. */
    MULTIPART,
    /** GenDC container (type 0x000B): intensity, range, confidence and chunk-metadata flows. */
    GENDC
}
