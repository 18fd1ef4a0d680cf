package io.gevgate.gendc.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.gevgate.gendc.ComponentTypeIds;
import io.gevgate.gendc.pfnc.PixelFormat;
import io.gevgate.gendc.read.ContainerView;
import io.gevgate.gendc.write.ContainerSpec;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The files under samples/ are valid and exactly what {@link SampleContainers} builds
 * (regenerate with its main method if the builder changes on purpose).
 */
class SampleFilesTest {
    /** Surefire runs in the module folder; the samples are in the repository root. */
    private static final Path SAMPLES = Path.of("..", "samples");

    @Test
    void committedSamplesEqualTheBuilderOutputAndAreValid() throws Exception {
        Map<String, ContainerSpec> all = SampleContainers.all();
        assertThat(all).containsKey("intensity-range-confidence.gendc");
        for (Map.Entry<String, ContainerSpec> e : all.entrySet()) {
            Path file = SAMPLES.resolve(e.getKey());
            assertThat(file).as("regenerate with SampleContainers.main").exists();
            byte[] onDisk = Files.readAllBytes(file);
            assertThat(onDisk).as(e.getKey() + " differs from SampleContainers' output").isEqualTo(
                    e.getValue().toByteArray());
            new ContainerView().wrap(MemorySegment.ofArray(onDisk)).requireFinal();
        }
    }

    @Test
    void intensityRangeConfidenceHasTheComponentsItsNameSays() throws Exception {
        byte[] bytes = SampleContainers.intensityRangeConfidence().toByteArray();
        ContainerView v = new ContainerView().wrap(MemorySegment.ofArray(bytes));
        assertThat(v.componentCount()).isEqualTo(4);
        assertThat(v.component(v.findComponent(ComponentTypeIds.INTENSITY, true)).format())
                .isEqualTo(PixelFormat.MONO8.code());
        assertThat(v.component(v.findComponent(ComponentTypeIds.RANGE, true)).format())
                .isEqualTo(PixelFormat.COORD3D_C16.code());
        assertThat(v.findComponent(ComponentTypeIds.CONFIDENCE, true)).isEqualTo(2);
        assertThat(v.findComponent(ComponentTypeIds.METADATA, true)).isEqualTo(3);
        // range pixel (1, 1) = 1000 + 4 + 2 mm, little-endian u16
        MemorySegment range = v.component(1).part(0).data();
        int offset = 2 * (SampleContainers.WIDTH + 1);
        assertThat((range.get(java.lang.foreign.ValueLayout.JAVA_BYTE, offset) & 0xFF)
                | (range.get(java.lang.foreign.ValueLayout.JAVA_BYTE, offset + 1) & 0xFF) << 8).isEqualTo(1006);
    }

    @Test
    void planarRgbIsThreePartsInThreeFlows() throws Exception {
        ContainerSpec spec = SampleContainers.planarRgb();
        ContainerView v = new ContainerView().wrap(MemorySegment.ofArray(spec.toByteArray()));
        assertThat(v.component(0).format()).isEqualTo(PixelFormat.RGB8_PLANAR.code());
        assertThat(v.component(0).partCount()).isEqualTo(3);
        assertThat(v.component(0).part(0).format()).isEqualTo(PixelFormat.R8.code());
        assertThat(v.component(0).part(1).format()).isEqualTo(PixelFormat.G8.code());
        assertThat(v.component(0).part(2).format()).isEqualTo(PixelFormat.B8.code());
        assertThat(v.component(0).part(2).flowId()).isEqualTo(3);
        assertThat(spec.flowCount()).isEqualTo(4);
    }
}
