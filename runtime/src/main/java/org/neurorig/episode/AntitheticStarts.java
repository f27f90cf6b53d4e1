package org.neurorig.episode;

import org.neurorig.learning.WeightPerturbation;

/**
 * Initial states for two-sided weight perturbation: a fresh start for the first trial of each
 * antithetic pair, the same start again for its second trial, so that the difference of the two
 * returns measures the perturbation and not the luck of the draw. For a one-sided rule every episode
 * gets a fresh start. Allocation-free, called on the loop thread at each reset (after the previous
 * episode has ended, when the rule knows which half comes next).
 */
public final class AntitheticStarts implements Episodes.InitialStates {

    private final Episodes.InitialStates fresh;
    private final WeightPerturbation rule;
    private final double[] last;
    private boolean drawn;

    /**
     * @param fresh     where new starts come from
     * @param rule      the rule whose pairs the starts follow
     * @param stateSize the plant's state size
     */
    public AntitheticStarts(Episodes.InitialStates fresh, WeightPerturbation rule, int stateSize) {
        this.fresh = fresh;
        this.rule = rule;
        this.last = new double[stateSize];
    }

    @Override
    public void next(double[] state) {
        if (!drawn || !rule.twoSided() || !rule.awaitingSecondHalf()) {
            fresh.next(last);
            drawn = true;
        }
        System.arraycopy(last, 0, state, 0, last.length);
    }
}
