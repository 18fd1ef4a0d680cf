package io.gevgate.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** tshark for conformance tests: where it is installed, and running it to its non-blank output lines. */
public final class Tshark {
    private Tshark() {
    }

    /** The first executable {@code tshark} on PATH, or null when it is not installed. */
    public static String find() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            File f = new File(dir, "tshark");
            if (f.canExecute()) {
                return f.getPath();
            }
        }
        return null;
    }

    /** Runs {@code cmd} (at most 60 s), asserts exit status 0, and returns its non-blank stdout lines. */
    public static List<String> run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).start();
        try {
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as("tshark exit; stderr: %s", err).isZero();
            List<String> lines = new ArrayList<>();
            for (String l : new String(out, StandardCharsets.UTF_8).split("\n")) {
                if (!l.isBlank()) {
                    lines.add(l);
                }
            }
            return lines;
        } finally {
            p.destroyForcibly();
        }
    }
}
