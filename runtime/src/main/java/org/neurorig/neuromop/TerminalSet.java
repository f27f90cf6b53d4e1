package org.neurorig.neuromop;

/**
 * The states that end an episode. Terminal states are absorbing and their value is 0 whatever the
 * value network says.
 */
public interface TerminalSet {

    /** Whether the state stored at {@code states[offset ..]} is terminal. */
    boolean isTerminal(float[] states, int offset);

    /**
     * {@code terminal[r] = isTerminal(states, r * stride)} for the {@code rows} states stored every
     * {@code stride} values (the successors of a state): the hot loop asks for all of them at once, so a
     * terminal set can check several rows together. The answers must equal {@link #isTerminal}'s.
     */
    default void classify(float[] states, int stride, int rows, boolean[] terminal) {
        for (int r = 0; r < rows; r++) {
            terminal[r] = isTerminal(states, r * stride);
        }
    }

    /**
     * How deep inside the allowed region the state is: positive inside, larger farther from the
     * boundary. It orders states by closeness to the constraint (to tell "near" from "far"); it is a
     * distance only where the implementation says so.
     */
    double margin(float[] states, int offset);

    /** A short name for reports ("energy L=0.11", "square"). */
    String name();

    /**
     * Called when the agent's one-hot context changes (-1: none), for terminal sets that depend on it
     * (one shape per context). The default ignores it.
     */
    default void setContext(int context) {
    }
}
