package io.gevgate.gendc.samples;

import io.gevgate.gendc.ComponentTypeIds;
import io.gevgate.gendc.pfnc.PixelFormat;
import io.gevgate.gendc.write.ComponentSpec;
import io.gevgate.gendc.write.ContainerSpec;
import io.gevgate.gendc.write.H264Parameters;
import io.gevgate.gendc.write.PartSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The sample containers shipped under {@code samples/}: deterministic content, so a test can check
 * that the committed files are exactly what this class builds. Regenerate with
 * {@code java -cp gendc/target/classes io.gevgate.gendc.samples.SampleContainers samples}.
 */
public final class SampleContainers {
    /** Sample width and height (small, so the files stay a few KiB). */
    public static final int WIDTH = 32;
    public static final int HEIGHT = 24;
    /** 2026-01-01T00:00:00Z in ns: a fixed timestamp keeps the samples reproducible. */
    public static final long TIMESTAMP_NS = 1_767_225_600_000_000_000L;

    private SampleContainers() {
    }

    /** File name → container, in a fixed order. */
    public static Map<String, ContainerSpec> all() {
        Map<String, ContainerSpec> samples = new LinkedHashMap<>();
        samples.put("intensity-range-confidence.gendc", intensityRangeConfidence());
        samples.put("planar-rgb.gendc", planarRgb());
        samples.put("h264.gendc", h264());
        return samples;
    }

    /**
     * A 3D camera frame: Mono8 intensity, Coord3D_C16 range, Confidence8 confidence and a chunk
     * metadata component (ChunkTimestamp-like chunk with its LE id/length trailer), linear, one flow.
     */
    public static ContainerSpec intensityRangeConfidence() {
        byte[] intensity = pattern(PixelFormat.MONO8.imageSize(WIDTH, HEIGHT), (x) -> x * 7 + 3);
        byte[] range = new byte[(int) PixelFormat.COORD3D_C16.imageSize(WIDTH, HEIGHT)];
        for (int i = 0; i < WIDTH * HEIGHT; i++) { // distance in mm as u16 LE: a tilted plane
            int mm = 1000 + (i % WIDTH) * 4 + (i / WIDTH) * 2;
            range[2 * i] = (byte) mm;
            range[2 * i + 1] = (byte) (mm >>> 8);
        }
        byte[] confidence = pattern(PixelFormat.CONFIDENCE8.imageSize(WIDTH, HEIGHT), (x) -> 255 - (x % 64));
        byte[] chunk = chunk(0x0A5A_0001, longLe(TIMESTAMP_NS));
        return ContainerSpec.builder().id(1).timestampPtp(true)
                .add(ComponentSpec.of(ComponentTypeIds.INTENSITY, PixelFormat.MONO8,
                        PartSpec.image(PixelFormat.MONO8, WIDTH, HEIGHT).withContent(intensity))
                        .withTimestamp(TIMESTAMP_NS))
                .add(ComponentSpec.of(ComponentTypeIds.RANGE, PixelFormat.COORD3D_C16,
                        PartSpec.image(PixelFormat.COORD3D_C16, WIDTH, HEIGHT).withContent(range))
                        .withTimestamp(TIMESTAMP_NS))
                .add(ComponentSpec.of(ComponentTypeIds.CONFIDENCE, PixelFormat.CONFIDENCE8,
                        PartSpec.image(PixelFormat.CONFIDENCE8, WIDTH, HEIGHT).withContent(confidence))
                        .withTimestamp(TIMESTAMP_NS))
                .add(ComponentSpec.of(ComponentTypeIds.METADATA, PixelFormat.DATA8,
                        PartSpec.chunkMetadata(chunk, 1))
                        .withTimestamp(TIMESTAMP_NS))
                .build();
    }

    /** An RGB8_Planar component as three parts (R8, G8, B8), each plane in its own flow (1..3). */
    public static ContainerSpec planarRgb() {
        long plane = PixelFormat.R8.imageSize(WIDTH, HEIGHT);
        return ContainerSpec.builder().id(2)
                .add(ComponentSpec.of(ComponentTypeIds.INTENSITY, PixelFormat.RGB8_PLANAR,
                        PartSpec.image(PixelFormat.R8, WIDTH, HEIGHT).withFlow(1)
                                .withContent(pattern(plane, (i) -> (i % WIDTH) * 8)),
                        PartSpec.image(PixelFormat.G8, WIDTH, HEIGHT).withFlow(2)
                                .withContent(pattern(plane, (i) -> (i / WIDTH) * 10)),
                        PartSpec.image(PixelFormat.B8, WIDTH, HEIGHT).withFlow(3)
                                .withContent(pattern(plane, (i) -> 128)))
                        .withTimestamp(TIMESTAMP_NS))
                .build();
    }

    /**
     * An H.264 part. Its bytes are NAL-unit shaped (start codes, SPS/PPS/IDR nal_unit_type bytes)
     * but NOT a decodable stream: the sample shows the header fields, not video.
     */
    public static ContainerSpec h264() {
        byte[] nal = {
            0, 0, 0, 1, 0x67, 66, (byte) 0xC0, 31, 0x11, 0x22, // SPS: baseline, level 3.1 (placeholder body)
            0, 0, 0, 1, 0x68, (byte) 0xCE, 0x3C, (byte) 0x80,  // PPS (placeholder body)
            0, 0, 0, 1, 0x65, (byte) 0x88, (byte) 0x84, 0x00, 0x33, 0x44, 0x55, 0x66 // IDR slice (placeholder)
        };
        return ContainerSpec.builder().id(3).timestampPtp(true)
                .add(ComponentSpec.of(ComponentTypeIds.INTENSITY, PixelFormat.YUV422_8,
                        PartSpec.h264(PixelFormat.YUV422_8, 1280, 720, H264Parameters.constrainedBaseline(), nal))
                        .withTimestamp(TIMESTAMP_NS))
                .build();
    }

    /** A GenICam chunk as GenDC chunk metadata carries it: data, then chunk id (LE u32), length (LE u32). */
    static byte[] chunk(int chunkId, byte[] data) {
        byte[] out = new byte[data.length + 8];
        System.arraycopy(data, 0, out, 0, data.length);
        byte[] tail = longLe((chunkId & 0xFFFF_FFFFL) | ((long) data.length << 32));
        System.arraycopy(tail, 0, out, data.length, 8);
        return out;
    }

    private static byte[] longLe(long v) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (v >>> (8 * i));
        }
        return b;
    }

    private static byte[] pattern(long size, java.util.function.IntUnaryOperator f) {
        byte[] b = new byte[Math.toIntExact(size)];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) f.applyAsInt(i);
        }
        return b;
    }

    /** Writes every sample into {@code args[0]} (default {@code samples}). */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "samples");
        Files.createDirectories(dir);
        for (Map.Entry<String, ContainerSpec> e : all().entrySet()) {
            Files.write(dir.resolve(e.getKey()), e.getValue().toByteArray());
            System.out.println("wrote " + dir.resolve(e.getKey()) + " (" + e.getValue().linearSize() + " bytes)");
        }
        Files.writeString(dir.resolve("README.md"), README, StandardCharsets.UTF_8);
    }

    private static final String README = """
            # Sample GenDC containers

            Made by `io.gevgate.gendc.samples.SampleContainers` (the test `SampleFilesTest` checks these
            files are exactly what it builds). Inspect one with `./gevgate gendc inspect FILE [--json]`.

            | file | what |
            |---|---|
            | `intensity-range-confidence.gendc` | Mono8 intensity, Coord3D_C16 range, Confidence8 confidence (32x24) and a chunk metadata component; linear, one flow |
            | `planar-rgb.gendc` | one RGB8_Planar component as three parts R8/G8/B8, each plane in its own flow (1-3) |
            | `h264.gendc` | one H.264 part (1280x720, constrained baseline, level 3.1); its bytes are NAL-unit shaped placeholders, not decodable video |
            """;
}
