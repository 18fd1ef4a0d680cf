package io.gevgate.simulator.stream;

import java.util.SplittableRandom;

/** Decides, packet by packet, what {@link LossInjection} does to it. Emitter thread only. */
final class LossInjector {
    enum Action { SEND, DROP, DUPLICATE, REORDER }

    private final LossInjection cfg;
    private final SplittableRandom random;
    private int burstLeft;

    LossInjector(LossInjection cfg) {
        this.cfg = cfg;
        this.random = new SplittableRandom(cfg.seed());
    }

    Action next(boolean resend) {
        if (cfg.isNone()) {
            return Action.SEND;
        }
        if (resend) {
            if (!cfg.affectsResends()) {
                return Action.SEND;
            }
            if (cfg.randomLoss() > 0 && random.nextDouble() < cfg.randomLoss()) {
                return Action.DROP;
            }
            return cfg.duplicateRate() > 0 && random.nextDouble() < cfg.duplicateRate() ? Action.DUPLICATE : Action.SEND;
        }
        if (burstLeft > 0) {
            burstLeft--;
            return Action.DROP;
        }
        if (cfg.burstLength() > 0 && cfg.burstProbability() > 0 && random.nextDouble() < cfg.burstProbability()) {
            burstLeft = cfg.burstLength() - 1;
            return Action.DROP;
        }
        if (cfg.randomLoss() > 0 && random.nextDouble() < cfg.randomLoss()) {
            return Action.DROP;
        }
        if (cfg.duplicateRate() > 0 && random.nextDouble() < cfg.duplicateRate()) {
            return Action.DUPLICATE;
        }
        if (cfg.reorderRate() > 0 && random.nextDouble() < cfg.reorderRate()) {
            return Action.REORDER;
        }
        return Action.SEND;
    }
}
