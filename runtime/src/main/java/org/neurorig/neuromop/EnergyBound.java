package org.neurorig.neuromop;

/**
 * The energy task: terminal when E(x) = (1/N) sqrt(sum_i (x_i + 1)^2) exceeds the threshold (the paper's
 * L = 0.11). x_i = -1 is the lowest activity, so E measures how far the network is from silence.
 * The margin is L - E, a distance in E's units.
 */
public record EnergyBound(int n, double threshold) implements TerminalSet {

    public EnergyBound {
        if (!(threshold > 0)) {
            throw new IllegalArgumentException("energy threshold L = " + threshold + ": expected a number > 0");
        }
    }

    /** The energy E(x) of the state at {@code states[offset ..]}. */
    public double energy(float[] states, int offset) {
        // four independent sums: one chain of fused multiply-adds waits on each one's latency, and this runs
        // for every one of the 2^M successors of every step
        float s0 = 0f;
        float s1 = 0f;
        float s2 = 0f;
        float s3 = 0f;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            float d0 = states[offset + i] + 1f;
            float d1 = states[offset + i + 1] + 1f;
            float d2 = states[offset + i + 2] + 1f;
            float d3 = states[offset + i + 3] + 1f;
            s0 = Math.fma(d0, d0, s0);
            s1 = Math.fma(d1, d1, s1);
            s2 = Math.fma(d2, d2, s2);
            s3 = Math.fma(d3, d3, s3);
        }
        for (; i < n; i++) {
            float d = states[offset + i] + 1f;
            s0 = Math.fma(d, d, s0);
        }
        return Math.sqrt((s0 + s1) + (s2 + s3)) / n;
    }

    @Override
    public boolean isTerminal(float[] states, int offset) {
        return energy(states, offset) > threshold;
    }

    @Override
    public double margin(float[] states, int offset) {
        return threshold - energy(states, offset);
    }

    @Override
    public String name() {
        return "energy L=" + threshold;
    }
}
