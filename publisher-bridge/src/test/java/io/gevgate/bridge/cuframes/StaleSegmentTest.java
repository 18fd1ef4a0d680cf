package io.gevgate.bridge.cuframes;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StaleSegmentTest {
    @TempDir
    Path dir;
    final String key = TestKeys.unique();
    final Path shm = Path.of("/dev/shm/cuframes-" + key);

    @AfterEach
    void cleanup() {
        TestKeys.cleanup(key);
    }

    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        return p.pid();
    }

    private void writeHeader(int magic, long pid, int size) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, magic);
        if (size >= 0x20) {
            b.putLong(0x18, pid);
        }
        Files.write(shm, b.array());
    }

    @Test
    void deadProducerSegmentIsRecovered() throws Exception {
        writeHeader(FramesHeader.MAGIC, deadPid(), 8448);
        Files.writeString(dir.resolve(key + ".sock"), "stale socket file");
        try (CuframesPublisher pub = CuframesPublisher.create(TestKeys.memfd(key, dir, 16, 16).build());
             CuframesSubscriber sub = CuframesSubscriber.connect(TestKeys.sub(key, dir).build())) {
            pub.acquire();
            pub.publish(5);
            assertThat(sub.next(1000).ptsNs()).isEqualTo(5);
        }
    }

    @Test
    void legacyMagicAndShortHeadersAreStaleToo() throws Exception {
        writeHeader(FramesHeader.MAGIC_LEGACY, deadPid(), 7424);
        CuframesPublisher.create(TestKeys.memfd(key, dir, 16, 16).build()).close();
        writeHeader(0x12345678, ProcessHandle.current().pid(), 8448);
        CuframesPublisher.create(TestKeys.memfd(key, dir, 16, 16).build()).close();
        assertThat(Files.exists(shm)).isFalse();
    }

    @Test
    void liveProducerIsAlreadyExists() throws Exception {
        writeHeader(FramesHeader.MAGIC, ProcessHandle.current().pid(), 8448);
        assertThatThrownBy(() -> CuframesPublisher.create(TestKeys.memfd(key, dir, 16, 16).build()))
                .isInstanceOf(CuframesException.class)
                .satisfies(e -> assertThat(((CuframesException) e).error()).isEqualTo(CuframesError.ALREADY_EXISTS));
        assertThat(Files.exists(shm)).isTrue(); // the live owner's segment is left alone
        try (CuframesPublisher first = CuframesPublisher.create(TestKeys.memfd(TestKeys.unique(), dir, 16, 16).build())) {
            assertThatThrownBy(() -> CuframesPublisher.create(TestKeys.memfd(first.key().value(), dir, 16, 16).build()))
                    .hasMessageContaining("ALREADY_EXISTS");
        }
    }
}
