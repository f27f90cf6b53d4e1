package org.neurorig.neuromop;

/**
 * One recorded trajectory: the states x_0 .. x_L (L = lifetime steps, plus the terminal state when the
 * episode ended in one), the action, the policy's entropy and the state's margin at each decision.
 */
public final class Trajectory {

    private final int stateSize;
    private final int actionDimensions;
    private final float[] states;
    private final float[] actions;
    private final float[] entropies;
    private final float[] margins;
    private int decisions;
    private boolean terminated;

    public Trajectory(int stateSize, int actionDimensions, int horizon) {
        this.stateSize = stateSize;
        this.actionDimensions = actionDimensions;
        this.states = new float[(horizon + 1) * stateSize];
        this.actions = new float[horizon * actionDimensions];
        this.entropies = new float[horizon];
        this.margins = new float[horizon];
    }

    void start(float[] x0) {
        System.arraycopy(x0, 0, states, 0, stateSize);
        decisions = 0;
        terminated = false;
    }

    void record(SuccessorModel model, int action, double entropy, double margin, float[] next, int nextOffset) {
        for (int k = 0; k < actionDimensions; k++) {
            actions[decisions * actionDimensions + k] = model.actionComponent(action, k);
        }
        entropies[decisions] = (float) entropy;
        margins[decisions] = (float) margin;
        decisions++;
        System.arraycopy(next, nextOffset, states, decisions * stateSize, stateSize);
    }

    void terminate() {
        terminated = true;
    }

    /** Steps before the first terminal state (the lifetime t_end), or the horizon when none was met. */
    public int lifetime() {
        return decisions;
    }

    public boolean terminated() {
        return terminated;
    }

    public int stateSize() {
        return stateSize;
    }

    public int actionDimensions() {
        return actionDimensions;
    }

    /** Number of stored states: lifetime + 1. */
    public int stateCount() {
        return decisions + 1;
    }

    /** Component i of state t (t = 0 .. lifetime). */
    public float state(int t, int i) {
        return states[t * stateSize + i];
    }

    /** Component k of the action taken at step t. */
    public float action(int t, int k) {
        return actions[t * actionDimensions + k];
    }

    /** H(A | x_t) in nats. */
    public float entropy(int t) {
        return entropies[t];
    }

    /** The terminal set's margin of x_t. */
    public float margin(int t) {
        return margins[t];
    }
}
