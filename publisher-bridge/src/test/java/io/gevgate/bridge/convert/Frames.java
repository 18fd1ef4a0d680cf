package io.gevgate.bridge.convert;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** Small helpers to run one conversion on heap arrays in tests. */
final class Frames {

    private Frames() {
    }

    /** RGBA8 bytes (tight pitch) of a frame given as tightly packed source bytes. */
    static byte[] rgba(ConversionSpec spec, byte[] source) {
        int stride = (int) spec.layout().rowBytes(spec.width());
        byte[] out = new byte[4 * spec.width() * spec.height()];
        try (FrameConverter converter = FrameConverter.create(spec)) {
            converter.toRgba(MemorySegment.ofArray(source), stride, MemorySegment.ofArray(out), 4L * spec.width());
        }
        return out;
    }

    /** {Y plane, UV plane} (tight pitches) of a frame given as tightly packed source bytes. */
    static byte[][] nv12(ConversionSpec spec, byte[] source) {
        int stride = (int) spec.layout().rowBytes(spec.width());
        int uvRowBytes = (int) Nv12Geometry.uvRowBytes(spec.width());
        byte[] y = new byte[spec.width() * spec.height()];
        byte[] uv = new byte[uvRowBytes * Nv12Geometry.uvRows(spec.height())];
        try (Arena arena = Arena.ofConfined(); FrameConverter converter = FrameConverter.create(spec)) {
            MemorySegment yPlane = arena.allocate(y.length);
            MemorySegment uvPlane = arena.allocate(uv.length);
            converter.toNv12(MemorySegment.ofArray(source), stride, yPlane, spec.width(), uvPlane, uvRowBytes);
            MemorySegment.copy(yPlane, ValueLayout.JAVA_BYTE, 0, y, 0, y.length);
            MemorySegment.copy(uvPlane, ValueLayout.JAVA_BYTE, 0, uv, 0, uv.length);
        }
        return new byte[][] {y, uv};
    }

    static int[] unsigned(byte[] bytes) {
        int[] out = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = bytes[i] & 0xFF;
        }
        return out;
    }

    static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }
}
