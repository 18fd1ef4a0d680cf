package io.gevgate.bridge.cuframes;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The anchors of protocol §3, checked on the bytes a real publisher leaves in /dev/shm. */
class HeaderLayoutTest {
    @TempDir
    Path dir;
    final String key = TestKeys.unique();

    @AfterEach
    void cleanup() {
        TestKeys.cleanup(key);
    }

    @Test
    void anchorsHold() {
        assertThat(FramesHeader.OFF_IPC_EVENT_HANDLE).isEqualTo(0x80);
        assertThat(FramesHeader.OFF_GLOBAL_SEQ).isEqualTo(0xC0);
        assertThat(FramesHeader.OFF_SLOTS).isEqualTo(0x100);
        assertThat(FramesHeader.OFF_SLOTS + 16 * FramesHeader.SLOT_SIZE).isEqualTo(FramesHeader.OFF_SUBSCRIBERS).isEqualTo(0xD00);
        assertThat(FramesHeader.OFF_SUBSCRIBERS + 32 * FramesHeader.SUBSCRIBER_SIZE).isEqualTo(FramesHeader.OFF_SLOT_EVENT_HANDLES).isEqualTo(0x1D00);
        assertThat(FramesHeader.OFF_SLOT_EVENT_HANDLES + 16 * 64).isEqualTo(FramesHeader.SIZE).isEqualTo(8448);
        assertThat(PacketRingLayout.HEADER_SIZE).isEqualTo(0x1040);
        assertThat(PacketRingLayout.totalSize(64, 8 << 20)).isEqualTo(8_396_864L);
    }

    @Test
    void publisherWritesTheDocumentedBytes() throws Exception {
        try (CuframesPublisher pub = CuframesPublisher.create(TestKeys.memfd(key, dir, 1920, 1080).ringSize(6).build())) {
            pub.acquire();
            pub.publish(777);
            byte[] raw = Files.readAllBytes(Path.of("/dev/shm/cuframes-" + key));
            assertThat(raw).hasSize(8448);
            ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
            assertThat(b.getInt(0x000)).isEqualTo(0xCC7C1DCE);
            assertThat(b.getInt(0x004)).isEqualTo(4);
            assertThat(b.getInt(0x00C)).isEqualTo(4);
            assertThat(b.getInt(0x014)).isEqualTo(6);
            assertThat(b.getLong(0x018)).isEqualTo(ProcessHandle.current().pid());
            assertThat(b.getInt(0x02C)).isEqualTo(1); // memfd
            assertThat(b.getLong(0x030)).isEqualTo(3_112_960L); // 3,110,400 rounded to pages
            assertThat(b.getLong(0x038)).isZero();
            assertThat(b.getInt(0x040)).isZero(); // NV12
            assertThat(b.getInt(0x044)).isEqualTo(1920);
            assertThat(b.getInt(0x048)).isEqualTo(1080);
            assertThat(b.getInt(0x04C)).isEqualTo(1920);
            assertThat(b.getInt(0x050)).isEqualTo(1920);
            assertThat(b.getLong(0x058)).isEqualTo(3_110_400L);
            for (int i = 0x80; i < 0xC0; i++) {
                assertThat(raw[i]).isZero();
            }
            assertThat(b.getLong(0x0C0)).isZero();       // global_seq after the first publish
            assertThat(b.getLong(0x100 + 0x40)).isZero(); // slot 0 seq
            assertThat(b.getLong(0x100 + 0x48)).isEqualTo(777);
            assertThat(b.getLong(0x100 + 192 + 0x40)).isEqualTo(-1L); // slot 1 never published
            assertThat(b.getLong(0x100 + 6 * 192 + 0x40)).isZero();  // beyond the ring: untouched
            for (int i = 0x1D00; i < 0x2100; i++) {
                assertThat(raw[i]).isZero();
            }
            assertThat(Files.getPosixFilePermissions(Path.of("/dev/shm/cuframes-" + key)).toString())
                    .isEqualTo("[OWNER_READ, OWNER_WRITE, GROUP_READ, GROUP_WRITE]");
        }
    }

    @Test
    void pitchRule() {
        assertThat(FrameGeometry.of(PixelFormat.NV12, 640, 480, 1).frameSize()).isEqualTo(460_800);
        FrameGeometry a = FrameGeometry.of(PixelFormat.NV12, 1000, 10, 256);
        assertThat(a.pitchY()).isEqualTo(1024);
        assertThat(a.frameSize()).isEqualTo(1024 * 15);
        FrameGeometry y = FrameGeometry.of(PixelFormat.YUV420P, 100, 10, 64);
        assertThat(y.pitchY()).isEqualTo(128);
        assertThat(y.pitchUv()).isEqualTo(64);
        assertThat(y.frameSize()).isEqualTo(128 * 10 + 2 * 64 * 5);
        assertThat(FrameGeometry.of(PixelFormat.RGBA8, 3, 2, 1).frameSize()).isEqualTo(24);
        assertThat(FrameGeometry.of(PixelFormat.MONO8, 3, 2, 4).pitchY()).isEqualTo(4);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FrameGeometry.of(PixelFormat.NV12, 3, 2, 1))
                .hasMessageContaining("even");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FrameGeometry.of(PixelFormat.MONO8, 3, 2, 3))
                .hasMessageContaining("power of two");
    }
}
