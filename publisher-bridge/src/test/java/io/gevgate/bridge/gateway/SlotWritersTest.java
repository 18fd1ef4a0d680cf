package io.gevgate.bridge.gateway;

import io.gevgate.bridge.convert.ConversionSpec;
import io.gevgate.bridge.convert.InputLayout;
import io.gevgate.bridge.cuframes.FrameGeometry;
import io.gevgate.bridge.cuframes.PixelFormat;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SlotWritersTest {
    @Test
    void geometryFollowsTheFormatAndThePitchRule() {
        FrameGeometry nv12 = SlotWriters.geometry(PublishFormat.NV12, InputLayout.BAYER_RG8, 1920, 1080, 1);
        assertThat(nv12.format()).isEqualTo(PixelFormat.NV12);
        assertThat(nv12.frameSize()).isEqualTo(3_110_400L);
        FrameGeometry rgba = SlotWriters.geometry(PublishFormat.RGBA, InputLayout.MONO12P, 100, 10, 64);
        assertThat(rgba.pitchY()).isEqualTo(448);
        assertThat(SlotWriters.geometry(PublishFormat.NATIVE, InputLayout.MONO8, 10, 10, 1).format()).isEqualTo(PixelFormat.MONO8);
        assertThat(SlotWriters.geometry(PublishFormat.NATIVE, InputLayout.RGB8, 10, 10, 1).format()).isEqualTo(PixelFormat.RGB8);
    }

    @Test
    void formatsCuframesCannotCarryAreRefusedWithTheReason() {
        assertThatThrownBy(() -> SlotWriters.geometry(PublishFormat.NATIVE, InputLayout.BAYER_RG8, 64, 64, 1))
                .isInstanceOf(GatewayException.class).hasMessageContaining("BAYER_RG8").hasMessageContaining("nv12");
        assertThatThrownBy(() -> SlotWriters.geometry(PublishFormat.NV12, InputLayout.MONO8, 63, 64, 1))
                .isInstanceOf(GatewayException.class).hasMessageContaining("63x64");
    }

    @Test
    void cpuPathMakesACpuWriterOfTheGeometry() {
        // GPU selection and its errors are covered by ConversionPathTest.
        ConversionSpec spec = ConversionSpec.of(InputLayout.MONO8, 16, 16);
        FrameGeometry g = SlotWriters.geometry(PublishFormat.NV12, InputLayout.MONO8, 16, 16, 1);
        ConversionPath cpu = ConversionPath.choose(null, true, () -> {
            throw new AssertionError("--no-gpu must not probe");
        });
        try (SlotWriter w = SlotWriters.create(spec, PublishFormat.NV12, g, cpu, 1)) {
            assertThat(w.name()).isEqualTo("cpu");
            assertThat(w.geometry()).isEqualTo(g);
        }
    }

    @Test
    void blockOrderHandlesTheSixteenBitWrap() {
        assertThat(Gateway.newer(2, 1, false)).isTrue();
        assertThat(Gateway.newer(1, 65535, false)).as("65535 -> 1 skips 0").isTrue();
        assertThat(Gateway.newer(65535, 1, false)).isFalse();
        assertThat(Gateway.newer(5, 5, false)).isFalse();
        assertThat(Gateway.newer(1L << 40, (1L << 40) - 1, true)).isTrue();
        assertThat(Gateway.newer(7, 9, true)).isFalse();
    }

    @Test
    void defaultKeys() throws Exception {
        assertThat(new GatewayOptions().effectiveKey()).isEqualTo("sim-0");
        assertThat(new GatewayOptions().camera(java.net.InetAddress.getByName("192.168.1.20")).effectiveKey())
                .isEqualTo("cam-192-168-1-20");
        assertThat(new GatewayOptions().key("k").effectiveKey()).isEqualTo("k");
    }
}
