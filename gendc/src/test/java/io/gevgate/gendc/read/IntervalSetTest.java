package io.gevgate.gendc.read;

import static org.assertj.core.api.Assertions.assertThat;

import io.gevgate.gendc.GenDcFormatException;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.api.Test;

/** The overlap finder agrees with a brute-force check on in-order, small and large random sets. */
class IntervalSetTest {
    private static final long SEED = 0x1A7E_2026L;

    @Test
    void agreesWithBruteForce() {
        System.out.println("IntervalSetTest seed = 0x" + Long.toHexString(SEED));
        RandomGenerator r = RandomGeneratorFactory.of("L64X128MixRandom").create(SEED);
        IntervalSet set = new IntervalSet("data");
        int overlapping = 0;
        int streamedDecisions = 0;
        for (int round = 0; round < 4000; round++) {
            int n = r.nextInt(4) == 0 ? 33 + r.nextInt(200) : r.nextInt(33); // both sort paths
            boolean ordered = r.nextInt(3) == 0;
            long[] g = new long[n];
            long[] s = new long[n];
            long[] e = new long[n];
            long cursor = 0;
            for (int i = 0; i < n; i++) {
                g[i] = ordered ? 0 : r.nextInt(3);
                s[i] = ordered ? cursor + r.nextInt(3) - 1 : r.nextLong(n * 40L + 1);
                s[i] = Math.max(0, s[i]);
                e[i] = s[i] + r.nextInt(40);
                cursor = e[i];
            }
            boolean expected = bruteForceOverlap(g, s, e);
            // storing mode decides alone; streaming mode either decides or asks for storing mode
            assertThat(overlaps(set, true, g, s, e)).as("storing, round %d, n %d", round, n).isEqualTo(expected);
            Boolean streamed = overlaps(set, false, g, s, e);
            if (streamed != null) {
                assertThat(streamed).as("streaming, round %d, n %d", round, n).isEqualTo(expected);
                streamedDecisions++;
            }
            overlapping += expected ? 1 : 0;
        }
        assertThat(overlapping).as("both outcomes occur").isBetween(200, 3800);
        assertThat(streamedDecisions).as("the streaming path decides often").isGreaterThan(500);
    }

    /** True/false = overlap or not; null = streaming mode found the set out of order. */
    private static Boolean overlaps(IntervalSet set, boolean storing, long[] g, long[] s, long[] e) {
        set.clear(storing);
        try {
            for (int i = 0; i < s.length; i++) {
                set.add(g[i], s[i], e[i], i, IntervalSet.partOwner(0, i));
            }
            if (!storing && set.outOfOrder()) {
                return null;
            }
            set.requireDisjoint();
            return false;
        } catch (GenDcFormatException ex) {
            assertThat(ex.expected()).contains("no overlap");
            return true;
        }
    }

    private static boolean bruteForceOverlap(long[] g, long[] s, long[] e) {
        for (int i = 0; i < s.length; i++) {
            for (int j = i + 1; j < s.length; j++) {
                boolean nonEmpty = e[i] > s[i] && e[j] > s[j];
                if (nonEmpty && g[i] == g[j] && s[i] < e[j] && s[j] < e[i]) {
                    return true;
                }
            }
        }
        return false;
    }
}
