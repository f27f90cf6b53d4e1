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
 *       a time. The rule keeps the last K ticks' terms in low-rank form (each tick's postsynaptic and
 *       presynaptic vectors, its rewards) and applies them to the trace and the weights in one pass over
 *       memory. The weights then change every K ticks by exactly the sum of the K per-tick updates (the
 *       same floating-point operations in the same order, so to the bit); what differs is only when the
 *       forward pass sees them: a step runs on weights that lack the updates of up to K - 1 earlier ticks
 *       of its block. A full N x N update reads and writes the trace and the weights once per K ticks
 *       instead of every tick, which is what makes online learning of a large recurrent matrix cheap.
 *   <li>{@link #spread() online(lambda).updatingEvery(K).spread()}: the same again, but a block's pass
 *       is not done at once at its K-th tick: it is spread over the next K ticks, a 1/K share of the
 *       matrix rows per tick, while the next block is recorded. Every tick then costs about the same
 *       (no K-th tick that costs the whole pass, which in a loop at 1 kHz with N = 512 is longer than a
 *       period), the weights end the same, to the bit, and the forward pass sees a row's updates up to
 *       2K - 1 ticks after the tick that made them instead of K - 1.
 * </ul>
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

    /**
     * This online timing with its weight updates applied every {@code ticks} ticks, as one pass over
     * trace and weights (see the class comment); 1 is every tick.
     */
    public Timing updatingEvery(int ticks) {
        return new Timing(online, traceDecay, ticks, spreadUpdates);
    }

    /**
     * This online timing with each block's pass over trace and weights spread over the next K ticks
     * (see the class comment): a flat tick time for a lag of up to 2K - 1 ticks.
     */
    public Timing spread() {
        return new Timing(online, traceDecay, updateEvery, true);
    }
}
