package io.gevgate.bridge.gateway;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Builds the C conformance subscriber (src/test/c/cuframes_sub.c) once (tests skip without gcc)
 * and runs it with its output collected line by line.
 */
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

    /** A running C subscriber: its process and every line it printed so far. */
    record Running(Process process, List<String> lines, Thread reader) {
        /** Waits for the process to end (false on timeout), then for the last of its output. */
        boolean awaitExit(long seconds) throws InterruptedException {
            boolean ended = process.waitFor(seconds, TimeUnit.SECONDS);
            if (ended) {
                reader.join(5000);
            }
            return ended;
        }

        String lastLine() {
            return lines.isEmpty() ? "" : lines.getLast();
        }
    }

    /** Starts the C subscriber with {@code args} (DIR KEY COUNT MODE TIMEOUT_MS [DUMP]) and collects its output. */
    static Running start(String... args) throws Exception {
        String[] cmd = new String[args.length + 1];
        cmd[0] = build().toString();
        System.arraycopy(args, 0, cmd, 1, args.length);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = Thread.ofVirtual().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l; (l = r.readLine()) != null; ) {
                    lines.add(l);
                }
            } catch (IOException ignored) {
                // process ended
            }
        });
        return new Running(p, lines, reader);
    }
}
