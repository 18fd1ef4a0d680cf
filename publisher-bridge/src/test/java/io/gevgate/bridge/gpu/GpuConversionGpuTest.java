package io.gevgate.bridge.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gevgate.bridge.convert.InputLayout;
import io.gevgate.bridge.convert.Nv12Geometry;
import io.gevgate.bridge.convert.OutputFormat;
import io.gevgate.bridge.convert.YuvMatrix;
import io.gevgate.bridge.convert.YuvRange;
import io.gevgate.bridge.memory.CudaVmmSlotMemory;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every GPU kernel against the CPU reference on the real device: random frames of odd sizes
 * (1921x1083 for every layout that allows it, small random sizes for every matrix/range), random
 * stride/pitch padding, poisoned destination buffers, every byte compared (padding and tails must
 * stay poisoned). Covers the host-frame path (pinned H2D + kernel), the device-to-device path, the
 * NATIVE pitched copy, and a CUDA VMM ring slot as destination. Failures list the first differing
 * bytes of every failing case so one run's output is enough to locate a problem.
 */
@Tag("gpu")
class GpuConversionGpuTest {

    private static final long SEED = 0x6770_7574_6573_74L;
    private static GpuDevice device;

    @BeforeAll
    static void openDevice() {
        GpuProbe probe = GpuRuntime.probe();
        System.out.println("GPU probe: " + probe.describe());
        assumeTrue(probe.available(), probe.describe());
        device = GpuRuntime.open(0);
        System.out.println("GPU device: " + device);
        System.out.println("GPU kernels: " + device.kernelOrigin());
    }

    @AfterAll
    static void closeDevice() {
        if (device != null) {
            device.close();
        }
    }

    /**
     * HOST: pinned H2D then kernel. DEVICE: source already in device memory. PRELOADED: the first
     * third of the source is preloaded (GpuConverter.preload, as the gateway does while a frame
     * arrives), then those host bytes are overwritten and the submit names them as preloaded: the
     * output must still be the original's, so the prefix really came from the preload and only
     * the rest was copied. STALE_PRELOAD: garbage is preloaded, the real frame written, and the
     * submit names nothing preloaded: the stale prefix must not leak into the output.
     */
    private enum Path { HOST, DEVICE, PRELOADED, STALE_PRELOAD }

    /** Runs one case on the GPU and returns "" or the diff. */
    private static String run(ConversionCase c, Path path) {
        try (Arena arena = Arena.ofConfined();
             GpuConverter converter = device.converter(c.spec(), c.output(), 2, c.tile());
             PinnedBuffer src = device.allocatePinned(c.source().length);
             DeviceBuffer srcDevice = device.allocateDevice(c.source().length);
             DeviceBuffer dst0 = device.allocateDevice(c.poison0().length);
             DeviceBuffer dst1 = device.allocateDevice(Math.max(1, c.poison1().length))) {
            MemorySegment.copy(c.source(), 0, src.segment(), ValueLayout.JAVA_BYTE, 0, c.source().length);
            dst0.upload(0, arena.allocate(c.poison0().length).copyFrom(MemorySegment.ofArray(c.poison0())));
            if (c.poison1().length > 0) {
                dst1.upload(0, arena.allocate(c.poison1().length).copyFrom(MemorySegment.ofArray(c.poison1())));
            }
            GpuCompletion done;
            if (path == Path.HOST) {
                done = converter.submit(src.segment(), c.srcStride(), dst0.address(), c.pitch0(), dst1.address(), c.pitch1());
            } else if (path == Path.PRELOADED || path == Path.STALE_PRELOAD) {
                // as in the gateway, earlier frames of this stride have sized the staging buffer
                // (a reallocation drops the preloaded prefix, and the submit then copies all):
                // one plain conversion first, then the outputs are poisoned again
                converter.submit(src.segment(), c.srcStride(), dst0.address(), c.pitch0(), dst1.address(), c.pitch1())
                        .await();
                dst0.upload(0, arena.allocate(c.poison0().length).copyFrom(MemorySegment.ofArray(c.poison0())));
                if (c.poison1().length > 0) {
                    dst1.upload(0, arena.allocate(c.poison1().length).copyFrom(MemorySegment.ofArray(c.poison1())));
                }
                long third = c.source().length / 3;
                if (path == Path.STALE_PRELOAD) {
                    src.segment().fill((byte) 0x5A);
                }
                long pre = converter.preload(src.segment().address(), 0, third);
                pre = pre > 0 ? converter.preload(src.segment().address(), pre, 2 * third) : 0;
                converter.synchronize();
                if (path == Path.STALE_PRELOAD) {
                    MemorySegment.copy(c.source(), 0, src.segment(), ValueLayout.JAVA_BYTE, 0, c.source().length);
                    pre = 0;
                } else if (pre > 0) {
                    src.segment().asSlice(0, pre).fill((byte) 0xA5);
                }
                done = converter.submit(src.segment(), c.srcStride(), dst0.address(), c.pitch0(), dst1.address(), c.pitch1(),
                        pre);
            } else {
                srcDevice.upload(0, src.segment());
                done = converter.submitDevice(srcDevice.address(), c.srcStride(), dst0.address(), c.pitch0(),
                        dst1.address(), c.pitch1());
            }
            done.await();
            assertThat(done.isDone()).isTrue();
            assertThat(done.isSourceReleased()).isTrue();
            MemorySegment out0 = arena.allocate(c.poison0().length);
            dst0.download(0, out0);
            byte[] actual1 = new byte[c.poison1().length];
            if (actual1.length > 0) {
                MemorySegment out1 = arena.allocate(actual1.length);
                dst1.download(0, out1);
                actual1 = out1.toArray(ValueLayout.JAVA_BYTE);
            }
            if (path != Path.DEVICE) {
                assertThat(converter.unpinnedSubmits()).as("pinned source counted as pinned").isZero();
            }
            return c.diff(out0.toArray(ValueLayout.JAVA_BYTE), actual1);
        }
    }

    private static void runAll(List<ConversionCase> cases, Path path) {
        List<String> failures = new ArrayList<>();
        for (ConversionCase c : cases) {
            String diff;
            try {
                diff = run(c, path);
            } catch (RuntimeException e) {
                diff = "threw " + e;
            }
            if (!diff.isEmpty()) {
                String line = path + " " + c + " [" + (c.output() == OutputFormat.NATIVE ? "pitched copy"
                        : c.plan()) + "]: " + diff;
                if (failures.size() < 30) {
                    System.out.println("MISMATCH " + line);
                }
                failures.add(line);
            }
        }
        System.out.printf("%s path: %d cases, %d mismatching%n", path, cases.size(), failures.size());
        assertThat(failures.size()).as("GPU conversions that differ from the CPU reference (first: "
                + failures.stream().limit(3).toList() + ")").isZero();
    }

    @Test
    void smallRandomFramesOfEveryLayoutMatrixAndRangeFromHostMemory() {
        RandomGenerator random = RandomGeneratorFactory.of("L64X128MixRandom").create(SEED);
        System.out.printf("seed 0x%X%n", SEED);
        runAll(ConversionCase.all(random, 2, 67, 29), Path.HOST);
    }

    @Test
    void smallRandomFramesWithAPreloadedPrefixOrAStalePreload() {
        RandomGenerator random = RandomGeneratorFactory.of("L64X128MixRandom").create(SEED + 7);
        List<ConversionCase> cases = ConversionCase.all(random, 1, 67, 29);
        runAll(cases, Path.PRELOADED);
        runAll(cases, Path.STALE_PRELOAD);
    }

    @Test
    void smallRandomFramesFromDeviceMemory() {
        RandomGenerator random = RandomGeneratorFactory.of("L64X128MixRandom").create(SEED + 1);
        System.out.printf("seed 0x%X%n", SEED + 1);
        runAll(ConversionCase.all(random, 1, 67, 29), Path.DEVICE);
    }

    @Test
    void fullSizeOddFramesOfEveryLayout() {
        RandomGenerator random = RandomGeneratorFactory.of("L64X128MixRandom").create(SEED + 2);
        System.out.printf("seed 0x%X%n", SEED + 2);
        List<ConversionCase> cases = new ArrayList<>();
        int i = 0;
        for (InputLayout layout : InputLayout.values()) {
            int width = layout.family() == InputLayout.Family.YUV422 ? 1922 : 1921;
            for (OutputFormat output : OutputFormat.values()) {
                YuvMatrix matrix = YuvMatrix.values()[i % 2];
                YuvRange range = YuvRange.values()[(i / 2) % 2];
                i++;
                cases.add(ConversionCase.random(layout, matrix, range, output, width, 1083, random));
            }
        }
        runAll(cases, Path.HOST);
    }

    @Test
    void everyBayerTileKernelOnAlignedAndPaddedFrames() {
        RandomGenerator random = RandomGeneratorFactory.of("L64X128MixRandom").create(SEED + 5);
        System.out.printf("seed 0x%X%n", SEED + 5);
        // 1921x1083 and 1920x1080 (both tile sizes at full width), small odd and tile-multiple frames
        runAll(ConversionCase.bayerTiles(random, new int[][] {{1921, 1083}, {1920, 1080}, {67, 21}, {64, 16}, {9, 3}}),
                Path.HOST);
    }

    @Test
    void nativeCopiesFromHostAndDevice() {
        RandomGenerator random = RandomGeneratorFactory.of("L64X128MixRandom").create(SEED + 3);
        List<ConversionCase> cases = new ArrayList<>();
        for (InputLayout layout : InputLayout.values()) {
            int w = layout.family() == InputLayout.Family.YUV422 ? 38 : 37;
            cases.add(ConversionCase.random(layout, YuvMatrix.BT601, YuvRange.LIMITED, OutputFormat.NATIVE, w, 11, random));
        }
        runAll(cases, Path.HOST);
        runAll(cases, Path.DEVICE);
    }

    @Test
    void convertsStraightIntoVmmRingSlots() {
        RandomGenerator random = RandomGeneratorFactory.of("L64X128MixRandom").create(SEED + 4);
        ConversionCase c = ConversionCase.random(InputLayout.BAYER_RG12P, YuvMatrix.BT709, YuvRange.LIMITED,
                OutputFormat.NV12, 1921, 1083, random);
        long yBytes = c.poison0().length;
        long uvOffset = (yBytes + 255) & ~255L;
        try (CudaVmmSlotMemory slots = CudaVmmSlotMemory.allocate(0, 3, uvOffset + c.poison1().length);
             Arena arena = Arena.ofConfined();
             GpuConverter converter = device.converter(c.spec(), c.output(), 2);
             PinnedBuffer src = device.allocatePinned(c.source().length)) {
            MemorySegment.copy(c.source(), 0, src.segment(), ValueLayout.JAVA_BYTE, 0, c.source().length);
            for (int slot = 0; slot < 3; slot++) {
                slots.upload(slot, 0, arena.allocate(yBytes).copyFrom(MemorySegment.ofArray(c.poison0())));
                slots.upload(slot, uvOffset, arena.allocate(c.poison1().length).copyFrom(MemorySegment.ofArray(c.poison1())));
            }
            device.synchronize(); // the uploads above ran on the legacy stream; the converter's stream is non-blocking
            // Three frames in flight into three slots before anyone waits: the hot-path pattern.
            GpuCompletion[] done = new GpuCompletion[3];
            for (int slot = 0; slot < 3; slot++) {
                long base = slots.pointer(slot);
                done[slot] = converter.submit(src.segment(), c.srcStride(), base, c.pitch0(), base + uvOffset, c.pitch1());
                if (slot == 1) {
                    assertThat(done[0].sequence()).isZero();
                }
            }
            for (int slot = 0; slot < 3; slot++) {
                done[slot].await();
                MemorySegment y = arena.allocate(yBytes);
                MemorySegment uv = arena.allocate(c.poison1().length);
                slots.download(slot, 0, y);
                slots.download(slot, uvOffset, uv);
                String diff = c.diff(y.toArray(ValueLayout.JAVA_BYTE), uv.toArray(ValueLayout.JAVA_BYTE));
                assertThat(diff).as("VMM slot " + slot + " " + c).isEmpty();
            }
            System.out.printf("VMM slots: 3 frames, ring waits %d (depth 2), Nv12 plane sizes %d/%d%n",
                    converter.ringWaits(), yBytes, (long) Nv12Geometry.uvRows(1083) * c.pitch1());
        }
    }
}
