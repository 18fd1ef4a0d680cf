package io.gevgate.bridge.cuframes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import io.gevgate.bridge.memory.SlotMemoryKind;

/** Test-unique cuframes keys and the cleanup every test owes /dev/shm. */
final class TestKeys {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private TestKeys() {
    }

    /** Prefix of every key this JVM makes: no other process (test fork, other checkout) shares it. */
    private static final String PREFIX = "gvt" + ProcessHandle.current().pid() + "-";

    static String unique() {
        return PREFIX + COUNTER.incrementAndGet();
    }

    /**
     * The /dev/shm objects of keys made by this JVM. /dev/shm as a whole is shared with every
     * other process on the machine (another test fork, another build), so leak checks count these.
     */
    static long shmObjectsOfThisJvm() {
        try (java.util.stream.Stream<Path> s = Files.list(Path.of("/dev/shm"))) {
            return s.filter(p -> p.getFileName().toString().startsWith("cuframes-" + PREFIX)).count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static PublisherConfig.Builder memfd(String key, Path dir, int w, int h) {
        return PublisherConfig.builder(key, PixelFormat.NV12, w, h).memory(SlotMemoryKind.MEMFD)
                .runtimeDir(dir).shutdownHook(false);
    }

    static SubscriberConfig.Builder sub(String key, Path dir) {
        return SubscriberConfig.builder(key).runtimeDir(dir).connectTimeoutMs(5000);
    }

    /** True if no shm object of this key is left. */
    static boolean shmGone(String key) {
        return !Files.exists(Path.of("/dev/shm/cuframes-" + key)) && !Files.exists(Path.of("/dev/shm/cuframes-" + key + "-packets"));
    }

    /** Removes leftovers of a failed test. */
    static void cleanup(String key) {
        try {
            Files.deleteIfExists(Path.of("/dev/shm/cuframes-" + key));
            Files.deleteIfExists(Path.of("/dev/shm/cuframes-" + key + "-packets"));
        } catch (java.io.IOException ignored) {
            // best effort
        }
    }

    /** Pattern byte i of frame seq. */
    static byte pattern(long seq, long i) {
        return (byte) (seq * 31 + i * 7 + (i >>> 9));
    }

    static void fill(java.lang.foreign.MemorySegment s, long seq) {
        for (long i = 0; i < s.byteSize(); i++) {
            s.set(java.lang.foreign.ValueLayout.JAVA_BYTE, i, pattern(seq, i));
        }
    }

    static long firstMismatch(java.lang.foreign.MemorySegment s, long seq) {
        for (long i = 0; i < s.byteSize(); i++) {
            if (s.get(java.lang.foreign.ValueLayout.JAVA_BYTE, i) != pattern(seq, i)) {
                return i;
            }
        }
        return -1;
    }
}
