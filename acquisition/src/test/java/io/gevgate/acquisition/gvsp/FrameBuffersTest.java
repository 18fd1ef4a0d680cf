package io.gevgate.acquisition.gvsp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a GPU writer pins once per session ({@link GvspReceiver#frameBuffers()}) must be exactly
 * the memory the frames are written into: one 4 KiB-aligned buffer per pool frame, disjoint, and
 * every frame's buffer one of them, the same list for the receiver's whole life.
 */
@Timeout(20)
class FrameBuffersTest {
    @Test
    void poolBuffersAreTheFramesMemory() {
        FramePool pool = new FramePool(3, 10_000, 16, 1);
        List<MemorySegment> buffers = pool.buffers();
        assertThat(buffers).hasSize(3);
        for (int i = 0; i < buffers.size(); i++) {
            MemorySegment b = buffers.get(i);
            assertThat(b.byteSize()).isEqualTo(10_000);
            assertThat(b.address() % 4096).as("buffer %d alignment", i).isZero();
            for (int j = 0; j < i; j++) {
                MemorySegment o = buffers.get(j);
                assertThat(b.address() + b.byteSize() <= o.address() || o.address() + o.byteSize() <= b.address())
                        .as("buffers %d and %d disjoint", j, i).isTrue();
            }
        }
        List<Frame> taken = new ArrayList<>();
        for (Frame f; (f = pool.acquire()) != null; ) {
            taken.add(f);
        }
        assertThat(taken).hasSize(3);
        assertThat(taken).extracting(f -> f.buffer().address())
                .containsExactlyInAnyOrderElementsOf(buffers.stream().map(MemorySegment::address).toList());
        assertThat(pool.buffers()).as("fixed for the pool's life").isSameAs(buffers);
    }

    @Test
    void receiverExposesOneBufferPerPoolFrame() throws Exception {
        GvspReceiverConfig cfg = new GvspReceiverConfig().bindAddress("127.0.0.1").port(0).frameBufferCount(5)
                .frameBufferBytes(64 * 1024);
        try (GvspReceiver r = GvspReceiver.start(cfg)) {
            assertThat(r.frameBuffers()).hasSize(5).allSatisfy(b -> assertThat(b.byteSize()).isEqualTo(64 * 1024));
        }
    }
}
