package io.gevgate.bridge.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles the real kernel source with NVRTC on a host without a GPU (deps.md §2.4): JavaCPP's
 * libjnicudart needs libcuda.so.1 at load time, so a child JVM gets an empty stub libcuda.so.1
 * (built here with gcc) on LD_LIBRARY_PATH; NVRTC itself never calls the driver. Skipped when
 * libnvrtc.so.13 is not on this host (it comes with a CUDA toolkit or the 380 MB cuda-redist jar,
 * which the build deliberately does not pull).
 */
class NvrtcStubCompileTest {

    private static Optional<Path> nvrtcDirectory() throws IOException, InterruptedException {
        for (String dir : List.of("/usr/local/cuda/lib64", "/usr/local/cuda/lib", "/usr/local/cuda/targets/x86_64-linux/lib",
                "/usr/lib/x86_64-linux-gnu")) {
            if (Files.exists(Path.of(dir, "libnvrtc.so.13"))) {
                return Optional.of(Path.of(dir));
            }
        }
        Process p = new ProcessBuilder("/sbin/ldconfig", "-p").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(10, TimeUnit.SECONDS);
        return out.lines().filter(l -> l.contains("libnvrtc.so.13 ")).map(l -> Path.of(l.substring(l.indexOf("=> ") + 3).trim()).getParent()).findFirst();
    }

    @Test
    void compilesTheKernelsToCubinWithoutAGpu(@TempDir Path dir) throws Exception {
        Optional<Path> nvrtc = nvrtcDirectory();
        assumeTrue(nvrtc.isPresent(), "libnvrtc.so.13 is not installed on this host (CUDA toolkit's NVRTC or "
                + "cuda-redist needed): NVRTC compile test skipped; nvcc/host-emulation checks still run");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/gcc")), "gcc missing: cannot build the stub libcuda.so.1");
        Path stub = Files.createDirectories(dir.resolve("stub"));
        Path empty = dir.resolve("empty.c");
        Files.writeString(empty, "/* stub libcuda.so.1: satisfies the loader; no function is ever called */\n"
                + "int gevgate_stub_libcuda;\n");
        Process gcc = new ProcessBuilder("/usr/bin/gcc", "-shared", "-fPIC", "-Wl,-soname,libcuda.so.1",
                "-o", stub.resolve("libcuda.so.1").toString(), empty.toString()).redirectErrorStream(true).start();
        String gccLog = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(gcc.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(gcc.exitValue()).as(gccLog).isZero();

        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder child = new ProcessBuilder(java.toString(), "--enable-native-access=ALL-UNNAMED",
                "-Dorg.bytedeco.javacpp.cachedir=" + dir.resolve("javacpp"),
                "-cp", System.getProperty("java.class.path"), NvrtcCompileMain.class.getName(),
                dir.resolve("cubin").toString(), "sm_90").redirectErrorStream(true);
        child.environment().put("LD_LIBRARY_PATH", stub + ":" + nvrtc.get());
        Process p = child.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).as("NVRTC child finished").isTrue();
        System.out.println(out);
        assertThat(p.exitValue()).as("NVRTC child exit; output:\n" + out).isZero();
        assertThat(out).contains("CUBIN sm_90").contains("compiled elf=true").contains("cached elf=true");
        try (Stream<Path> files = Files.list(dir.resolve("cubin"))) {
            assertThat(files.filter(f -> f.toString().endsWith(".cubin")).count()).isEqualTo(1);
        }
    }
}
