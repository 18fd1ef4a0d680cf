package io.gevgate.simulator.stream;

/**
 * What the emitter does to its own packets to imitate a bad network: random loss, loss bursts,
 * reordering and duplicates, all from one seeded generator so a failing run can be replayed.
 *
 * @param randomLoss probability (0..1) that a packet is dropped
 * @param burstProbability probability per packet that a loss burst starts there
 * @param burstLength packets dropped by each burst
 * @param reorderRate probability that a packet is held back and sent after the next one
 * @param duplicateRate probability that a packet is sent twice
 * @param affectsResends whether random loss/duplicates also hit resent packets (bursts never do)
 * @param seed generator seed
 */
public record LossInjection(double randomLoss, double burstProbability, int burstLength, double reorderRate,
                            double duplicateRate, boolean affectsResends, long seed) {
    public static final LossInjection NONE = new LossInjection(0, 0, 0, 0, 0, false, 0);

    public LossInjection {
        check(randomLoss, "random loss");
        check(burstProbability, "burst probability");
        check(reorderRate, "reorder rate");
        check(duplicateRate, "duplicate rate");
        if (burstLength < 0) {
            throw new IllegalArgumentException("burst length must be >= 0, got " + burstLength);
        }
    }

    public static LossInjection random(double rate, long seed) {
        return new LossInjection(rate, 0, 0, 0, 0, true, seed);
    }

    public static LossInjection bursts(double probability, int length, long seed) {
        return new LossInjection(0, probability, length, 0, 0, false, seed);
    }

    public boolean isNone() {
        return randomLoss == 0 && (burstProbability == 0 || burstLength == 0) && reorderRate == 0 && duplicateRate == 0;
    }

    private static void check(double p, String what) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException(what + " must be 0..1, got " + p);
        }
    }
}
