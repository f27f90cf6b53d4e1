package org.neurorig.learning;

/**
 * When a rule turns eligibility into weight change, and how long its eligibility remembers.
 *
 * <ul>
 *   <li>{@link #episodic()}: the eligibility accumulates over the episode (no decay), rewards add up to
 *       the episode's return R, and {@link ThreeFactorRule#endEpisode()} applies
 *       {@code Delta w = eta (R - Rbar) e} once. Williams' episodic REINFORCE, episodic node perturbation.
 *   <li>{@link #online(float)}: a low-pass eligibility {@code e <- lambda e + (post x pre)} and an update
 *       {@code Delta w = eta (r - rbar) e} at every {@link ThreeFactorRule#reward(float)}, every tick or
 *       whenever a reward arrives.
 * </ul>
 *
 * @param online     whether each reward updates the weights at once
 * @param traceDecay lambda, the fraction of the eligibility kept per tick, in [0, 1]
 */
public record Timing(boolean online, float traceDecay) {

    public Timing {
        if (!(traceDecay >= 0f && traceDecay <= 1f)) {
            throw new IllegalArgumentException("trace decay = " + traceDecay
                    + " is out of range: expected 0 <= lambda <= 1 (the fraction of the eligibility kept per tick)");
        }
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
}
