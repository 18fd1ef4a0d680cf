package io.gevgate.bridge.gateway;

import io.gevgate.bridge.cuframes.CuframesSubscriber;
import io.gevgate.bridge.cuframes.Frame;
import io.gevgate.bridge.cuframes.SubscriberConfig;
import io.gevgate.bridge.cuframes.SubscriberMode;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;

/**
 * A subscriber in its own JVM for gateway end-to-end tests: receives COUNT frames in strict order
 * and prints "HASH seq pts fnv64" for each (the parent compares with the CPU reference conversion),
 * "TORN seq" for a frame rewritten while copied, then "DONE n". Usage: KEY DIR COUNT.
 */
public final class HashingSubscriberChild {
    private HashingSubscriberChild() {
    }

    /** FNV-1a 64 over the first {@code n} bytes (the C subscriber prints the same hash). */
    public static long fnv1a64(MemorySegment m, long n) {
        long h = 0xcbf29ce484222325L;
        for (long i = 0; i < n; i++) {
            h ^= m.get(ValueLayout.JAVA_BYTE, i) & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** Starts this class in a child JVM with the parent's class path, subscribing to {@code key}. */
    public static Process start(Path dir, String key, int count) throws java.io.IOException {
        String javaBin = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(javaBin, "--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1",
                "-Dorg.bytedeco.javacpp.cachedir=" + System.getProperty("org.bytedeco.javacpp.cachedir", ""),
                "-cp", System.getProperty("java.class.path"), HashingSubscriberChild.class.getName(),
                key, dir.toString(), String.valueOf(count)).redirectErrorStream(true).start();
    }

    /** The lines a subscriber process prints, up to and including its "DONE" line (or its end). */
    public static java.util.concurrent.CompletableFuture<java.util.List<String>> linesUntilDone(Process p) {
        return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            java.util.List<String> lines = new java.util.ArrayList<>();
            try (java.io.BufferedReader r = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
                    java.nio.charset.StandardCharsets.UTF_8))) {
                for (String l; (l = r.readLine()) != null; ) {
                    lines.add(l);
                    if (l.startsWith("DONE")) {
                        break;
                    }
                }
            } catch (java.io.IOException e) {
                lines.add("IOEXCEPTION " + e);
            }
            return lines;
        });
    }

    public static void main(String[] args) throws Exception {
        String key = args[0];
        Path dir = Path.of(args[1]);
        long count = Long.parseLong(args[2]);
        try (CuframesSubscriber sub = CuframesSubscriber.connect(SubscriberConfig.builder(key).runtimeDir(dir)
                .name("hasher").mode(SubscriberMode.STRICT_ORDER).connectTimeoutMs(30_000).build());
             Arena a = Arena.ofConfined()) {
            System.out.println("SUBSCRIBED " + sub.memoryKind());
            System.out.flush();
            long size = sub.geometry().frameSize();
            MemorySegment dst = a.allocate(size);
            long n = 0;
            for (; n < count; n++) {
                Frame f = sub.next(30_000);
                if (f == null) {
                    break;
                }
                if (f.copyTo(dst)) {
                    System.out.printf("HASH %d %d %016x%n", f.seq(), f.ptsNs(), fnv1a64(dst, size));
                } else {
                    System.out.println("TORN " + f.seq());
                }
                sub.release(f);
            }
            System.out.println("DONE " + n);
            System.out.flush();
        }
    }
}
