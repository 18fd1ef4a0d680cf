package io.gevgate.bridge.memory;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.gevgate.linux.Libc;
import io.gevgate.linux.Memfd;

import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MemfdSlotMemoryTest {
    @Test
    void slotsArePageRoundedAndSharedThroughTheirFds() {
        try (MemfdSlotMemory pub = MemfdSlotMemory.allocate("t", 3, 3_110_400);
             Arena a = Arena.ofConfined()) {
            assertThat(pub.slotSize()).isEqualTo(3_112_960L);
            assertThat(pub.kind()).isEqualTo(SlotMemoryKind.MEMFD);
            pub.hostSlot(2).set(JAVA_LONG, 3_110_392, 0xABCDEFL);
            int[] fds = pub.exportFds();
            int[] dups = new int[fds.length];
            for (int i = 0; i < fds.length; i++) {
                // what SCM_RIGHTS does: a new fd for the same file
                dups[i] = dupViaProc(fds[i]);
            }
            try (SlotMemory sub = SlotMemories.importFds(SlotMemoryKind.MEMFD, dups, pub.slotSize(), 0)) {
                assertThat(sub.hostSlot(2).get(JAVA_LONG, 3_110_392)).isEqualTo(0xABCDEFL);
                MemorySegment up = a.allocate(64).fill((byte) 9);
                pub.upload(0, 4096, up);
                MemorySegment down = a.allocate(64);
                sub.download(0, 4096, down);
                assertThat(down.mismatch(up)).isEqualTo(-1);
                assertThatThrownBy(sub::exportFds).isInstanceOf(IllegalStateException.class);
            }
        }
    }

    /** Opens /proc/self/fd/N again: an independent fd for the same memfd (like one received over a socket). */
    private static int dupViaProc(int fd) {
        try (Arena a = Arena.ofConfined()) {
            return openPath(a, "/proc/self/fd/" + fd);
        }
    }

    private static int openPath(Arena a, String path) {
        try {
            java.lang.invoke.MethodHandle open = java.lang.foreign.Linker.nativeLinker().downcallHandle(
                    java.lang.foreign.Linker.nativeLinker().defaultLookup().findOrThrow("open"),
                    java.lang.foreign.FunctionDescriptor.of(java.lang.foreign.ValueLayout.JAVA_INT,
                            java.lang.foreign.ValueLayout.ADDRESS, java.lang.foreign.ValueLayout.JAVA_INT));
            int fd = (int) open.invokeExact(a.allocateFrom(path), Libc.O_RDWR | Libc.O_CLOEXEC);
            assertThat(fd).isNotNegative();
            return fd;
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    @Test
    void importRejectsAnFdSmallerThanTheSlot() {
        int fd = Memfd.create("small", 4096);
        assertThatThrownBy(() -> MemfdSlotMemory.importFds(new int[] {fd}, 8192))
                .hasMessageContaining("4096").hasMessageContaining("8192");
    }

    @Test
    void memfdIsTheDefaultWithoutACudaDevice() {
        if (!Files.exists(Path.of("/dev/nvidiactl"))) {
            assertThat(SlotMemories.cudaAvailable()).isFalse();
            assertThat(SlotMemories.defaultKind()).isEqualTo(SlotMemoryKind.MEMFD);
        } else {
            assertThat(SlotMemories.defaultKind()).isIn(SlotMemoryKind.MEMFD, SlotMemoryKind.CUDA_VMM);
        }
    }
}
