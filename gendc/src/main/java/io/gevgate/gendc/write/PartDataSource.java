package io.gevgate.gendc.write;

import java.lang.foreign.MemorySegment;

/**
 * Fills a part's data while a container is written; {@code target} is exactly the part's
 * {@code DataSize} bytes at its final place (no intermediate copy).
 */
@FunctionalInterface
public interface PartDataSource {
    void fill(int componentIndex, int partIndex, MemorySegment target);
}
