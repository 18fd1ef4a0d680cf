package io.gevgate.viewer.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

class RgbaPackingTest {

    @Test
    void rgbaBytesBecomeArgbInts() {
        MemorySegment s = MemorySegment.ofArray(new byte[] {10, 20, 30, (byte) 255, 1, 2, 3, (byte) 255, 0, 0, 0, 0});
        int[] out = new int[2];
        RgbaPacking.rgba(s, 12, 2, 1, out); // pitch 12: 4 bytes of padding at the row end
        assertThat(out).containsExactly(0xFF0A141E, 0xFF010203);
    }

    @Test
    void rgbAndBgrSwapTheOuterBytes() {
        MemorySegment s = MemorySegment.ofArray(new byte[] {1, 2, 3});
        int[] rgb = new int[1];
        int[] bgr = new int[1];
        RgbaPacking.rgb(s, 3, 1, 1, false, rgb);
        RgbaPacking.rgb(s, 3, 1, 1, true, bgr);
        assertThat(rgb[0]).isEqualTo(0xFF010203);
        assertThat(bgr[0]).isEqualTo(0xFF030201);
    }

    @Test
    void monoRespectsThePitch() {
        MemorySegment s = MemorySegment.ofArray(new byte[] {7, 8, 99, 9, 10, 99});
        int[] out = new int[4];
        RgbaPacking.mono8(s, 3, 2, 2, out);
        assertThat(out).containsExactly(0xFF070707, 0xFF080808, 0xFF090909, 0xFF0A0A0A);
    }

    @Test
    void nv12GreyAndPrimariesDecodeToTheExpectedColours() {
        // 2x2 NV12, limited range: Y=235 with neutral chroma is white, Y=16 black
        byte[] b = new byte[4 + 2];
        b[0] = (byte) 235;
        b[1] = (byte) 235;
        b[2] = 16;
        b[3] = 16;
        b[4] = (byte) 128;
        b[5] = (byte) 128;
        int[] out = new int[4];
        RgbaPacking.nv12(MemorySegment.ofArray(b), 2, 2, 4, 2, 2, out);
        assertThat(out).containsExactly(0xFFFFFFFF, 0xFFFFFFFF, 0xFF000000, 0xFF000000);
        // BT.601 limited red: Y 81, U 90, V 240
        byte[] r = {81, 81, 81, 81, 90, (byte) 240};
        RgbaPacking.nv12(MemorySegment.ofArray(r), 2, 2, 4, 2, 2, out);
        int p = out[0];
        assertThat((p >>> 16) & 0xFF).isGreaterThan(250);
        assertThat((p >>> 8) & 0xFF).isLessThan(5);
        assertThat(p & 0xFF).isLessThan(5);
    }

    @Test
    void imageRejectsTooFewPixels() {
        assertThatThrownBy(() -> new ArgbImage(4, 4, new int[15], 0, "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs 16");
    }

    @Test
    void histogramCountsEveryPixelOnceAndDetectsGrey() {
        int[] px = {0xFF000000, 0xFFFFFFFF, 0xFF808080, 0xFF808080};
        Histogram h = Histogram.of(new ArgbImage(2, 2, px, 0, "t"));
        assertThat(h.grey()).isTrue();
        assertThat(h.luma()[0]).isEqualTo(1);
        assertThat(h.luma()[255]).isEqualTo(1);
        assertThat(h.red()[128]).isEqualTo(2);
        Histogram c = Histogram.of(new ArgbImage(1, 1, new int[] {0xFFFF0000}, 0, "t"));
        assertThat(c.grey()).isFalse();
        assertThat(c.red()[255]).isEqualTo(1);
        assertThat(c.green()[0]).isEqualTo(1);
    }

    @Test
    void slotKeepsOnlyTheNewestAndCountsTheRest() {
        LatestFrameSlot slot = new LatestFrameSlot();
        assertThat(slot.take()).isNull();
        for (int i = 0; i < 5; i++) {
            slot.offer(new ArgbImage(1, 1, new int[1], i, "t"));
        }
        assertThat(slot.take().sequence()).isEqualTo(4);
        assertThat(slot.take()).isNull();
        assertThat(slot.offered()).isEqualTo(5);
        assertThat(slot.skipped()).isEqualTo(4);
    }

    @Test
    void pngRoundTripsPixels(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        int[] px = {0xFF102030, 0xFF405060, 0xFF708090, 0xFFA0B0C0};
        var f = dir.resolve("a.png");
        PngFiles.write(new ArgbImage(2, 2, px, 0, "t"), f);
        var img = javax.imageio.ImageIO.read(f.toFile());
        assertThat(img.getRGB(1, 1)).isEqualTo(0xFFA0B0C0);
        assertThat(java.nio.file.Files.list(dir).count()).as("no .part file left").isEqualTo(1);
    }
}
