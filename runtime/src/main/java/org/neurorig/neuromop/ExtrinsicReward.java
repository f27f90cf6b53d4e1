package org.neurorig.neuromop;

/** The extrinsic reward r(x, a) of the paper's appendix I, read off the successor state x'(x, a). */
@FunctionalInterface
public interface ExtrinsicReward {

    /** The reward for reaching the state at {@code states[offset ..]}. */
    float reward(float[] states, int offset);

    /**
     * +1 inside the axis-aligned square of side {@code side} centred at (cx, cy) in the plane of units
     * {@code first} and {@code second}, 0 elsewhere (the paper: side 0.1 centred at (0.1, 0.1)).
     */
    static ExtrinsicReward innerSquare(double cx, double cy, double side, int first, int second) {
        double h = side / 2;
        return (states, offset) -> Math.abs(states[offset + first] - cx) <= h
                && Math.abs(states[offset + second] - cy) <= h ? 1f : 0f;
    }
}
