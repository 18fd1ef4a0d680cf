package io.gevgate.simulator.stream;

import io.gevgate.acquisition.gvsp.Frame;
import io.gevgate.acquisition.gvsp.FrameStatus;
import io.gevgate.acquisition.gvsp.GenDcContainer;
import io.gevgate.gendc.ComponentTypeIds;
import io.gevgate.gendc.GenDcFormatException;
import io.gevgate.gendc.read.ChunkCursor;
import io.gevgate.gendc.read.ComponentView;
import io.gevgate.gendc.read.PartView;

import java.lang.foreign.MemorySegment;

/**
 * Bit-exact check of a GenDC frame through the public API only ({@link Frame#genDc()}): the
 * emitter's four components (intensity, range, confidence, chunk metadata) in three data flows
 * (range and confidence share one, so confidence has a non-zero FlowOffset), each part's bytes found through the validated descriptor (FlowId + FlowOffset) and compared
 * with the regenerated test pattern; the data must be a view of the frame buffer (no copy).
 */
final class GenDcFrameCheck {
    static final long[] TYPE_IDS = {ComponentTypeIds.INTENSITY, ComponentTypeIds.RANGE, ComponentTypeIds.CONFIDENCE,
        ComponentTypeIds.METADATA};
    /** Intensity in flow 1, range and confidence share flow 2, chunk metadata in flow 3. */
    static final int[] FLOW_IDS = {1, 2, 2, 3};

    private GenDcFrameCheck() {
    }

    static FrameCheck.Result check(Frame f) {
        if (f.status() != FrameStatus.COMPLETE) {
            return new FrameCheck.Result(-1, "status " + f.status());
        }
        GenDcContainer c;
        try {
            c = f.genDc();
        } catch (GenDcFormatException e) {
            return new FrameCheck.Result(-1, "genDc(): " + e.getMessage());
        }
        if (!c.hasFlowTable() || c.flowCount() != 4) {
            return new FrameCheck.Result(-1, "flow table: " + c.hasFlowTable() + ", flows " + c.flowCount());
        }
        if (c.componentCount() != 4 || c.view().isPreliminary()) {
            return new FrameCheck.Result(-1, "components " + c.componentCount() + ", preliminary " + c.view().isPreliminary());
        }
        if (c.descriptor().asOverlappingSlice(f.buffer()).isEmpty()) {
            return new FrameCheck.Result(-1, "descriptor is not a view of the frame buffer");
        }
        long counter = -1;
        ComponentView comp = new ComponentView();
        PartView part = new PartView();
        for (int i = 0; i < 4; i++) {
            c.view().component(i, comp);
            if (comp.typeId() != TYPE_IDS[i] || comp.partCount() != 1) {
                return new FrameCheck.Result(counter, "component " + i + ": TypeId " + comp.typeId() + ", parts " + comp.partCount());
            }
            comp.part(0, part);
            if (part.flowId() != FLOW_IDS[i] || (i == 2) != (part.flowOffset() > 0)) {
                return new FrameCheck.Result(counter, "component " + i + " in flow " + part.flowId() + " at " + part.flowOffset());
            }
            MemorySegment data;
            try {
                data = c.data(part);
            } catch (GenDcFormatException e) {
                return new FrameCheck.Result(counter, "component " + i + " data: " + e.getMessage());
            }
            if (data.asOverlappingSlice(f.buffer()).map(s -> s.byteSize() != data.byteSize()).orElse(true)) {
                return new FrameCheck.Result(counter, "component " + i + " data is not a view of the frame buffer");
            }
            long patternBytes = i < 3 ? data.byteSize() : BlockLayout.METADATA_PATTERN;
            FrameCheck.Result r = FrameCheck.unit(data, 0, patternBytes, i + 1);
            if (!r.ok()) {
                return new FrameCheck.Result(r.counter(), "component " + i + ": " + r.problem());
            }
            if (counter >= 0 && r.counter() != counter) {
                return new FrameCheck.Result(counter, "component " + i + " counter " + r.counter() + " != " + counter);
            }
            counter = r.counter();
            if (i == 3) {
                String chunk = chunkProblem(data);
                if (chunk != null) {
                    return new FrameCheck.Result(counter, chunk);
                }
            }
        }
        if (c.view().id() != counter) {
            return new FrameCheck.Result(counter, "container id " + c.view().id() + " != pattern counter " + counter);
        }
        return new FrameCheck.Result(counter, null);
    }

    /** The chunk-metadata part holds one GenICam chunk (LE tag): the 32-byte pattern. */
    private static String chunkProblem(MemorySegment data) {
        ChunkCursor cursor = new ChunkCursor().wrap(data);
        try {
            if (!cursor.next()) {
                return "no chunk in the metadata part";
            }
            if (cursor.chunkId() != BlockLayout.COUNTER_CHUNK_ID || cursor.length() != BlockLayout.METADATA_PATTERN) {
                return "chunk id 0x" + Long.toHexString(cursor.chunkId()) + ", length " + cursor.length();
            }
            if (cursor.next()) {
                return "more than one chunk in the metadata part";
            }
        } catch (GenDcFormatException e) {
            return "metadata chunks: " + e.getMessage();
        }
        return null;
    }
}
