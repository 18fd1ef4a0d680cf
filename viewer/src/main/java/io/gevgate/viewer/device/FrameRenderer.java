package io.gevgate.viewer.device;

import io.gevgate.acquisition.gvsp.Frame;
import io.gevgate.bridge.convert.ConversionSpec;
import io.gevgate.bridge.convert.FrameConverter;
import io.gevgate.bridge.convert.InputLayout;
import io.gevgate.viewer.image.ArgbImage;
import io.gevgate.viewer.image.RgbaPacking;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * GVSP frame to preview image through the gateway's CPU conversions (any PFNC layout
 * {@link InputLayout} knows: Mono, Bayer, RGB, YUV, packed). Keeps one converter and one RGBA buffer
 * and rebuilds them only when format or size change. Used by one thread at a time.
 */
public final class FrameRenderer implements AutoCloseable {
    private FrameConverter converter;
    private Arena arena;
    private MemorySegment rgba;
    private int pfnc;
    private int width;
    private int height;

    public ArgbImage render(Frame f) {
        int w = (int) f.width();
        int h = (int) f.height();
        prepare(f.pixelFormat(), w, h);
        long stride = converter.sourceRowBytes() + f.paddingX();
        long needed = (h - 1) * stride + converter.sourceRowBytes();
        MemorySegment payload = f.payload();
        if (payload.byteSize() < needed) {
            throw new IllegalArgumentException("frame " + f.blockId() + ": payload " + payload.byteSize()
                    + " bytes, image " + w + "x" + h + " needs " + needed);
        }
        long pitch = converter.rgbaRowBytes();
        converter.toRgba(payload, stride, rgba, pitch);
        int[] argb = new int[w * h];
        RgbaPacking.rgba(rgba, pitch, w, h, argb);
        return new ArgbImage(w, h, argb, f.blockId(), InputLayout.fromPfnc(pfnc) + " " + w + "x" + h);
    }

    private void prepare(int format, int w, int h) {
        if (converter != null && format == pfnc && w == width && h == height) {
            return;
        }
        close();
        converter = FrameConverter.create(ConversionSpec.of(InputLayout.fromPfnc(format), w, h));
        arena = Arena.ofShared();
        rgba = arena.allocate(converter.rgbaRowBytes() * h, 64);
        pfnc = format;
        width = w;
        height = h;
    }

    @Override
    public void close() {
        if (converter != null) {
            converter.close();
            converter = null;
        }
        if (arena != null) {
            arena.close();
            arena = null;
        }
    }
}
