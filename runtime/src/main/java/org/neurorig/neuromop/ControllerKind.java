package org.neurorig.neuromop;

/** Which controller picks the actions. */
public enum ControllerKind {
    /** NeuroMOP: the exact Boltzmann policy over all successors, maximizing future action entropy. */
    MOP,
    /** The reward maximizer: r = 1 while alive, epsilon-greedy on r + gamma V(x'). */
    R;

    public String label() {
        return this == MOP ? "NeuroMOP" : "R";
    }
}
