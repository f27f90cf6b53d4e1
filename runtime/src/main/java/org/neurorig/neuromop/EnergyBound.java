package org.neurorig.neuromop;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

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

    /** Four lanes: lane j is {@link #energy}'s partial sum s_j, so the vector sums in the scalar order. */
    private static final VectorSpecies<Float> FOUR = FloatVector.SPECIES_128;

    /**
     * The energies of four rows at a time, each with {@link #energy}'s arithmetic in its order (one
     * 4-lane vector per row holds s0..s3, element i going to lane i mod 4), so the same bits: the four
     * rows' chains of fused multiply-adds overlap instead of waiting on one another.
     */
    @Override
    public void classify(float[] states, int stride, int rows, boolean[] terminal) {
        int r = 0;
        if (n % 4 == 0) {
            for (; r + 3 < rows; r += 4) {
                int o0 = r * stride;
                int o1 = o0 + stride;
                int o2 = o1 + stride;
                int o3 = o2 + stride;
                FloatVector a0 = FloatVector.zero(FOUR);
                FloatVector a1 = FloatVector.zero(FOUR);
                FloatVector a2 = FloatVector.zero(FOUR);
                FloatVector a3 = FloatVector.zero(FOUR);
                for (int i = 0; i < n; i += 4) {
                    FloatVector d0 = FloatVector.fromArray(FOUR, states, o0 + i).add(1f);
                    FloatVector d1 = FloatVector.fromArray(FOUR, states, o1 + i).add(1f);
                    FloatVector d2 = FloatVector.fromArray(FOUR, states, o2 + i).add(1f);
                    FloatVector d3 = FloatVector.fromArray(FOUR, states, o3 + i).add(1f);
                    a0 = d0.fma(d0, a0);
                    a1 = d1.fma(d1, a1);
                    a2 = d2.fma(d2, a2);
                    a3 = d3.fma(d3, a3);
                }
                terminal[r] = Math.sqrt((a0.lane(0) + a0.lane(1)) + (a0.lane(2) + a0.lane(3))) / n > threshold;
                terminal[r + 1] = Math.sqrt((a1.lane(0) + a1.lane(1)) + (a1.lane(2) + a1.lane(3))) / n > threshold;
                terminal[r + 2] = Math.sqrt((a2.lane(0) + a2.lane(1)) + (a2.lane(2) + a2.lane(3))) / n > threshold;
                terminal[r + 3] = Math.sqrt((a3.lane(0) + a3.lane(1)) + (a3.lane(2) + a3.lane(3))) / n > threshold;
            }
        }
        for (; r < rows; r++) {
            terminal[r] = isTerminal(states, r * stride);
        }
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
