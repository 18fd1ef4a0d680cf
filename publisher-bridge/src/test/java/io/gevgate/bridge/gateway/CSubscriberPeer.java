package io.gevgate.bridge.gateway;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Builds the C conformance subscriber (src/test/c/cuframes_sub.c) once; tests skip without gcc. */
final class CSubscriberPeer {
    private static Path binary;

    private CSubscriberPeer() {
    }

    static synchronized Path build() throws Exception {
        if (binary != null) {
            return binary;
        }
        boolean gcc;
        try {
            Process p = new ProcessBuilder("gcc", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            gcc = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            gcc = false;
        }
        assumeTrue(gcc, "gcc is not installed: the C subscriber cannot be built (CI installs gcc)");
        Path out = Path.of("target/c-gateway");
        Files.createDirectories(out);
        Path bin = out.resolve("cuframes_sub");
        Process p = new ProcessBuilder("gcc", "-std=gnu11", "-O2", "-Wall", "-Wextra", "-Werror", "-pthread",
                "-o", bin.toString(), "src/test/c/cuframes_sub.c", "-lrt", "-ldl").redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("gcc failed:\n" + text);
        }
        binary = bin;
        return bin;
    }
}
