package io.gevgate.bridge.gateway;

import io.gevgate.bridge.convert.ConversionSpec;
import io.gevgate.bridge.convert.FrameConverter;
import io.gevgate.bridge.cuframes.FrameGeometry;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * For subscribers that report a hash per frame ({@code HASH seq pts fnv1a64}, HashingSubscriberChild
 * and the C peer with CF_SUB_HASH): which simulator frame n a published frame is, found by hashing
 * the CPU reference NV12 conversion of frame n's pattern, n = 0, 1, 2... as far as needed.
 */
final class HashedReference implements AutoCloseable {
    /** Writes simulator frame n's raw pattern into {@code raw}. */
    @FunctionalInterface
    interface Pattern {
        void fill(long n, MemorySegment raw);
    }

    private final Map<Long, Long> byHash = new HashMap<>();
    private final FrameGeometry g;
    private final FrameConverter conv;
    private final Pattern pattern;
    private final long limit;
    private final Arena arena = Arena.ofConfined();
    private final MemorySegment src;
    private final MemorySegment dst;
    private long generated;

    HashedReference(ConversionSpec spec, Pattern pattern, long limit) {
        this.g = SlotWriters.geometry(PublishFormat.NV12, spec.layout(), spec.width(), spec.height(), 1);
        this.conv = FrameConverter.create(spec, 2);
        this.pattern = pattern;
        this.limit = limit;
        this.src = arena.allocate(conv.sourceRowBytes() * spec.height(), 64);
        this.dst = arena.allocate(g.frameSize(), 64);
    }

    /** Frames hashed so far. */
    long generated() {
        return generated;
    }

    /** The simulator frame whose conversion has this hash, or null within the first {@code limit}. */
    Long frameOf(long hash) {
        while (!byHash.containsKey(hash) && generated < limit) {
            pattern.fill(generated, src);
            dst.fill((byte) 0);
            long y = g.chromaOffset();
            conv.toNv12(src, conv.sourceRowBytes(), dst.asSlice(0, y), g.pitchY(), dst.asSlice(y, g.frameSize() - y),
                    g.pitchUv());
            byHash.put(HashingSubscriberChild.fnv1a64(dst, g.frameSize()), generated);
            generated++;
        }
        return byHash.get(hash);
    }

    /**
     * seq → frame of every HASH line of {@code who}: each the exact conversion of a simulator frame,
     * seqs increasing (consecutive when {@code everySeq}), frames strictly increasing.
     */
    Map<Long, Long> verify(String who, List<String> lines, boolean everySeq) {
        Map<Long, Long> out = new LinkedHashMap<>();
        long lastSeq = -1;
        long lastFrame = -1;
        for (String l : lines) {
            if (!l.startsWith("HASH ")) {
                continue;
            }
            String[] p = l.split(" ");
            long seq = Long.parseLong(p[1]);
            long hash = Long.parseUnsignedLong(p[3], 16);
            Long n = frameOf(hash);
            assertThat(n).as(who + " seq " + seq + ": hash " + p[3] + " is not the exact conversion of any of the first "
                    + generated + " simulator frames").isNotNull();
            if (everySeq && lastSeq >= 0) {
                assertThat(seq).as(who + ": STRICT_WAIT + STRICT_ORDER delivers every seq").isEqualTo(lastSeq + 1);
            }
            assertThat(seq).as(who + " seq order").isGreaterThan(lastSeq);
            assertThat(n).as(who + " frame order at seq " + seq).isGreaterThan(lastFrame);
            lastSeq = seq;
            lastFrame = n;
            out.put(seq, n);
        }
        return out;
    }

    @Override
    public void close() {
        conv.close();
        arena.close();
    }
}
