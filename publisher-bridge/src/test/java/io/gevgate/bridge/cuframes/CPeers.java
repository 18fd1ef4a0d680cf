package io.gevgate.bridge.cuframes;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Builds the C conformance peers from src/test/c with gcc (tests skip when gcc is missing). */
final class CPeers {
    static final Path SOURCES = Path.of("src/test/c");
    static final Path OUT = Path.of("target/c-conformance");
    private static Path sub;
    private static Path pub;

    private CPeers() {
    }

    static boolean gccAvailable() {
        try {
            Process p = new ProcessBuilder("gcc", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    static synchronized void build() throws Exception {
        assumeTrue(gccAvailable(), "gcc is not installed: the C conformance peers cannot be built (CI installs gcc)");
        if (sub != null) {
            return;
        }
        Files.createDirectories(OUT);
        sub = compile("cuframes_sub");
        pub = compile("cuframes_pub");
    }

    private static Path compile(String name) throws Exception {
        Path bin = OUT.resolve(name);
        Process p = new ProcessBuilder("gcc", "-std=gnu11", "-O2", "-Wall", "-Wextra", "-Werror", "-pthread",
                "-o", bin.toString(), SOURCES.resolve(name + ".c").toString(), "-lrt", "-ldl")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("gcc failed for " + name + ":\n" + out);
        }
        return bin;
    }

    static Path sub() {
        return sub;
    }

    static Path pub() {
        return pub;
    }

    /** A running peer whose stdout lines are collected by a reader thread. */
    static final class Peer implements AutoCloseable {
        final Process process;
        final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        final List<String> all = java.util.Collections.synchronizedList(new ArrayList<>());

        Peer(String... cmd) throws Exception {
            process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            CompletableFuture.runAsync(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String l; (l = r.readLine()) != null; ) {
                        all.add(l);
                        lines.add(l);
                    }
                } catch (java.io.IOException ignored) {
                    // process ended
                }
            });
        }

        String await(String prefix, long timeoutMs) throws InterruptedException {
            long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
            while (true) {
                long left = deadline - System.nanoTime();
                String l = left > 0 ? lines.poll(left, TimeUnit.NANOSECONDS) : null;
                if (l == null) {
                    throw new AssertionError("no line starting with '" + prefix + "' within " + timeoutMs + " ms; output:\n"
                            + String.join("\n", all));
                }
                if (l.startsWith(prefix)) {
                    return l;
                }
            }
        }

        int exit(long timeoutMs) throws InterruptedException {
            if (!process.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("peer did not exit within " + timeoutMs + " ms; output:\n" + String.join("\n", all));
            }
            return process.exitValue();
        }

        @Override
        public void close() throws InterruptedException {
            if (process.isAlive()) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
