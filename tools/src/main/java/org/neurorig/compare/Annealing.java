package org.neurorig.compare;

import java.util.Locale;

/**
 * How an in-loop learner quiets down over its episode budget, so that it converges instead of
 * perturbing and stepping at full size to the end: the noise and the learning rate each fall
 * geometrically from their set values at the first episode to {@code noiseEnd} and {@code rateEnd}
 * times those values at the last.
 *
 * @param noiseEnd the noise's final fraction, in (0, 1] (1: no annealing)
 * @param rateEnd  the learning rate's final fraction, in (0, 1]
 */
record Annealing(double noiseEnd, double rateEnd) {

    Annealing {
        if (!(noiseEnd > 0 && noiseEnd <= 1) || !(rateEnd > 0 && rateEnd <= 1)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "annealing: noise end %s, rate end %s: expected fractions above 0 and at most 1", noiseEnd, rateEnd));
        }
    }

    static Annealing none() {
        return new Annealing(1, 1);
    }

    /** The noise's factor at {@code episode} (from 0) of {@code episodes}. */
    double noise(int episode, int episodes) {
        return factor(noiseEnd, episode, episodes);
    }

    /** The learning rate's factor at {@code episode} (from 0) of {@code episodes}. */
    double rate(int episode, int episodes) {
        return factor(rateEnd, episode, episodes);
    }

    private static double factor(double end, int episode, int episodes) {
        return episodes <= 1 ? 1 : Math.pow(end, (double) episode / (episodes - 1));
    }

    String describe() {
        return noiseEnd == 1 && rateEnd == 1 ? "no annealing"
                : String.format(Locale.ROOT, "annealed geometrically over the budget: noise to %.3g x, rate to %.3g x", noiseEnd, rateEnd);
    }
}
