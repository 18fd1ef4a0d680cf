package io.gevgate.gendc.write;

import io.gevgate.gendc.ComponentTypeIds;
import io.gevgate.gendc.pfnc.PixelFormat;
import java.nio.charset.StandardCharsets;

/** Fixed containers shared by tests and benchmarks. */
public final class TestContainers {
    private TestContainers() {
    }

    /**
     * 4 components, 7 parts, 4 flows: Mono8 intensity (flow 1), Coord3D_C16 range (flow 2),
     * RGB8_Planar as R8/G8/B8 (flow 3), metadata with chunk data and GenICam XML (flow 0).
     */
    public static ContainerSpec fourComponentsSevenParts() {
        int w = 16;
        int h = 8;
        byte[] xml = "<RegisterDescription/>".getBytes(StandardCharsets.US_ASCII);
        byte[] chunk = {1, 2, 3, 4, 5, 6, 7, 8, 0x78, 0x56, 0x34, 0x12, 8, 0, 0, 0};
        return ContainerSpec.builder().id(42).timestampPtp(true)
                .add(ComponentSpec.of(ComponentTypeIds.INTENSITY, PixelFormat.MONO8,
                        PartSpec.image(PixelFormat.MONO8, w, h).withFlow(1)).withTimestamp(1000))
                .add(ComponentSpec.of(ComponentTypeIds.RANGE, PixelFormat.COORD3D_C16,
                        PartSpec.image(PixelFormat.COORD3D_C16, w, h, 2, 4).withFlow(2)).withTimestamp(1000))
                .add(ComponentSpec.of(ComponentTypeIds.INTENSITY, PixelFormat.RGB8_PLANAR,
                        PartSpec.image(PixelFormat.R8, w, h).withFlow(3),
                        PartSpec.image(PixelFormat.G8, w, h).withFlow(3),
                        PartSpec.image(PixelFormat.B8, w, h).withFlow(3)).withTimestamp(1000))
                .add(ComponentSpec.of(ComponentTypeIds.METADATA, PixelFormat.DATA8,
                        PartSpec.chunkMetadata(chunk, 7),
                        PartSpec.genicamXml(xml, false, true)).withTimestamp(1000))
                .build();
    }
}
