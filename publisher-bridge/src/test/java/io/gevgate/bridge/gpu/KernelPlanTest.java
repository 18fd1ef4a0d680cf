package io.gevgate.bridge.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gevgate.bridge.convert.ConversionSpec;
import io.gevgate.bridge.convert.InputLayout;
import io.gevgate.bridge.convert.OutputFormat;
import io.gevgate.bridge.convert.YuvCoefficients;
import io.gevgate.bridge.convert.YuvMatrix;
import io.gevgate.bridge.convert.YuvRange;

import org.junit.jupiter.api.Test;

/** Kernel choice and launch geometry of the Bayer -> NV12 tile kernels, and the no-clamp proof. */
class KernelPlanTest {

    @Test
    void bayerNv12DefaultsFollowTheH100MeasurementsAndTheTilesAreSelectableWithOneThreadPerTile() {
        // 8-bit: the block-shared tile in 16x8-thread blocks up to half a 4K frame, above it 8x2r
        // (register-capped), also in 16x8-thread blocks
        ConversionSpec hd = new ConversionSpec(InputLayout.BAYER_RG8, 1920, 1080, YuvMatrix.BT601, YuvRange.LIMITED);
        KernelPlan plan = KernelPlan.of(hd, OutputFormat.NV12);
        assertThat(plan.kernel()).isEqualTo("gg_bayer_Nv12_s8x2n_u8");
        assertThat(plan.blockX()).isEqualTo(16);
        assertThat(plan.blockY()).isEqualTo(8);
        assertThat(plan.gridX()).isEqualTo(1920 / 128);
        assertThat(plan.gridY()).isEqualTo((1080 + 15) / 16);
        ConversionSpec uhd8 = new ConversionSpec(InputLayout.BAYER_BG8, 3840, 2160, YuvMatrix.BT709, YuvRange.FULL);
        KernelPlan uhd8Plan = KernelPlan.of(uhd8, OutputFormat.NV12);
        assertThat(uhd8Plan.kernel()).isEqualTo("gg_bayer_Nv12_8x2r_u8");
        assertThat(uhd8Plan.blockX()).isEqualTo(16);
        assertThat((long) uhd8Plan.gridX() * uhd8Plan.blockX()).isGreaterThanOrEqualTo(3840 / 8).isLessThan(3840 / 8 + 16);
        assertThat((long) uhd8Plan.gridY() * uhd8Plan.blockY()).isGreaterThanOrEqualTo(2160 / 2).isLessThan(2160 / 2 + 8);
        KernelPlan hd8x2 = KernelPlan.of(hd, OutputFormat.NV12, KernelPlan.BayerTile.T8X2);
        assertThat(hd8x2.kernel()).isEqualTo("gg_bayer_Nv12_8x2_u8");
        assertThat(hd8x2.blockX()).isEqualTo(32);
        assertThat(hd8x2.gridX()).isEqualTo((1920 / 8 + 31) / 32);
        KernelPlan hd4x2 = KernelPlan.of(hd, OutputFormat.NV12, KernelPlan.BayerTile.T4X2);
        assertThat(hd4x2.kernel()).isEqualTo("gg_bayer_Nv12_4x2_u8");
        assertThat((long) hd4x2.gridX() * hd4x2.blockX()).isGreaterThanOrEqualTo(1920 / 4).isLessThan(1920 / 4 + 32);

        // 12-bit LSB packed: the block-shared tile in 16x8-thread blocks at every size, one block per 128x16 pixels
        ConversionSpec uhd = new ConversionSpec(InputLayout.BAYER_GB12P, 3840, 2160, YuvMatrix.BT709, YuvRange.FULL);
        KernelPlan shared = KernelPlan.of(uhd, OutputFormat.NV12);
        assertThat(shared.kernel()).isEqualTo("gg_bayer_Nv12_s8x2n_lsb_12");
        assertThat(shared.blockX()).isEqualTo(16);
        assertThat(shared.blockY()).isEqualTo(8);
        assertThat(shared.gridX()).isEqualTo(3840 / 128);
        assertThat(shared.gridY()).isEqualTo((2160 + 15) / 16);
        assertThat(KernelPlan.of(new ConversionSpec(InputLayout.BAYER_RG12P, 1920, 1080, YuvMatrix.BT601, YuvRange.LIMITED),
                OutputFormat.NV12).kernel()).isEqualTo("gg_bayer_Nv12_s8x2n_lsb_12");
        // the 32x8 block-shared tile: one block per 256x16 pixels
        KernelPlan wideBlock = KernelPlan.of(uhd, OutputFormat.NV12, KernelPlan.BayerTile.S8X2);
        assertThat(wideBlock.kernel()).isEqualTo("gg_bayer_Nv12_s8x2_lsb_12");
        assertThat(wideBlock.blockX()).isEqualTo(32);
        assertThat(wideBlock.gridX()).isEqualTo(3840 / 256);
        assertThat(wideBlock.gridY()).isEqualTo((2160 + 15) / 16);
        // packings the benchmark does not measure keep 4x2
        assertThat(KernelPlan.of(new ConversionSpec(InputLayout.BAYER_RG10P, 1920, 1080, YuvMatrix.BT601, YuvRange.LIMITED),
                OutputFormat.NV12).kernel()).isEqualTo("gg_bayer_Nv12_4x2_lsb_10");

        // odd sizes round up: the last tile is partial
        KernelPlan odd = KernelPlan.of(new ConversionSpec(InputLayout.BAYER_BG8, 1921, 1083, YuvMatrix.BT601,
                YuvRange.FULL), OutputFormat.NV12, KernelPlan.BayerTile.T8X2R);
        assertThat(odd.kernel()).isEqualTo("gg_bayer_Nv12_8x2r_u8");
        assertThat((long) odd.gridX() * odd.blockX()).isGreaterThanOrEqualTo(241);
        assertThat((long) odd.gridY() * odd.blockY()).isGreaterThanOrEqualTo(542);
        // RGBA and other families ignore the tile
        assertThat(KernelPlan.of(hd, OutputFormat.RGBA8, KernelPlan.BayerTile.S8X2).kernel()).isEqualTo("gg_bayer_Rgba_u8");
        assertThat(KernelPlan.of(ConversionSpec.of(InputLayout.MONO8, 64, 64), OutputFormat.NV12,
                KernelPlan.BayerTile.S8X2).kernel()).isEqualTo("gg_mono_Nv12_u8");
    }

    @Test
    void everyColourTableNeedsNeitherTheLumaClampNorTheLowerChromaClamp() {
        for (YuvMatrix m : YuvMatrix.values()) {
            for (YuvRange r : YuvRange.values()) {
                assertThatNoException().as(m + " " + r).isThrownBy(() -> KernelPlan.checkNoClampBounds(YuvCoefficients.of(m, r)));
            }
        }
    }

    @Test
    void aTableThatCouldLeaveTheRangeIsRefused() {
        YuvCoefficients t = YuvCoefficients.of(YuvMatrix.BT601, YuvRange.FULL);
        YuvCoefficients negativeLuma = new YuvCoefficients(-1, t.yG(), t.yB(), t.yOffset(), t.cbR(), t.cbG(), t.cbB(),
                t.crR(), t.crG(), t.crB(), t.kY(), t.kRV(), t.kGU(), t.kGV(), t.kBU());
        assertThatThrownBy(() -> KernelPlan.checkNoClampBounds(negativeLuma)).hasMessageContaining("luma coefficient -1");
        YuvCoefficients overflow = new YuvCoefficients(t.yR(), t.yG(), t.yB(), 16, t.cbR(), t.cbG(), t.cbB(),
                t.crR(), t.crG(), t.crB(), t.kY(), t.kRV(), t.kGU(), t.kGV(), t.kBU());
        assertThatThrownBy(() -> KernelPlan.checkNoClampBounds(overflow)).hasMessageContaining("24 bits");
        YuvCoefficients chroma = new YuvCoefficients(t.yR(), t.yG(), t.yB(), t.yOffset(), -40000, t.cbG(), t.cbB(),
                t.crR(), t.crG(), t.crB(), t.kY(), t.kRV(), t.kGU(), t.kGV(), t.kBU());
        assertThatThrownBy(() -> KernelPlan.checkNoClampBounds(chroma)).hasMessageContaining("lower clamp");
    }
}
