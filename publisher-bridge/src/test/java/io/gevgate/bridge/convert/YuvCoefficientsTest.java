package io.gevgate.bridge.convert;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The literal integer tables against the real-valued BT.601/BT.709 definitions. */
class YuvCoefficientsTest {

    private static long round(double v) {
        return v >= 0 ? (long) Math.floor(v + 0.5) : -(long) Math.floor(-v + 0.5);
    }

    @ParameterizedTest
    @EnumSource(YuvMatrix.class)
    void tablesAreTheDocumentedDerivation(YuvMatrix matrix) {
        for (YuvRange range : YuvRange.values()) {
            YuvCoefficients c = YuvCoefficients.of(matrix, range);
            double kr = matrix.kr();
            double kb = matrix.kb();
            double kg = 1 - kr - kb;
            boolean full = range == YuvRange.FULL;
            double ys = full ? 1 : 219.0 / 255;
            double cs = full ? 1 : 224.0 / 255;
            double s = 65536;
            assertThat(c.yR()).isEqualTo(round(kr * ys * s));
            assertThat(c.yB()).isEqualTo(round(kb * ys * s));
            assertThat(c.yR() + c.yG() + c.yB()).isEqualTo(round(ys * s));
            assertThat(Math.abs(c.yG() - kg * ys * s)).isLessThanOrEqualTo(1.5);
            assertThat(c.yOffset()).isEqualTo(full ? 0 : 16);
            assertThat(c.cbR()).isEqualTo(round(-kr / (2 * (1 - kb)) * cs * s));
            assertThat(c.cbB()).isEqualTo(round(0.5 * cs * s));
            assertThat(c.cbR() + c.cbG() + c.cbB()).isZero();
            assertThat(c.crR()).isEqualTo(round(0.5 * cs * s));
            assertThat(c.crB()).isEqualTo(round(-kb / (2 * (1 - kr)) * cs * s));
            assertThat(c.crR() + c.crG() + c.crB()).isZero();
            double iy = full ? 1 : 255.0 / 219;
            double ic = full ? 1 : 255.0 / 224;
            assertThat(c.kY()).isEqualTo(round(iy * s));
            assertThat(c.kRV()).isEqualTo(round(2 * (1 - kr) * ic * s));
            assertThat(c.kBU()).isEqualTo(round(2 * (1 - kb) * ic * s));
            assertThat(c.kGU()).isEqualTo(round(-2 * (1 - kb) * kb / kg * ic * s));
            assertThat(c.kGV()).isEqualTo(round(-2 * (1 - kr) * kr / kg * ic * s));
        }
    }

    /** Fixed point vs double math with explicit final rounding: never more than 1 code value apart. */
    @Test
    void fixedPointStaysWithinOneOfIdealMath() {
        long seed = 0x5EED_C0EFL;
        System.out.printf("seed 0x%X%n", seed);
        RandomGenerator random = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
        for (YuvMatrix matrix : YuvMatrix.values()) {
            for (YuvRange range : YuvRange.values()) {
                YuvCoefficients c = YuvCoefficients.of(matrix, range);
                int maxY = 0;
                int maxC = 0;
                int maxInv = 0;
                for (int i = 0; i < 200_000; i++) {
                    int r = random.nextInt(256);
                    int g = random.nextInt(256);
                    int b = random.nextInt(256);
                    maxY = Math.max(maxY, Math.abs(c.luma(r, g, b) - IdealColour.luma(matrix, range, r, g, b)));
                    int sr = random.nextInt(1021);
                    int sg = random.nextInt(1021);
                    int sb = random.nextInt(1021);
                    int[] ideal = IdealColour.chromaOfSums(matrix, range, sr, sg, sb);
                    maxC = Math.max(maxC, Math.abs(c.cbOfSums(sr, sg, sb) - ideal[0]));
                    maxC = Math.max(maxC, Math.abs(c.crOfSums(sr, sg, sb) - ideal[1]));
                    int yy = random.nextInt(256);
                    int u = random.nextInt(256);
                    int v = random.nextInt(256);
                    int[] fixed = fixedInverse(c, yy, u, v);
                    int[] idealRgb = IdealColour.toRgb(matrix, range, yy, u, v);
                    for (int k = 0; k < 3; k++) {
                        maxInv = Math.max(maxInv, Math.abs(fixed[k] - idealRgb[k]));
                    }
                }
                assertThat(maxY).as("%s %s luma", matrix, range).isLessThanOrEqualTo(1);
                assertThat(maxC).as("%s %s chroma", matrix, range).isLessThanOrEqualTo(1);
                assertThat(maxInv).as("%s %s inverse", matrix, range).isLessThanOrEqualTo(1);
            }
        }
    }

    private static int[] fixedInverse(YuvCoefficients c, int y, int u, int v) {
        int ys = c.kY() * (y - c.yOffset());
        int uu = u - 128;
        int vv = v - 128;
        return new int[] {
            YuvCoefficients.clamp8((ys + c.kRV() * vv + 32768) >> 16),
            YuvCoefficients.clamp8((ys + c.kGU() * uu + c.kGV() * vv + 32768) >> 16),
            YuvCoefficients.clamp8((ys + c.kBU() * uu + 32768) >> 16)};
    }

    @Test
    void greyGivesNeutralChromaAndExactLumaInFullRange() {
        for (YuvMatrix matrix : YuvMatrix.values()) {
            YuvCoefficients full = YuvCoefficients.of(matrix, YuvRange.FULL);
            YuvCoefficients limited = YuvCoefficients.of(matrix, YuvRange.LIMITED);
            for (int v = 0; v < 256; v++) {
                assertThat(full.luma(v, v, v)).isEqualTo(v);
                assertThat(limited.luma(v, v, v)).isEqualTo(16 + (int) Math.floor(v * 219.0 / 255 + 0.5));
                assertThat(full.cbOfSums(4 * v, 4 * v, 4 * v)).isEqualTo(128);
                assertThat(full.crOfSums(4 * v, 4 * v, 4 * v)).isEqualTo(128);
                assertThat(limited.cbOfSums(4 * v, 4 * v, 4 * v)).isEqualTo(128);
            }
        }
    }
}
