package io.gevgate.bridge.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.gevgate.bridge.cuframes.CuframesPublisher;
import io.gevgate.bridge.cuframes.PixelFormat;
import io.gevgate.bridge.cuframes.PublisherConfig;
import io.gevgate.bridge.memory.SlotMemoryKind;

import static org.assertj.core.api.Assertions.assertThat;

class CuframesCommandTest {
    @TempDir
    Path dir;
    final String key = "gvcli" + ProcessHandle.current().pid();

    @AfterEach
    void cleanup() throws Exception {
        Files.deleteIfExists(Path.of("/dev/shm/cuframes-" + key));
    }

    private static CliRun run(String... args) {
        return CliRun.run(args);
    }

    private CuframesPublisher publisher() {
        // STRICT_WAIT: a STRICT_ORDER subscriber on a loaded machine is paced, never overrun.
        return CuframesPublisher.create(PublisherConfig.builder(key, PixelFormat.NV12, 64, 48).ringSize(3)
                .policy(io.gevgate.bridge.cuframes.Policy.STRICT_WAIT, 5000)
                .memory(SlotMemoryKind.MEMFD).runtimeDir(dir).shutdownHook(false).build());
    }

    @Test
    void lsShowsAPublisherAndItsSubscriber() throws Exception {
        try (CuframesPublisher pub = publisher()) {
            pub.acquire();
            pub.publish(0);
            CliRun r = run("cuframes", "ls", "--runtime-dir", dir.toString());
            assertThat(r.status()).isZero();
            String line = r.out().lines().filter(l -> l.startsWith(key + " ")).findFirst().orElseThrow();
            assertThat(line).contains(String.valueOf(ProcessHandle.current().pid())).contains(" yes ")
                    .contains("NV12 64x48").contains(" 3 ");
        }
        assertThat(run("cuframes", "ls", "--runtime-dir", dir.toString()).out()).doesNotContain(key + " ");
    }

    @Test
    void subCountsFramesLikeSubCount() throws Exception {
        try (CuframesPublisher pub = publisher()) {
            AtomicBoolean stop = new AtomicBoolean();
            CompletableFuture<Void> producer = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 2000 && !stop.get(); i++) { // bounded: 10 s at most
                    pub.acquire();
                    pub.publish(i);
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            CliRun r = run("cuframes", "sub", key, "--count", "10", "--runtime-dir", dir.toString(), "--mode", "strict_order");
            stop.set(true);
            producer.get(30, TimeUnit.SECONDS); // a STRICT_WAIT acquire may wait up to 5 s for the departed subscriber
            assertThat(r.status()).as(r.err()).isZero();
            assertThat(r.out()).contains("[sub] connected to 'cuframes-" + key + "'").contains("received=10 gaps=0");
        }
    }

    @Test
    void subWithoutPublisherIsUnreachable() {
        CliRun r = run("cuframes", "sub", key, "--timeout-ms", "0", "--runtime-dir", dir.toString());
        assertThat(r.status()).isEqualTo(ExitCodes.DEVICE_UNREACHABLE);
        assertThat(r.err()).startsWith("gevgate: cuframes '" + key + "'").contains("NOT_FOUND");
        CliRun bad = run("cuframes", "sub", "bad/key", "--runtime-dir", dir.toString());
        assertThat(bad.status()).isEqualTo(ExitCodes.USAGE);
    }
}
