package org.neurorig.neuromop;

/**
 * A {@link Shape} drawn by two readout units (state indices {@code first} and {@code second}, the paper's
 * x1 and x2): terminal when (x1, x2) leaves the region.
 */
public record ShapeRegion(Shape shape, double lPlus, double lMinus, int first, int second) implements TerminalSet {

    /** The paper's lengths: L+ = 0.2, L- = 0.1, readouts x1 = unit 0, x2 = unit 1. */
    public static ShapeRegion paper(Shape shape) {
        return new ShapeRegion(shape, 0.2, 0.1, 0, 1);
    }

    @Override
    public boolean isTerminal(float[] states, int offset) {
        return margin(states, offset) < 0;
    }

    @Override
    public double margin(float[] states, int offset) {
        return shape.depth(states[offset + first], states[offset + second], lPlus, lMinus);
    }

    @Override
    public String name() {
        return shape.label();
    }
}
