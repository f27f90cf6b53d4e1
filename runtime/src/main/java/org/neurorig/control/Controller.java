package org.neurorig.control;

/**
 * What the control loop ({@link org.neurorig.loop.ControlLoop}) calls in its update phase: sensor values
 * in, actuator commands out, once per tick, on the loop thread. This is the seam between the real-time
 * loop and everything that decides (a network with a readout, a learning rule on top of it, NeuroMOP, a
 * hand-written policy).
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>{@link #update} and {@link #endEpisode} run on the loop thread only; they allocate nothing,
 *       lock nothing, log nothing and do not block. An exception thrown from them is treated as a
 *       fault: the watchdog drives every device to its safe state.</li>
 *   <li>The commands need not be safe: the loop clamps each one to the actuator's limits (range, slew
 *       rate) and replaces NaN or infinity with the safe value before any device sees it.</li>
 * </ul>
 *
 * <h2>Reward and episodes</h2>
 * Every reward is delivered exactly once, for the transition that led to the current sensor values:
 * <ul>
 *   <li>{@link Tick#reward()} in {@link #update} is the reward for the previous command (0 on the
 *       first tick of an episode, {@link Tick#firstOfEpisode()}); an online rule (per-tick
 *       three-factor update) uses it there.</li>
 *   <li>When the tick's sensor values end the episode (the plant's terminal state, the task's own rule,
 *       or the episode's tick limit), the loop calls {@link #endEpisode} instead of {@link #update}
 *       for that state, with the final reward in {@link Tick#reward()}, the sum in
 *       {@link Tick#episodeReturn()}, and why in {@link Tick#terminal()} / {@link Tick#truncated()} /
 *       {@link Tick#aborted()}. Episode-end learning (an episodic REINFORCE or weight-perturbation
 *       update) happens there. Then the loop resets the plant, reads it again and calls
 *       {@link #update} with the new episode's first state in the same tick, so the plant is
 *       commanded on every tick.</li>
 *   <li>{@link Tick#aborted()}: the watchdog tripped mid-episode. The episode is void (the plant was
 *       driven to its safe state, not by the controller); learning rules should discard it.</li>
 * </ul>
 * A loop without an episodic plant never ends an episode; its rewards come from its task, if any.
 *
 * <h2>Telemetry</h2>
 * The optional {@link #probeCount()} / {@link #probes} (learning state: a reward baseline, eligibility
 * and weight-change norms) and {@link #activity()} (unit activities, decimated by the telemetry) are
 * copied into each tick's telemetry record after {@link #update}.
 */
public interface Controller {

    /** What {@link #activity()} returns for a controller without units. */
    float[] NO_ACTIVITY = {};

    /** How many sensor values {@link #update} reads: the sum over the loop's devices, in device order. */
    int sensorCount();

    /** How many commands {@link #update} writes: the sum over the loop's devices, in device order. */
    int commandCount();

    /**
     * Computes {@code commands[0 .. commandCount())} from {@code sensors[0 .. sensorCount())}.
     *
     * @param tick     this tick: its index, times, episode and the reward for the previous command;
     *                 valid during the call only (the loop reuses it)
     * @param sensors  the values just read; do not keep the array
     * @param commands where the commands go; they hold the previous tick's requested values on entry
     */
    void update(Tick tick, double[] sensors, double[] commands);

    /** The episode ended at this tick's state; see the class comment. The default does nothing. */
    default void endEpisode(Tick tick) {
    }

    /** Number of learning-state values {@link #probes} writes for telemetry. */
    default int probeCount() {
        return 0;
    }

    /** Copies the learning state into {@code values[0 .. probeCount())}, after {@link #update}. */
    default void probes(double[] values) {
    }

    /** Unit activities for telemetry snapshots (the array itself, not a copy), or an empty array. */
    default float[] activity() {
        return NO_ACTIVITY;
    }
}
