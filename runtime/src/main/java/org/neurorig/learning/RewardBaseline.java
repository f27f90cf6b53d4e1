package org.neurorig.learning;

/**
 * The third factor's reference: a prediction of the reward, one per context (trial type), so that
 * {@code M = r - rbar} is a reward prediction error. A baseline that does not depend on the current
 * perturbation keeps the rules unbiased; a good one cuts their variance, and users of reward-modulated
 * rules find that raw reward without it does not learn.
 *
 * <p>Two kinds:
 * <ul>
 *   <li>{@link #running}: reinforcement comparison (Williams 1992), {@code rbar <- decay rbar + (1 - decay) r}
 *       after each prediction error. Right for an episodic rule (one return per episode) and for online
 *       rules whose trace forgets quickly. Online with a long trace it is biased: within an episode the
 *       prediction holds the episode's earlier rewards, which depend on the noise the trace still holds.
 *       With lambda = 1 a rule then follows the gradient of {@code sum_k decay^(T-1-k) r_k} instead of
 *       {@code sum_k r_k} (each earlier reward, subtracted again through the baseline at every later tick,
 *       keeps only {@code decay^(T-1-k)} of its credit); with lambda &lt; 1, the credit of reward k to the
 *       noise of tick s, {@code lambda^(k-s)}, shrinks by
 *       {@code (1 - decay) lambda (1 - (decay lambda)^(T-1-k)) / (1 - decay lambda)}.
 *   <li>{@link #perStep}: a prediction for each reward's place in the episode (its k-th reward), learned
 *       from earlier episodes only: this episode's rewards are recorded and folded in at its end, so
 *       nothing the current noise caused reaches its own prediction error, and a reward whose mean
 *       changes along the episode is still predicted. The online rule then follows the gradient of the
 *       expected return (lambda = 1) or of its lambda-windowed credit, unbiased.
 * </ul>
 * The first reward of a context (of a step) sets its prediction, so the first update is zero instead
 * of a jump by the whole reward. {@link #none()} is the zero baseline, for callers who compute the
 * reward difference themselves (a paired unperturbed run, or an antithetic pair).
 *
 * <p>Owned by the tick's thread; not thread-safe. Nothing allocates after construction.
 */
public final class RewardBaseline {

    private static final int MAX_CONTEXTS = 1 << 20;
    private static final int MAX_PREDICTIONS = 1 << 22;

    private final float decay;
    /** Predictions per context: 1 for a running baseline, the episode's reward slots for a per-step one. */
    private final int steps;
    private final boolean perStep;
    private final boolean fixedAtZero;
    private final float[] mean;
    private final boolean[] seen;
    /** Per step: this episode's rewards, folded into {@link #mean} at its end. */
    private final float[] episodeSum;
    private final int[] episodeCount;
    private int episodeContext = -1;
    /** One past the last step this episode rewarded: the end of the fold's pass. */
    private int episodeSteps;
    private int lastSlot;

    private RewardBaseline(int contexts, int steps, float decay, boolean perStep, boolean fixedAtZero) {
        if (contexts < 1 || contexts > MAX_CONTEXTS) {
            throw new IllegalArgumentException("baseline contexts = " + contexts + " is out of range: expected 1 to " + MAX_CONTEXTS);
        }
        if (steps < 1 || (long) steps * contexts > MAX_PREDICTIONS) {
            throw new IllegalArgumentException("baseline steps = " + steps + " is out of range: expected 1 to "
                    + MAX_PREDICTIONS / contexts + " for " + contexts + " context(s)");
        }
        if (!(decay >= 0f && decay < 1f)) {
            throw new IllegalArgumentException("baseline decay = " + decay
                    + " is out of range: expected 0 <= decay < 1 (the fraction of the old prediction kept per update)");
        }
        this.decay = decay;
        this.steps = steps;
        this.perStep = perStep;
        this.fixedAtZero = fixedAtZero;
        this.mean = new float[contexts * steps];
        this.seen = new boolean[contexts * steps];
        this.episodeSum = perStep ? new float[steps] : null;
        this.episodeCount = perStep ? new int[steps] : null;
    }

    /**
     * A running average per context, updated at every reward.
     *
     * @param contexts number of trial types (1 when the task has one)
     * @param decay    fraction of the old prediction kept at each reward: 0.9 is Williams' suggestion,
     *                 0.75 Miconi's per-trial baseline
     */
    public static RewardBaseline running(int contexts, float decay) {
        return new RewardBaseline(contexts, 1, decay, false, false);
    }

    /** A running average for a task with one context. */
    public static RewardBaseline running(float decay) {
        return running(1, decay);
    }

    /**
     * A prediction of each reward of an episode from the same reward of earlier episodes, per context:
     * the unbiased baseline for an online rule with a long trace.
     *
     * @param contexts number of trial types
     * @param steps    rewards per episode predicted apart (the episode's tick limit when it rewards every
     *                 tick); rewards after the {@code steps}-th share the last prediction
     * @param decay    fraction of a prediction kept per episode
     */
    public static RewardBaseline perStep(int contexts, int steps, float decay) {
        return new RewardBaseline(contexts, steps, decay, true, false);
    }

    /** No baseline: the prediction error is the reward itself. */
    public static RewardBaseline none() {
        return new RewardBaseline(1, 1, 0f, false, true);
    }

    /** The number of contexts this baseline predicts separately. */
    public int contexts() {
        return mean.length / steps;
    }

    /** Whether each reward of an episode has its own prediction, learned from earlier episodes. */
    public boolean isPerStep() {
        return perStep;
    }

    /** The prediction error of a context's only (or first) reward in an episode; see {@link #predictionError(int, int, float)}. */
    public float predictionError(int context, float reward) {
        return predictionError(context, 0, reward);
    }

    /**
     * The prediction error {@code r - rbar} of the {@code step}-th reward (from 0) of this episode in
     * {@code context}. A running baseline then updates its prediction (and ignores {@code step}); a
     * per-step one records the reward for {@link #endEpisode()}.
     */
    public float predictionError(int context, int step, float reward) {
        if (fixedAtZero) {
            return reward;
        }
        if (perStep) {
            if (episodeContext != context) {
                endEpisode(); // a context switch without an episode end: the finished episode counts
                episodeContext = context;
            }
            int s = Math.min(step, steps - 1);
            int slot = context * steps + s;
            lastSlot = slot;
            if (Float.isFinite(reward)) {
                episodeSum[s] += reward;
                episodeCount[s]++;
                episodeSteps = Math.max(episodeSteps, s + 1);
            }
            return seen[slot] ? reward - mean[slot] : 0f;
        }
        lastSlot = context;
        if (!seen[context]) {
            seen[context] = true;
            mean[context] = reward;
            return 0f;
        }
        float error = reward - mean[context];
        mean[context] = decay * mean[context] + (1f - decay) * reward;
        return error;
    }

    /**
     * Folds this episode's rewards into a per-step baseline's predictions (their mean, for rewards
     * that share the last one); nothing for a running baseline. The rules call it at an episode's end;
     * calling it again does nothing.
     */
    public void endEpisode() {
        if (!perStep || episodeContext < 0) {
            return;
        }
        int base = episodeContext * steps;
        for (int s = 0; s < episodeSteps; s++) {
            int n = episodeCount[s];
            if (n == 0) {
                continue;
            }
            float r = episodeSum[s] / n;
            int slot = base + s;
            if (!seen[slot]) {
                seen[slot] = true;
                mean[slot] = r;
            } else {
                mean[slot] = decay * mean[slot] + (1f - decay) * r;
            }
            episodeSum[s] = 0f;
            episodeCount[s] = 0;
        }
        episodeContext = -1;
        episodeSteps = 0;
    }

    /** The current prediction for {@code context} (0 before its first reward); per step, of the step last rewarded. */
    public float value(int context) {
        if (perStep) {
            return lastSlot / steps == context ? mean[lastSlot] : mean[context * steps];
        }
        return mean[context];
    }

    /** Forgets every prediction. */
    public void reset() {
        java.util.Arrays.fill(mean, 0f);
        java.util.Arrays.fill(seen, false);
        if (perStep) {
            java.util.Arrays.fill(episodeSum, 0f);
            java.util.Arrays.fill(episodeCount, 0);
            episodeContext = -1;
            episodeSteps = 0;
        }
        lastSlot = 0;
    }

    void requireContext(int context) {
        int contexts = contexts();
        if (context < 0 || context >= contexts) {
            throw new IllegalArgumentException("context " + context + " is out of range: this baseline has "
                    + contexts + " context(s), 0 to " + (contexts - 1));
        }
    }
}
