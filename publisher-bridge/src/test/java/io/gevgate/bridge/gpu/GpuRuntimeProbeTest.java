package io.gevgate.bridge.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** GPU detection on a host without a GPU: a reason, never a crash, and a typed failure from open(). */
class GpuRuntimeProbeTest {

    private static boolean hostHasNvidiaDriver() {
        return Files.exists(Path.of("/dev/nvidiactl"));
    }

    @Test
    void withoutDeviceNodesTheProbeSaysWhyAndOpenFailsTyped() {
        assumeFalse(hostHasNvidiaDriver(), "this host has an NVIDIA driver: GpuConversionGpuTest covers it");
        GpuProbe probe = GpuRuntime.probe();
        assertThat(probe.available()).isFalse();
        assertThat(probe.devices()).isEmpty();
        assertThat(probe.describe()).startsWith("no CUDA device: ").contains("/dev/nvidiactl");
        assertThatThrownBy(() -> GpuRuntime.open(0))
                .isInstanceOf(GpuUnavailableException.class)
                .hasMessageStartingWith("no CUDA device: ");
    }

    @Test
    void missingDriverLibraryIsReportedNotThrown() {
        assumeFalse(hostHasNvidiaDriver(), "this host has an NVIDIA driver");
        assumeFalse(Files.exists(Path.of("/usr/lib/x86_64-linux-gnu/libcuda.so.1"))
                || Files.exists(Path.of("/lib/x86_64-linux-gnu/libcuda.so.1")), "libcuda.so.1 is installed here");
        String old = System.getProperty("gevgate.gpu.assumeDeviceNodes");
        System.setProperty("gevgate.gpu.assumeDeviceNodes", "true");
        try {
            // First call: UnsatisfiedLinkError while JavaCPP loads libjnicudart (needs libcuda.so.1);
            // second call: NoClassDefFoundError for the half-initialised class. Both are reasons.
            for (int i = 0; i < 2; i++) {
                GpuProbe probe = GpuRuntime.probe();
                System.out.println("probe " + i + ": " + probe.describe());
                assertThat(probe.available()).isFalse();
                assertThat(probe.reason()).contains("cannot load the CUDA libraries");
            }
        } finally {
            if (old == null) {
                System.clearProperty("gevgate.gpu.assumeDeviceNodes");
            } else {
                System.setProperty("gevgate.gpu.assumeDeviceNodes", old);
            }
        }
    }
}
