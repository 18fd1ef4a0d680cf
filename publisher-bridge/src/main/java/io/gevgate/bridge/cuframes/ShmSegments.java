package io.gevgate.bridge.cuframes;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.function.IntPredicate;

import io.gevgate.linux.Libc;
import io.gevgate.linux.ProcessLiveness;
import io.gevgate.linux.SharedMemory;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/** Exclusive shm creation with cuframes' stale-segment recovery (protocol §2.1). */
final class ShmSegments {
    private ShmSegments() {
    }

    /**
     * Creates {@code name} exclusively. An existing segment whose header is complete, whose magic
     * is accepted and whose producer pid is alive → ALREADY_EXISTS; anything else is stale and is
     * unlinked and recreated. Returns the new fd (size 0).
     */
    static int createOrRecover(String name, long headerBytes, IntPredicate magicOk, long pidOffset, int mode) {
        for (int attempt = 0; attempt < 3; attempt++) {
            int fd = SharedMemory.createExclusive(name, mode);
            if (fd >= 0) {
                return fd;
            }
            int existing = SharedMemory.open(name, false);
            if (existing < 0) {
                continue; // vanished between the two calls: try again
            }
            try (Arena a = Arena.ofConfined()) {
                MemorySegment buf = a.allocate(headerBytes, 8);
                long n = Libc.pread(existing, buf, headerBytes, 0);
                if (n == headerBytes && magicOk.test(buf.get(JAVA_INT, 0))) {
                    long pid = buf.get(JAVA_LONG, pidOffset);
                    if (ProcessLiveness.isAlive(pid)) {
                        throw new CuframesException(CuframesError.ALREADY_EXISTS,
                                name + " belongs to the live publisher pid " + pid);
                    }
                }
            } finally {
                Libc.close(existing);
            }
            SharedMemory.unlink(name); // stale: dead producer, wrong magic or short header
        }
        throw new CuframesException(CuframesError.ALREADY_EXISTS, name + " keeps reappearing; another publisher is racing for it");
    }
}
