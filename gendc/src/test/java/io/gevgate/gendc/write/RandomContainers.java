package io.gevgate.gendc.write;

import io.gevgate.gendc.ComponentTypeIds;
import io.gevgate.gendc.pfnc.PixelFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/** Random valid containers for round-trip and mutation tests (small, every part type and layout). */
public final class RandomContainers {
    private static final PixelFormat[] FORMATS = PixelFormat.values();
    private static final long[] TYPE_IDS = {ComponentTypeIds.UNDEFINED, ComponentTypeIds.INTENSITY,
        ComponentTypeIds.INFRARED, ComponentTypeIds.RANGE, ComponentTypeIds.CONFIDENCE,
        ComponentTypeIds.DISPARITY, ComponentTypeIds.METADATA, 0x1234_5678_9ABCL};

    private RandomContainers() {
    }

    public static ContainerSpec next(RandomGenerator r) {
        ContainerSpec.Builder b = ContainerSpec.builder()
                .id(r.nextLong())
                .versionMinor(r.nextInt(2))
                .timestampPtp(r.nextBoolean())
                .dataAlignment(1 << r.nextInt(7))
                .variableFields(r.nextInt(8) == 0 ? 1 + r.nextInt(255) : 0);
        int flows = 1 + r.nextInt(4);
        int components = 1 + r.nextInt(5);
        for (int c = 0; c < components; c++) {
            int partCount = r.nextInt(10) == 0 ? 0 : 1 + r.nextInt(4);
            List<PartSpec> parts = new ArrayList<>();
            for (int p = 0; p < partCount; p++) {
                parts.add(part(r).withFlow(r.nextInt(flows)));
            }
            ComponentSpec comp = new ComponentSpec(TYPE_IDS[r.nextInt(TYPE_IDS.length)],
                    FORMATS[r.nextInt(FORMATS.length)].code(), r.nextInt(6) == 0, r.nextInt(0x10000),
                    r.nextInt(0x10000), r.nextInt(0x10000), r.nextLong(0x1_0000_0000L), r.nextLong(0x1_0000_0000L),
                    r.nextLong(Long.MAX_VALUE), parts);
            b.add(comp);
        }
        return b.build();
    }

    static PartSpec part(RandomGenerator r) {
        PartSpec part = switch (r.nextInt(8)) {
            case 0, 1, 2 -> {
                PixelFormat f = FORMATS[r.nextInt(FORMATS.length)];
                long w = f.widthMultiple() * (long) r.nextInt(9);
                yield PartSpec.image(f, w, r.nextInt(7), r.nextInt(4), r.nextInt(9));
            }
            case 3 -> PartSpec.array1D(FORMATS[r.nextInt(FORMATS.length)], r.nextInt(40), r.nextInt(5));
            case 4 -> PartSpec.chunkMetadata(bytes(r, r.nextInt(48)), r.nextLong());
            case 5 -> PartSpec.genicamXml(bytes(r, r.nextInt(64)), r.nextBoolean(), r.nextBoolean());
            case 6 -> r.nextBoolean()
                    ? PartSpec.jpeg(PixelFormat.RGB8, 1 + r.nextInt(4096), 1 + r.nextInt(4096), bytes(r, r.nextInt(80)))
                    : PartSpec.jpeg2000(PixelFormat.MONO16, 1 + r.nextInt(4096), 1 + r.nextInt(4096),
                            bytes(r, r.nextInt(80)));
            default -> PartSpec.h264(PixelFormat.YUV422_8, 2 * (1 + r.nextInt(2048)), 1 + r.nextInt(2048),
                    new H264Parameters(r.nextInt(256), r.nextInt(16), r.nextInt(3), r.nextInt(256),
                            r.nextInt(0x10000), r.nextInt(0x10000), r.nextLong(0x1_0000_0000L),
                            r.nextLong(0x1_0000_0000L)), bytes(r, r.nextInt(80)));
        };
        if (part.contentUnsafe() == null || r.nextInt(4) == 0) {
            part = part.withContent(bytes(r, (int) part.dataSize()));
        }
        if (r.nextInt(5) == 0) {
            part = part.withInfoReserved(r.nextLong(0x1_0000_0000L));
        }
        return part;
    }

    static byte[] bytes(RandomGenerator r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }
}
