package io.gevgate.simulator.stream;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/** One block kept in the emitter's history: its id, its frame counter and its payload bytes. */
final class StreamBlock {
    private static final ValueLayout.OfInt BE32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfLong BE64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfInt LE32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    final MemorySegment payload;
    long blockId;
    long frameCounter;
    long timestamp;
    boolean valid;

    StreamBlock(MemorySegment payload) {
        this.payload = payload;
    }

    /** Generates this frame's content: every unit carries its own self-checking pattern. */
    void fill(BlockLayout layout, long blockId, long frameCounter, long timestamp) {
        this.blockId = blockId;
        this.frameCounter = frameCounter;
        this.timestamp = timestamp;
        for (BlockLayout.Unit u : layout.units) {
            if (u.pattern()) {
                TestPattern.fill(payload, u.offset(), u.length(), frameCounter, u.salt());
            }
        }
        switch (layout.kind) {
            case IMAGE_WITH_CHUNKS, CHUNK_DATA -> {
                // GEV chunk layout: data then a big-endian tag (id, length) after each chunk
                BlockLayout.Unit image = layout.units[0];
                long at = image.offset() + image.length();
                payload.set(BE32, at, BlockLayout.IMAGE_CHUNK_ID);
                payload.set(BE32, at + 4, (int) image.length());
                payload.set(BE64, at + 8, frameCounter);
                payload.set(BE32, at + 16, BlockLayout.COUNTER_CHUNK_ID);
                payload.set(BE32, at + 20, 8);
            }
            case GENDC -> {
                // flow 0: the descriptor, container id = frame counter (allocation-free writer)
                layout.genDc.writeDescriptor(payload.asSlice(0, layout.descriptorSize), frameCounter, Math.max(0, timestamp));
                for (BlockLayout.GenDcPart part : layout.genDcParts) {
                    if (!part.metadata()) {
                        TestPattern.fill(payload, part.offset(), part.length(), frameCounter, part.salt());
                        continue;
                    }
                    TestPattern.fill(payload, part.offset(), BlockLayout.METADATA_PATTERN, frameCounter, part.salt());
                    // GenDC chunk tags are little-endian: id then length, after the chunk data
                    payload.set(LE32, part.offset() + BlockLayout.METADATA_PATTERN, BlockLayout.COUNTER_CHUNK_ID);
                    payload.set(LE32, part.offset() + BlockLayout.METADATA_PATTERN + 4, BlockLayout.METADATA_PATTERN);
                }
            }
            default -> {
            }
        }
        valid = true;
    }
}
