package org.neurorig.neuromop;

/**
 * The context task's terminal set: one {@link ShapeRegion} per one-hot context, the one in force chosen
 * by the agent's context ({@link MopAgent#setContext}). Belongs to one agent.
 */
public final class ContextShapes implements TerminalSet {

    private final ShapeRegion[] regions;
    private int context;

    public ContextShapes(ShapeRegion... regions) {
        if (regions.length == 0) {
            throw new IllegalArgumentException("context shapes: expected at least one region");
        }
        this.regions = regions.clone();
    }

    /** The paper's six shapes ({@link Shape} order) with L+ = 0.2, L- = 0.1, readouts on units 0 and 1. */
    public static ContextShapes paper() {
        Shape[] shapes = Shape.values();
        ShapeRegion[] r = new ShapeRegion[shapes.length];
        for (int i = 0; i < shapes.length; i++) {
            r[i] = ShapeRegion.paper(shapes[i]);
        }
        return new ContextShapes(r);
    }

    /** Number of contexts (shapes). */
    public int size() {
        return regions.length;
    }

    @Override
    public void setContext(int c) {
        context = Math.max(0, c); // -1 (no context) keeps the first shape
    }

    @Override
    public boolean isTerminal(float[] states, int offset) {
        return regions[context].isTerminal(states, offset);
    }

    @Override
    public double margin(float[] states, int offset) {
        return regions[context].margin(states, offset);
    }

    @Override
    public String name() {
        return regions[context].name();
    }
}
