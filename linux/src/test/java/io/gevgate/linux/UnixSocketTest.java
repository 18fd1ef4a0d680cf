package io.gevgate.linux;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UnixSocketTest {
    @TempDir
    Path dir;

    @Test
    void sendsBytesAndFdsAcrossAConnection() throws Exception {
        Path path = dir.resolve("a.sock");
        try (UnixSocket server = UnixSocket.listen(path, 4, 0660);
             Arena arena = Arena.ofConfined()) {
            assertThat(Files.getPosixFilePermissions(path).toString()).isEqualTo("[OWNER_READ, OWNER_WRITE, GROUP_READ, GROUP_WRITE]");
            CompletableFuture<UnixSocket> accepted = CompletableFuture.supplyAsync(server::accept);
            try (UnixSocket client = UnixSocket.connect(path);
                 UnixSocket peer = accepted.get(5, TimeUnit.SECONDS)) {
                int memfd = Memfd.create("t", 4096);
                try (MappedRegion m = MappedRegion.mapShared(memfd, 4096, Libc.PROT_READ | Libc.PROT_WRITE)) {
                    m.segment().set(JAVA_LONG, 128, 0x1122334455667788L);
                    MemorySegment msg = arena.allocateFrom("hello");
                    peer.sendWithFds(msg, new int[] {memfd, memfd});
                } finally {
                    Libc.close(memfd);
                }
                MemorySegment buf = arena.allocate(64);
                ScmRights.Received r = client.receiveWithFds(buf, 4, 5000);
                assertThat(r.bytes()).isEqualTo(6);
                assertThat(buf.getString(0)).isEqualTo("hello");
                assertThat(r.fds()).hasSize(2);
                assertThat(r.controlTruncated()).isFalse();
                try (MappedRegion m2 = MappedRegion.mapShared(r.fds()[0], 4096, Libc.PROT_READ)) {
                    assertThat(m2.segment().get(JAVA_LONG, 128)).isEqualTo(0x1122334455667788L);
                } finally {
                    for (int fd : r.fds()) {
                        Libc.close(fd);
                    }
                }
            }
        }
    }

    @Test
    void receiveReportsTimeoutThenEof() throws Exception {
        Path path = dir.resolve("b.sock");
        try (UnixSocket server = UnixSocket.listen(path, 4, 0600); Arena arena = Arena.ofConfined()) {
            CompletableFuture<UnixSocket> accepted = CompletableFuture.supplyAsync(server::accept);
            try (UnixSocket client = UnixSocket.connect(path)) {
                UnixSocket peer = accepted.get(5, TimeUnit.SECONDS);
                MemorySegment buf = arena.allocate(16);
                assertThat(client.receive(buf, 20)).isEqualTo(UnixSocket.TIMED_OUT);
                assertThat(client.peerClosed()).isFalse();
                peer.sendAll(arena.allocateFrom("abc"));
                assertThat(client.receiveFully(buf.asSlice(0, 4), System.nanoTime() + 5_000_000_000L)).isEqualTo(4);
                peer.close();
                assertThat(client.peerClosed()).isTrue();
                assertThat(client.receive(buf, 1000)).isZero();
            }
        }
    }

    @Test
    void partialMessageThenEofReturnsShortCount() throws Exception {
        Path path = dir.resolve("c.sock");
        try (UnixSocket server = UnixSocket.listen(path, 4, 0600); Arena arena = Arena.ofConfined()) {
            CompletableFuture<UnixSocket> accepted = CompletableFuture.supplyAsync(server::accept);
            try (UnixSocket client = UnixSocket.connect(path)) {
                try (UnixSocket peer = accepted.get(5, TimeUnit.SECONDS)) {
                    peer.sendAll(arena.allocate(3).fill((byte) 7));
                }
                MemorySegment buf = arena.allocate(8);
                assertThat(client.receiveFully(buf, System.nanoTime() + 5_000_000_000L)).isEqualTo(3);
                assertThat(buf.get(JAVA_BYTE, 2)).isEqualTo((byte) 7);
            }
        }
    }

    @Test
    void shutdownWakesABlockedAccept() throws Exception {
        Path path = dir.resolve("d.sock");
        UnixSocket server = UnixSocket.listen(path, 4, 0600);
        CompletableFuture<Throwable> acceptor = CompletableFuture.supplyAsync(() -> {
            try {
                server.accept().close();
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        Thread.sleep(50);
        server.shutdown();
        assertThat(acceptor.get(5, TimeUnit.SECONDS)).isInstanceOf(LinuxException.class);
        server.close();
    }

    @Test
    void connectToMissingSocketNamesTheErrno() {
        assertThatThrownBy(() -> UnixSocket.connect(dir.resolve("missing.sock")))
                .isInstanceOf(LinuxException.class)
                .satisfies(e -> assertThat(((LinuxException) e).errno()).isEqualTo(Errno.ENOENT))
                .hasMessageContaining("connect").hasMessageContaining("ENOENT");
    }

    @Test
    void rejectsOverlongPath() {
        Path p = dir.resolve("x".repeat(120));
        assertThatThrownBy(() -> UnixSocket.connect(p)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1..107");
    }

    @Test
    void sendToClosedPeerIsEpipeNotASignal() throws Exception {
        Path path = dir.resolve("e.sock");
        try (UnixSocket server = UnixSocket.listen(path, 4, 0600); Arena arena = Arena.ofConfined()) {
            CompletableFuture<UnixSocket> accepted = CompletableFuture.supplyAsync(server::accept);
            UnixSocket client = UnixSocket.connect(path);
            try (UnixSocket peer = accepted.get(5, TimeUnit.SECONDS)) {
                client.close();
                assertThatThrownBy(() -> {
                    for (int i = 0; i < 100; i++) {
                        peer.sendAll(arena.allocate(4096));
                    }
                }).isInstanceOf(LinuxException.class).matches(e -> ((LinuxException) e).errno() == Errno.EPIPE
                        || ((LinuxException) e).errno() == Errno.ECONNRESET);
            }
        }
    }
}
