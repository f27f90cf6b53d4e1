package org.neurorig.learning;

/**
 * The third factor's reference: a running prediction of the reward, one per context (trial type), so
 * that {@code M = r - rbar} is a reward prediction error. Any baseline that does not depend on the
 * current perturbation keeps the rules unbiased; a good one cuts their variance, and users of
 * reward-modulated rules find that raw reward without it does not learn.
 *
 * <p>Update (reinforcement comparison, Williams 1992): {@code rbar <- decay rbar + (1 - decay) r}, after
 * the prediction error is taken. The first reward of a context sets its baseline, so the first update
 * is zero instead of a jump by the whole reward. {@link #none()} is the zero baseline, for callers who
 * compute the reward difference themselves (a paired unperturbed run, or an antithetic pair).
 *
 * <p>Owned by the tick's thread; not thread-safe.
 */
public final class RewardBaseline {

    private final float decay;
    private final float[] mean;
    private final boolean[] seen;
    private final boolean fixedAtZero;

    private RewardBaseline(int contexts, float decay, boolean fixedAtZero) {
        if (contexts < 1 || contexts > 1 << 20) {
            throw new IllegalArgumentException("baseline contexts = " + contexts + " is out of range: expected 1 to " + (1 << 20));
        }
        if (!(decay >= 0f && decay < 1f)) {
            throw new IllegalArgumentException("baseline decay = " + decay
                    + " is out of range: expected 0 <= decay < 1 (the fraction of the old prediction kept per reward)");
        }
        this.decay = decay;
        this.mean = new float[contexts];
        this.seen = new boolean[contexts];
        this.fixedAtZero = fixedAtZero;
    }

    /**
     * A running average per context.
     *
     * @param contexts number of trial types (1 when the task has one)
     * @param decay    fraction of the old prediction kept at each reward: 0.9 is Williams' suggestion,
     *                 0.75 Miconi's per-trial baseline
     */
    public static RewardBaseline running(int contexts, float decay) {
        return new RewardBaseline(contexts, decay, false);
    }

    /** A running average for a task with one context. */
    public static RewardBaseline running(float decay) {
        return running(1, decay);
    }

    /** No baseline: the prediction error is the reward itself. */
    public static RewardBaseline none() {
        return new RewardBaseline(1, 0f, true);
    }

    /** The number of contexts this baseline predicts separately. */
    public int contexts() {
        return mean.length;
    }

    /** The prediction error {@code r - rbar} of {@code context}; then updates that context's prediction. */
    public float predictionError(int context, float reward) {
        if (fixedAtZero) {
            return reward;
        }
        if (!seen[context]) {
            seen[context] = true;
            mean[context] = reward;
            return 0f;
        }
        float error = reward - mean[context];
        mean[context] = decay * mean[context] + (1f - decay) * reward;
        return error;
    }

    /** The current prediction for {@code context} (0 before its first reward). */
    public float value(int context) {
        return mean[context];
    }

    /** Forgets every prediction. */
    public void reset() {
        java.util.Arrays.fill(mean, 0f);
        java.util.Arrays.fill(seen, false);
    }

    void requireContext(int context) {
        if (context < 0 || context >= mean.length) {
            throw new IllegalArgumentException("context " + context + " is out of range: this baseline has "
                    + mean.length + " context(s), 0 to " + (mean.length - 1));
        }
    }
}
