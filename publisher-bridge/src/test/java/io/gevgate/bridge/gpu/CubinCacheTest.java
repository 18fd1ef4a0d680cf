package io.gevgate.bridge.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CubinCacheTest {

    @Test
    void keyChangesWithArchitectureAndCompilerVersion() {
        String a = GpuKernels.key("sm_90", "13.0");
        assertThat(a).hasSize(64).isEqualTo(GpuKernels.key("sm_90", "13.0"));
        assertThat(GpuKernels.key("sm_89", "13.0")).isNotEqualTo(a);
        assertThat(GpuKernels.key("sm_90", "13.1")).isNotEqualTo(a);
        assertThat(CubinCache.fileName("conversions", "sm_90", "13.0", a))
                .startsWith("conversions-sm_90-nvrtc13.0-").endsWith(".cubin");
    }

    @Test
    void roundTripAndNoPartialFiles(@TempDir Path dir) throws Exception {
        CubinCache cache = new CubinCache(dir.resolve("c"));
        assertThat(cache.read("x.cubin")).isEmpty();
        assertThat(cache.write("x.cubin", new byte[] {0x7F, 'E', 'L', 'F'})).isTrue();
        assertThat(cache.read("x.cubin")).hasValueSatisfying(b -> assertThat(b).containsExactly(0x7F, 'E', 'L', 'F'));
        try (var files = Files.list(dir.resolve("c"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("x.cubin");
        }
    }

    @Test
    void unwritableCacheIsNotAnError(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("not-a-dir");
        Files.writeString(file, "x");
        CubinCache cache = new CubinCache(file.resolve("sub"));
        assertThat(cache.write("x.cubin", new byte[] {1})).isFalse();
        assertThat(cache.read("x.cubin")).isEmpty();
    }

    @Test
    void kernelSourceIsTheResourceAndNamesEveryPlannedKernel() {
        String source = GpuKernels.source();
        assertThat(source).contains("struct Params").contains("GEVGATE_KERNELS");
        // Maven resource filtering must not have touched the source (no ${...} or @...@ in it).
        assertThat(source).doesNotContain("${");
        // 7 Bayer decoders (u8, u16_10/12, lsb_10/12, gev_10/12) x (RGBA + one NV12 kernel per tile),
        // 8 mono decoders x (NV12, RGBA), RGB and YUV x (NV12, RGBA)
        int tiles = KernelPlan.BayerTile.values().length;
        assertThat(KernelPlan.allKernelNames()).hasSize(7 * (1 + tiles) + 8 * 2 + 4).allMatch(n -> n.startsWith("gg_"));

    }
}
