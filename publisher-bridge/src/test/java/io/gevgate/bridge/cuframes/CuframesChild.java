package io.gevgate.bridge.cuframes;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;

import io.gevgate.bridge.memory.SlotMemoryKind;

/**
 * A child process for the reliability tests (run in its own JVM so it can be SIGKILLed):
 * {@code publish KEY DIR} publishes 64x48 NV12 pattern frames every 5 ms;
 * {@code hold KEY DIR} subscribes, takes one frame and never releases it.
 */
public final class CuframesChild {
    private CuframesChild() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        String key = args[1];
        Path dir = Path.of(args[2]);
        if (mode.equals("publish")) {
            try (CuframesPublisher pub = CuframesPublisher.create(PublisherConfig.builder(key, PixelFormat.NV12, 64, 48)
                    .memory(SlotMemoryKind.MEMFD).runtimeDir(dir).ringSize(4).build());
                 Arena a = Arena.ofConfined()) {
                System.out.println("READY " + ProcessHandle.current().pid());
                System.out.flush();
                MemorySegment src = a.allocate(pub.geometry().frameSize());
                for (long i = 0; i < 120_000; i++) { // bounded: 10 minutes at most
                    TestKeys.fill(src, i);
                    pub.publishFrame(src, i);
                    Thread.sleep(5);
                }
            }
        } else if (mode.equals("hold")) {
            CuframesSubscriber sub = CuframesSubscriber.connect(SubscriberConfig.builder(key).runtimeDir(dir)
                    .name("holder").connectTimeoutMs(10_000).build());
            System.out.println("SUBSCRIBED bit " + sub.assignedBit());
            System.out.flush();
            Frame f = sub.next(10_000);
            System.out.println("HOLDING " + (f == null ? -1 : f.seq()) + " bit " + sub.assignedBit());
            System.out.flush();
            Thread.sleep(120_000);
        } else if (mode.equals("verify")) {
            long count = Long.parseLong(args[3]);
            try (CuframesSubscriber sub = CuframesSubscriber.connect(SubscriberConfig.builder(key).runtimeDir(dir)
                    .name("verifier").mode(SubscriberMode.STRICT_ORDER).connectTimeoutMs(30_000).build());
                 Arena a = Arena.ofConfined()) {
                System.out.println("SUBSCRIBED bit " + sub.assignedBit() + " " + sub.memoryKind());
                System.out.flush();
                MemorySegment dst = a.allocate(sub.geometry().frameSize());
                long ok = 0;
                long bad = 0;
                for (long n = 0; n < count; n++) {
                    Frame f = sub.next(30_000);
                    if (f == null) {
                        break;
                    }
                    boolean intact = f.copyTo(dst);
                    long mismatch = TestKeys.firstMismatch(dst, f.seq());
                    if (intact && mismatch < 0) {
                        ok++;
                    } else {
                        bad++;
                        System.out.println("BAD seq " + f.seq() + " intact " + intact + " byte " + mismatch);
                    }
                    sub.release(f);
                }
                System.out.println("VERIFIED " + ok + " bad " + bad + " " + sub.stats());
                System.out.flush();
                System.exit(bad == 0 && ok == count ? 0 : 1);
            }
        } else {
            throw new IllegalArgumentException("mode must be publish, hold or verify: " + mode);
        }
    }

    /** Starts {@code CuframesChild} with this JVM's class path. */
    static Process start(String... args) throws java.io.IOException {
        String javaBin = ProcessHandle.current().info().command().orElse("java");
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of(javaBin, "--enable-native-access=ALL-UNNAMED",
                "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                CuframesChild.class.getName()));
        cmd.addAll(java.util.List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    /** Reads lines from the child until one starts with {@code prefix} (bounded by the timeout). */
    static String awaitLine(Process p, String prefix, long timeoutMs) throws Exception {
        java.io.BufferedReader r = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream()));
        java.util.concurrent.CompletableFuture<String> f = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                StringBuilder seen = new StringBuilder();
                for (String line; (line = r.readLine()) != null; ) {
                    if (line.startsWith(prefix)) {
                        return line;
                    }
                    seen.append(line).append('\n');
                }
                throw new IllegalStateException("child exited before '" + prefix + "':\n" + seen);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        try {
            return f.get(timeoutMs, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            p.destroyForcibly();
            throw new AssertionError("child did not print '" + prefix + "' within " + timeoutMs + " ms");
        }
    }
}
