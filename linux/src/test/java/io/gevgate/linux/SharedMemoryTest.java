package io.gevgate.linux;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SharedMemoryTest {
    private static final String NAME = "/gevgate-linux-test-" + ProcessHandle.current().pid();

    @Test
    void createMapShareAndUnlink() {
        SharedMemory.unlink(NAME);
        int fd = SharedMemory.createExclusive(NAME, 0640);
        try {
            assertThat(fd).isNotNegative();
            assertThat(SharedMemory.createExclusive(NAME, 0640)).isEqualTo(-1);
            SharedMemory.truncate(fd, 8192);
            assertThat(Libc.fileSize(fd)).isEqualTo(8192);
            int fd2 = SharedMemory.open(NAME, false);
            try (MappedRegion w = MappedRegion.mapShared(fd, 8192, Libc.PROT_READ | Libc.PROT_WRITE);
                 MappedRegion r = MappedRegion.mapShared(fd2, 8192, Libc.PROT_READ)) {
                w.segment().set(JAVA_LONG, 4096, 77L);
                assertThat(r.segment().get(JAVA_LONG, 4096)).isEqualTo(77L);
            } finally {
                Libc.close(fd2);
            }
            assertThat(Files.exists(Path.of("/dev/shm" + NAME))).isTrue();
        } finally {
            Libc.close(fd);
            assertThat(SharedMemory.unlink(NAME)).isTrue();
        }
        assertThat(SharedMemory.unlink(NAME)).isFalse();
        assertThat(SharedMemory.open(NAME, false)).isEqualTo(-1);
    }

    @Test
    void rejectsBadNames() {
        assertThatThrownBy(() -> SharedMemory.open("noslash", false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SharedMemory.open("/a/b", false)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void memfdIsZeroFilledAndSized() {
        int fd = Memfd.create("gevgate-test", 65536);
        try (MappedRegion m = MappedRegion.mapShared(fd, 65536, Libc.PROT_READ)) {
            assertThat(Libc.fileSize(fd)).isEqualTo(65536);
            assertThat(m.segment().get(JAVA_LONG, 65528)).isZero();
        } finally {
            Libc.close(fd);
        }
    }

    @Test
    void mapOfBadFdNamesErrno() {
        assertThatThrownBy(() -> MappedRegion.mapShared(-1, 4096, Libc.PROT_READ))
                .isInstanceOf(LinuxException.class).hasMessageContaining("mmap").hasMessageContaining("EBADF");
    }
}
