package org.neurorig.learning;

/**
 * When a rule turns eligibility into weight change, and how long its eligibility remembers.
 *
 * <ul>
 *   <li>{@link #episodic()}: the eligibility accumulates over the episode (no decay), rewards add up to
 *       the episode's return R, and {@link ThreeFactorRule#endEpisode()} applies
 *       {@code Delta w = eta (R - Rbar) e} once. Williams' episodic REINFORCE, episodic node perturbation.
 *   <li>{@link #online(float)}: a low-pass eligibility {@code e <- lambda e + (post x pre)} and an update
 *       {@code Delta w = eta (r - rbar) e} for every {@link ThreeFactorRule#reward(float)}, every tick or
 *       whenever a reward arrives.
 *   <li>{@link #updatingEvery(int) online(lambda).updatingEvery(K)}: the same updates, applied K ticks at
 *       a time, to the same weights bit for bit; a step sees its block's earlier updates up to K - 1
 *       ticks late.
 *   <li>{@link #spread() online(lambda).updatingEvery(K).spread()}: the same again, each block's pass
 *       spread over the next K ticks, so no tick costs the whole pass; the lag grows to 2K - 1 ticks.
 * </ul>
 * Why and how the deferred updates stay exact: {@link EligibilityTrace}.
 *
 * @param online      whether each reward updates the weights (at once, or at the end of its block)
 * @param traceDecay  lambda, the fraction of the eligibility kept per tick, in [0, 1]
 * @param updateEvery K, the ticks per weight update of an online rule (1: every tick); 1 when episodic
 * @param spreadUpdates whether each block's pass is spread over the next K ticks; false when episodic
 */
public record Timing(boolean online, float traceDecay, int updateEvery, boolean spreadUpdates) {

    /** The largest K: a block's vectors stay small next to the matrices they update. */
    public static final int MAX_UPDATE_EVERY = 1024;

    public Timing {
        if (!(traceDecay >= 0f && traceDecay <= 1f)) {
            throw new IllegalArgumentException("trace decay = " + traceDecay
                    + " is out of range: expected 0 <= lambda <= 1 (the fraction of the eligibility kept per tick)");
        }
        if (updateEvery < 1 || updateEvery > MAX_UPDATE_EVERY) {
            throw new IllegalArgumentException("update every = " + updateEvery + " ticks is out of range: expected 1 to "
                    + MAX_UPDATE_EVERY);
        }
        if (!online && updateEvery != 1) {
            throw new IllegalArgumentException("update every = " + updateEvery
                    + " ticks applies to online learning; an episodic rule updates once, at the episode's end");
        }
        if (!online && spreadUpdates) {
            throw new IllegalArgumentException(
                    "spreading the update over ticks applies to online learning; an episodic rule updates once, at the episode's end");
        }
    }

    /** Online or episodic, updating the weights every {@code updateEvery} ticks, each block's pass at once. */
    public Timing(boolean online, float traceDecay, int updateEvery) {
        this(online, traceDecay, updateEvery, false);
    }

    /** Online or episodic, updating the weights at every reward. */
    public Timing(boolean online, float traceDecay) {
        this(online, traceDecay, 1);
    }

    /** Accumulate over the episode, update once at its end. */
    public static Timing episodic() {
        return new Timing(false, 1f);
    }

    /** Update at every reward, with an eligibility that keeps {@code traceDecay} of itself per tick. */
    public static Timing online(float traceDecay) {
        return new Timing(true, traceDecay);
    }

    /**
     * Online, with the eligibility's time constant in seconds: {@code lambda = exp(-dt / tau)}.
     *
     * @param traceTau the eligibility's time constant (s), &gt; 0
     * @param dt       the tick (s), &gt; 0
     */
    public static Timing online(double traceTau, double dt) {
        if (!(traceTau > 0) || !(dt > 0)) {
            throw new IllegalArgumentException("trace time constant " + traceTau + " s and tick " + dt
                    + " s must both be > 0");
        }
        return online((float) Math.exp(-dt / traceTau));
    }

    /** This online timing with its weight updates applied every {@code ticks} ticks (1: every tick). */
    public Timing updatingEvery(int ticks) {
        return new Timing(online, traceDecay, ticks, spreadUpdates);
    }

    /** This online timing with each block's pass over trace and weights spread over the next K ticks. */
    public Timing spread() {
        return new Timing(online, traceDecay, updateEvery, true);
    }
}
