package io.gevgate.bridge.gateway;

import io.gevgate.bridge.cli.Main;
import io.gevgate.bridge.gpu.GpuDeviceInfo;
import io.gevgate.bridge.gpu.GpuProbe;
import io.gevgate.bridge.gpu.GpuRuntime;
import io.gevgate.bridge.memory.SlotMemoryKind;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** The GPU/CPU selection rule with fake probes, and on this (GPU-less CI) host through the real probe and CLI. */
class ConversionPathTest {
    static final GpuProbe NO_GPU = new GpuProbe(false, "/dev/nvidiactl does not exist", 0, List.of());
    static final GpuProbe ONE_H100 = new GpuProbe(true, null, 13000,
            List.of(new GpuDeviceInfo(0, "NVIDIA H100 80GB HBM3", 9, 0, 80L << 30)));

    @Test
    void automaticWithoutGpuIsTheCpuPathWithTheProbeReason() {
        ConversionPath p = ConversionPath.choose(null, false, () -> NO_GPU);
        assertThat(p.gpu()).isFalse();
        assertThat(p.label()).isEqualTo("cpu");
        assertThat(p.reason()).isEqualTo("CPU conversion, memfd slots (no GPU: /dev/nvidiactl does not exist)");
        assertThat(SlotWriters.slotMemory(p)).isEqualTo(SlotMemoryKind.MEMFD);
    }

    @Test
    void automaticWithGpuIsDeviceZeroWithVmmSlots() {
        ConversionPath p = ConversionPath.choose(null, false, () -> ONE_H100);
        assertThat(p.gpu()).isTrue();
        assertThat(p.device()).isZero();
        assertThat(p.label()).isEqualTo("gpu:0");
        assertThat(p.reason()).startsWith("GPU conversion on CUDA device 0 (CUDA device 0: NVIDIA H100").endsWith("(CUDA device found)");
        assertThat(SlotWriters.slotMemory(p)).isEqualTo(SlotMemoryKind.CUDA_VMM);
    }

    @Test
    void noGpuForcesTheCpuPathWithoutProbing() {
        AtomicInteger probes = new AtomicInteger();
        ConversionPath p = ConversionPath.choose(null, true, () -> {
            probes.incrementAndGet();
            return ONE_H100;
        });
        assertThat(p.gpu()).isFalse();
        assertThat(p.reason()).contains("--no-gpu");
        assertThat(probes).hasValue(0);
    }

    @Test
    void deviceWithoutGpuFailsInsteadOfFallingBack() {
        assertThatThrownBy(() -> ConversionPath.choose(0, false, () -> NO_GPU))
                .isInstanceOf(GatewayException.class)
                .hasMessage("--device 0: no usable CUDA device (/dev/nvidiactl does not exist); "
                        + "run without --device (or with --no-gpu) for the CPU path");
    }

    @Test
    void deviceOutOfRangeNamesTheDeviceCount() {
        assertThatThrownBy(() -> ConversionPath.choose(1, false, () -> ONE_H100))
                .isInstanceOf(GatewayException.class)
                .hasMessage("--device 1: the CUDA driver reports 1 device(s) (0..0)");
        assertThat(ConversionPath.choose(0, false, () -> ONE_H100).reason()).endsWith("(--device 0)");
    }

    @Test
    void deviceAndNoGpuTogetherAreRejected() {
        assertThatThrownBy(() -> ConversionPath.choose(0, true, () -> ONE_H100))
                .isInstanceOf(GatewayException.class).hasMessageContaining("exclude each other");
    }

    @Test
    void gatewayOnThisHostReportsItsPath() {
        GpuProbe real = GpuRuntime.probe();
        ConversionPath p = new Gateway(new GatewayOptions()).conversionPath();
        assertThat(p.gpu()).isEqualTo(real.available());
        if (!real.available()) {
            assertThat(p.reason()).isEqualTo("CPU conversion, memfd slots (no GPU: " + real.reason() + ")");
        }
        assertThat(new Gateway(new GatewayOptions().noGpu(true)).conversionPath().gpu()).isFalse();
    }

    @Test
    void runWithDeviceOnAGpuLessHostFailsWithOneLine() {
        assumeFalse(GpuRuntime.probe().available(), "this host has a CUDA device");
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            status = Main.run("run", "--device", "0", "--frames", "1", "--quiet");
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        String e = err.toString(StandardCharsets.UTF_8);
        assertThat(status).isNotZero();
        assertThat(e.strip().lines()).hasSize(1);
        assertThat(e).contains("--device 0: no usable CUDA device").contains("--no-gpu");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}
