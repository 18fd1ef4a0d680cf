package io.gevgate.bridge.cuframes;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.gevgate.bridge.memory.GpuPatternKernel;
import io.gevgate.bridge.memory.SlotMemories;
import io.gevgate.bridge.memory.SlotMemoryKind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * CUDA VMM publisher in this JVM, subscribers in other processes (a JVM and the C peer) importing
 * the POSIX-FD handles: frames are written by a kernel and verified byte by byte on the other side.
 */
@Tag("gpu")
class VmmGpuTest {
    static final int FRAMES = 30;

    @TempDir
    Path dir;
    final String key = TestKeys.unique();

    @BeforeAll
    static void needsCuda() {
        assumeTrue(SlotMemories.cudaAvailable(), "no CUDA device (gpu-tagged test)");
    }

    @AfterEach
    void cleanup() {
        TestKeys.cleanup(key);
    }

    private CuframesPublisher vmmPublisher() {
        return CuframesPublisher.create(PublisherConfig.builder(key, PixelFormat.NV12, 1920, 1080)
                .memory(SlotMemoryKind.CUDA_VMM).ringSize(4).policy(Policy.STRICT_WAIT, 10_000)
                .runtimeDir(dir).shutdownHook(false).build());
    }

    /** Publishes FRAMES kernel-written frames once a subscriber is present. */
    private static void publishKernelFrames(CuframesPublisher pub) throws InterruptedException {
        Awaits.until(() -> pub.subscriberCount() == 1, 30_000);
        Thread.sleep(200); // let the subscriber finish importing before the first frame
        GpuPatternKernel kernel = null;
        try {
            kernel = new GpuPatternKernel(0);
        } catch (Throwable t) {
            // Still a real cross-process VMM test, but say loudly that no kernel wrote the frames.
            System.out.println("NOTE: NVRTC kernel unavailable (" + t + "): frames are uploaded from the host");
        }
        try (java.lang.foreign.Arena a = java.lang.foreign.Arena.ofConfined()) {
            java.lang.foreign.MemorySegment host = kernel == null ? a.allocate(pub.geometry().frameSize()) : null;
            for (int i = 0; i < FRAMES; i++) {
                CuframesPublisher.AcquiredSlot s = pub.acquire();
                if (kernel != null) {
                    kernel.fill(s.pointer(), s.seq(), pub.geometry().frameSize());
                } else {
                    TestKeys.fill(host, s.seq());
                    pub.memory().upload(s.index(), 0, host);
                }
                pub.publish(s.seq()); // publish synchronises the context: the kernel has finished
                Thread.sleep(10);
            }
        }
    }

    @Test
    void vmmPublisherToJavaSubscriberInAnotherJvm() throws Exception {
        try (CuframesPublisher pub = vmmPublisher()) {
            assertThat(pub.memory().kind()).isEqualTo(SlotMemoryKind.CUDA_VMM);
            assertThat(pub.memory().slotSize()).isEqualTo(4L << 20); // 3,110,400 rounded to 2 MiB granules
            Process child = CuframesChild.start("verify", key, dir.toString(), String.valueOf(FRAMES));
            try {
                CuframesChild.awaitLine(child, "SUBSCRIBED", 60_000);
                publishKernelFrames(pub);
                String done = CuframesChild.awaitLine(child, "VERIFIED", 60_000);
                System.out.println("child: " + done);
                assertThat(done).startsWith("VERIFIED " + FRAMES + " bad 0");
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(child.exitValue()).isZero();
                assertThat(pub.stats().strictWaitEvictions()).isZero();
            } finally {
                child.destroyForcibly();
            }
        }
    }

    @Test
    void vmmPublisherToCSubscriberThroughTheDriverApi() throws Exception {
        CPeers.build();
        try (CuframesPublisher pub = vmmPublisher();
             CPeers.Peer sub = new CPeers.Peer(CPeers.sub().toString(), dir.toString(), key, String.valueOf(FRAMES), "1", "60000")) {
            sub.await("IMPORTED vmm", 30_000);
            publishKernelFrames(pub);
            String done = sub.await("DONE", 60_000);
            System.out.println("C subscriber: " + done);
            assertThat(done).isEqualTo("DONE received=" + FRAMES + " gaps=0 bad=0 torn=0");
            assertThat(sub.exit(30_000)).isZero();
        }
    }
}
