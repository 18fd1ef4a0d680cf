package io.gevgate.bridge.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs conversions.cu's kernels compiled as plain C++ (g++, with AddressSanitizer and UBSan) over
 * exactly the grid {@link KernelPlan} launches on the GPU, for every layout x NV12/RGBA x matrix x
 * range on random odd-sized frames with padded strides/pitches and poisoned destinations, and
 * compares every byte with the CPU reference. Buffers are exactly as large as the frame needs, so
 * any read or write outside them is an ASan error. This checks the kernels' arithmetic and bounds
 * on machines without a GPU; GpuConversionGpuTest checks the real device.
 */
class KernelHostEmulationTest {

    private static final long SEED = 0x67_7075_6B65_726EL;

    @Test
    void everyKernelMatchesTheCpuReferenceByteForByte(@TempDir Path dir) throws Exception {
        Path gxx = Path.of("/usr/bin/g++");
        assumeTrue(Files.isExecutable(gxx), "g++ not installed: cannot build the kernel host emulation");
        Files.write(dir.resolve("conversions.cu"), GpuKernels.source().getBytes(StandardCharsets.UTF_8));
        try (InputStream in = KernelHostEmulationTest.class.getResourceAsStream("host_emulation.cpp")) {
            Files.write(dir.resolve("host_emulation.cpp"), in.readAllBytes());
        }
        Path exe = dir.resolve("host_emulation");
        Process build = new ProcessBuilder(gxx.toString(), "-O0", "-Wall", "-Werror", "-Wno-unknown-pragmas", // -O0: 3 s to build instead of 50 s
                
                "-fsanitize=address,undefined", "-fno-sanitize-recover=all", "-I" + dir,
                "-o", exe.toString(), dir.resolve("host_emulation.cpp").toString())
                .redirectErrorStream(true).start();
        String buildLog = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(build.waitFor(120, TimeUnit.SECONDS)).as("g++ finished").isTrue();
        assertThat(build.exitValue()).as("g++ build of the host emulation:\n" + buildLog).isZero();

        System.out.printf("seed 0x%X%n", SEED);
        RandomGenerator random = RandomGeneratorFactory.of("L64X128MixRandom").create(SEED);
        List<ConversionCase> cases = ConversionCase.all(random, 2, 41, 13);
        cases.add(ConversionCase.random(io.gevgate.bridge.convert.InputLayout.BAYER_GB12P,
                io.gevgate.bridge.convert.YuvMatrix.BT709, io.gevgate.bridge.convert.YuvRange.FULL,
                io.gevgate.bridge.convert.OutputFormat.NV12, 193, 67, random));
        // Every Bayer -> NV12 tile kernel on aligned and unaligned rows, tile multiples and odd sizes;
        // 300 columns span two 256-column blocks of the block-shared kernels.
        cases.addAll(ConversionCase.bayerTiles(random, new int[][] {{64, 16}, {67, 21}, {90, 10}, {41, 7}, {2, 2}, {9, 3}, {300, 37}}));

        Process run = new ProcessBuilder(exe.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        List<String> failures = new ArrayList<>();
        try (Arena arena = Arena.ofShared()) {
            MemorySegment params = arena.allocate(KernelParams.SIZE, 8); // filled by the writer thread only
            // Writer thread: the harness answers each case before reading the next, but pipes are
            // bounded, so write and read concurrently.
            Thread writer = Thread.ofPlatform().start(() -> {
                try (OutputStream out = run.getOutputStream()) {
                    for (ConversionCase c : cases) {
                        KernelPlan plan = c.plan();
                        params.fill((byte) 0);
                        KernelParams.writeConstant(params, plan);
                        KernelParams.writeAddresses(params, 0, c.srcStride(), 0, c.pitch0(), 0, c.pitch1());
                        byte[] name = plan.kernel().getBytes(StandardCharsets.US_ASCII);
                        ByteBuffer head = ByteBuffer.allocate(4 + name.length + KernelParams.SIZE + 16)
                                .order(ByteOrder.LITTLE_ENDIAN);
                        head.putInt(name.length).put(name).put(params.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE));
                        head.putInt(plan.gridX()).putInt(plan.gridY()).putInt(plan.blockX()).putInt(plan.blockY());
                        out.write(head.array());
                        for (byte[] b : new byte[][] {c.source(), c.poison0(), c.poison1()}) {
                            out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(b.length).array());
                            out.write(b);
                        }
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            DataInputStream in = new DataInputStream(run.getInputStream());
            for (ConversionCase c : cases) {
                byte[] actual0 = new byte[c.poison0().length];
                byte[] actual1 = new byte[c.poison1().length];
                try {
                    in.readFully(actual0);
                    in.readFully(actual1);
                } catch (java.io.EOFException e) {
                    run.waitFor(10, TimeUnit.SECONDS);
                    throw new AssertionError("host emulation died at case " + c + " (exit "
                            + (run.isAlive() ? "still running" : run.exitValue()) + "; see stderr for ASan/UBSan)", e);
                }
                String diff = c.diff(actual0, actual1);
                if (!diff.isEmpty()) {
                    failures.add(c + " [" + c.plan() + "]: " + diff);
                }
            }
            writer.join(60_000);
        } finally {
            run.getOutputStream().close();
            if (!run.waitFor(30, TimeUnit.SECONDS)) {
                run.destroyForcibly();
            }
        }
        assertThat(run.exitValue()).as("host emulation exit status").isZero();
        System.out.printf("host emulation: %d cases, %d kernels, %d mismatching%n", cases.size(),
                KernelPlan.allKernelNames().size(), failures.size());
        failures.stream().limit(30).forEach(f -> System.out.println("MISMATCH " + f));
        assertThat(failures.size()).as("kernels that differ from the CPU reference (first: "
                + failures.stream().limit(3).toList() + ")").isZero();
    }
}
