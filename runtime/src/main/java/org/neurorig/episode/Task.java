package org.neurorig.episode;

/**
 * What the controller is for, as the loop sees it: the reward per tick and, besides the plant's own
 * terminal states, when an episode ends. Called on the loop thread after each read; allocates nothing.
 */
public interface Task {

    /**
     * The reward for the transition into {@code sensors}, caused by {@code lastCommands} (the commands
     * last written, after clamping). Not called on the first tick of an episode.
     */
    double reward(double[] sensors, double[] lastCommands);

    /** Whether {@code sensors} end the episode, in addition to {@link org.neurorig.device.Plant#terminated()}. */
    default boolean terminal(double[] sensors) {
        return false;
    }

    /**
     * Gymnasium's CartPole-v1 reward: +1 for every step taken, the one into the terminal state
     * included, so an episode's return is its length. Termination is the plant's.
     */
    static Task survival() {
        return (sensors, lastCommands) -> 1.0;
    }

    /** No reward and no termination of its own: a rig that only runs. */
    static Task none() {
        return (sensors, lastCommands) -> 0.0;
    }
}
