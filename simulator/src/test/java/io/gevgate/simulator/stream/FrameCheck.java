package io.gevgate.simulator.stream;

import io.gevgate.acquisition.gvsp.Frame;
import io.gevgate.acquisition.gvsp.FrameStatus;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/** Bit-exact verification of a received frame against the emitter's self-checking content. */
final class FrameCheck {
    private static final ValueLayout.OfInt BE32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfLong BE64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    record Result(long counter, String problem) {
        boolean ok() {
            return problem == null;
        }
    }

    private FrameCheck() {
    }

    static Result check(Frame f, PayloadKind kind) {
        if (f.status() != FrameStatus.COMPLETE) {
            return new Result(-1, "status " + f.status());
        }
        return switch (kind) {
            case IMAGE, RAW, JPEG -> unit(f.payload(), 0, f.payload().byteSize(), 0);
            case IMAGE_WITH_CHUNKS, CHUNK_DATA -> chunks(f);
            case MULTIPART -> multipart(f);
            case GENDC -> genDc(f);
        };
    }

    /** Proof + regenerated bit-exact comparison of one unit. */
    static Result unit(MemorySegment seg, long off, long len, int salt) {
        TestPattern.Verification v = TestPattern.verify(seg, off, len);
        if (!v.ok()) {
            return new Result(v.frameCounter(), v.problem());
        }
        long mismatch = TestPattern.firstMismatch(seg, off, len, v.frameCounter(), salt);
        if (mismatch >= 0) {
            return new Result(v.frameCounter(), "byte " + mismatch + " differs from the regenerated pattern");
        }
        return new Result(v.frameCounter(), null);
    }

    private static Result chunks(Frame f) {
        MemorySegment p = f.chunkData();
        long size = p.byteSize();
        if (size < 24 + 16) {
            return new Result(-1, "chunk payload too small: " + size);
        }
        // parse from the end: counter chunk tag, then the image chunk tag
        if (p.get(BE32, size - 8) != BlockLayout.COUNTER_CHUNK_ID || p.get(BE32, size - 4) != 8) {
            return new Result(-1, "counter chunk tag wrong");
        }
        long counter = p.get(BE64, size - 16);
        long imageLen = p.get(BE32, size - 20) & 0xFFFFFFFFL;
        if (p.get(BE32, size - 24) != BlockLayout.IMAGE_CHUNK_ID || imageLen != size - 24) {
            return new Result(counter, "image chunk tag wrong");
        }
        Result r = unit(p, 0, imageLen, 0);
        if (r.ok() && r.counter() != counter) {
            return new Result(counter, "chunk counter " + counter + " != pattern counter " + r.counter());
        }
        return r;
    }

    private static Result multipart(Frame f) {
        if (f.partCount() != 3) {
            return new Result(-1, "parts " + f.partCount());
        }
        long counter = -1;
        for (int i = 0; i < 3; i++) {
            MemorySegment d = f.part(i).data();
            Result r = unit(d, 0, d.byteSize(), i);
            if (!r.ok()) {
                return new Result(r.counter(), "part " + i + ": " + r.problem());
            }
            if (counter >= 0 && r.counter() != counter) {
                return new Result(counter, "part " + i + " counter " + r.counter());
            }
            counter = r.counter();
        }
        return new Result(counter, null);
    }

    /** GenDC through the public container view (see {@link GenDcFrameCheck}). */
    private static Result genDc(Frame f) {
        return GenDcFrameCheck.check(f);
    }

}
