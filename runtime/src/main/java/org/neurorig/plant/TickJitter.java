package org.neurorig.plant;

import java.util.SplittableRandom;

/**
 * Tick timing jitter for a plant in lockstep with the loop. A real loop sleeps to absolute deadlines
 * and wakes a little late each time: tick k starts {@code latency_k} after its deadline, so the command
 * written at tick k is held for {@code dt + latency_(k+1) - latency_k}, not for dt. Latencies are
 * half-normal (|N(0, std)|, always late, never early) and capped at half a tick: later than that a
 * real loop counts an overrun instead. The mean step stays dt; only its length varies.
 *
 * <p>Seeded, so a run repeats exactly. Not thread-safe: it belongs to the plant that owns it.
 */
public final class TickJitter {

    private final double std;
    private final SplittableRandom random;
    private double previousLatency;

    /**
     * @param std  standard deviation of the underlying normal of each tick's wake-up latency, s
     * @param seed the random sequence's seed
     */
    public TickJitter(double std, long seed) {
        if (!(std >= 0) || Double.isInfinite(std)) {
            throw new IllegalArgumentException("jitter = " + std + " s is out of range: expected a finite number >= 0");
        }
        this.std = std;
        this.random = new SplittableRandom(seed);
    }

    /** The length of the next step for a nominal tick of {@code dt} seconds. */
    public double nextStep(double dt) {
        double latency = Math.min(Math.abs(random.nextGaussian()) * std, 0.5 * dt);
        double step = dt + latency - previousLatency;
        previousLatency = latency;
        return step;
    }

    /** Starts an episode: the first tick is on time. The random sequence continues. */
    void startEpisode() {
        previousLatency = 0;
    }
}
