package org.neurorig.neuromop;

/**
 * The controller's oracle: the deterministic one-step successors x'(x, a) of a state under every action.
 * NeuroMOP evaluates its value at all of them before it acts, so this is the hot loop: implementations
 * compute all successors in a few batched kernel calls and allocate nothing.
 */
public interface SuccessorModel {

    /** Values in a state. */
    int stateSize();

    /** Number of discrete actions. */
    int actionCount();

    /** Number of components of an action vector (M for {-1, +1}^M, 1 for a force). */
    int actionDimensions();

    /** Component k of action a's vector, for the effective dimensionality of the actions taken. */
    float actionComponent(int action, int k);

    /**
     * Fills {@code successors} ({@code actionCount() x stateSize()}, row-major) with x'(state, a) in row a.
     */
    void successors(float[] state, float[] successors);

    /**
     * The state-entropy term H(S | x, a) of each action for the state of the last {@link #successors}
     * call, written to {@code out[0 .. actionCount())}; false when this model has none (then beta must be 0).
     */
    default boolean stateEntropy(float[] out) {
        return false;
    }
}
