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
        float sum = 0f;
        for (int i = 0; i < n; i++) {
            float d = states[offset + i] + 1f;
            sum = Math.fma(d, d, sum);
        }
        return Math.sqrt(sum) / n;
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
