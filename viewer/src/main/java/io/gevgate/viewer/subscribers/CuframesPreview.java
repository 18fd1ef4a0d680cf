package io.gevgate.viewer.subscribers;

import io.gevgate.bridge.cuframes.CuframesSubscriber;
import io.gevgate.bridge.cuframes.Frame;
import io.gevgate.bridge.cuframes.FrameGeometry;
import io.gevgate.bridge.cuframes.SubscriberConfig;
import io.gevgate.bridge.cuframes.SubscriberMode;
import io.gevgate.viewer.image.ArgbImage;
import io.gevgate.viewer.image.LatestFrameSlot;
import io.gevgate.viewer.image.RgbaPacking;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;

/**
 * Watches one cuframes key as a NEWEST_ONLY subscriber (what a downstream consumer sees), converts
 * each frame to ARGB and drops it into a {@link LatestFrameSlot}. Its own thread: connecting and
 * waiting never touch the FX thread.
 */
public final class CuframesPreview implements AutoCloseable {
    private final String key;
    private final Path runtimeDir;
    private final LatestFrameSlot slot;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile String status = "connecting";
    private volatile long frames;

    private CuframesPreview(String key, Path runtimeDir, LatestFrameSlot slot) {
        this.key = key;
        this.runtimeDir = runtimeDir;
        this.slot = slot;
        this.thread = Thread.ofPlatform().daemon().name("viewer-cuframes-" + key).unstarted(this::run);
    }

    public static CuframesPreview start(String key, Path runtimeDir, LatestFrameSlot slot) {
        CuframesPreview p = new CuframesPreview(key, runtimeDir, slot);
        p.thread.start();
        return p;
    }

    public String status() {
        return status;
    }

    public long frames() {
        return frames;
    }

    private void run() {
        SubscriberConfig cfg = SubscriberConfig.builder(key).name("gevgate-viewer").mode(SubscriberMode.NEWEST_ONLY)
                .runtimeDir(runtimeDir).connectTimeoutMs(3000).build();
        try (CuframesSubscriber sub = CuframesSubscriber.connect(cfg); Arena arena = Arena.ofConfined()) {
            FrameGeometry g = sub.geometry();
            status = "subscribed (bit " + sub.assignedBit() + ", " + g.format() + " " + g.width() + "x" + g.height() + ")";
            MemorySegment copy = arena.allocate(g.frameSize(), 64);
            while (running) {
                Frame f = sub.next(200);
                if (f == null) {
                    continue;
                }
                try {
                    // copyTo works for memfd and CUDA VMM slots alike and tells whether the copy is torn
                    if (f.copyTo(copy)) {
                        slot.offer(toArgb(copy, g, f.seq()));
                        frames++;
                    }
                } finally {
                    sub.release(f);
                }
            }
            status = "stopped";
        } catch (RuntimeException e) {
            status = "error: " + e.getMessage();
        }
    }

    static ArgbImage toArgb(MemorySegment src, FrameGeometry g, long seq) {
        int w = g.width();
        int h = g.height();
        int[] argb = new int[w * h];
        switch (g.format()) {
            case MONO8 -> RgbaPacking.mono8(src, g.pitchY(), w, h, argb);
            case RGB8 -> RgbaPacking.rgb(src, g.pitchY(), w, h, false, argb);
            case BGR8 -> RgbaPacking.rgb(src, g.pitchY(), w, h, true, argb);
            case RGBA8 -> RgbaPacking.rgba(src, g.pitchY(), w, h, argb);
            case NV12 -> RgbaPacking.nv12(src, g.pitchY(), g.pitchUv(), g.chromaOffset(), w, h, argb);
            default -> throw new IllegalArgumentException("no preview for cuframes format " + g.format());
        }
        return new ArgbImage(w, h, argb, seq, "cuframes " + g.format() + " " + w + "x" + h);
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
