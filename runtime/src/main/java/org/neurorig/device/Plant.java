package org.neurorig.device;

/**
 * A device with episodes: a simulated plant in this process, or one integrated by firmware on the
 * other end of a serial link. The same tests and the same loop run over both.
 *
 * <p>Time: a plant in this process advances its physics by one {@link #dt()} on each {@link #write}
 * (the command is held for that step, as Gymnasium's {@code step(action)}), so the loop and the plant
 * run in lockstep whatever the wall clock does. A plant on a link advances in real time at its own
 * tick and holds the last command between writes; or, where its firmware can be stepped, it runs in
 * lockstep too: each write steps it once, and the next read waits for that step's state.
 */
public interface Plant extends Device {

    /** The number of values in the plant's true state (for a cartpole: x, x_dot, theta, theta_dot). */
    int stateSize();

    /** The physics step in seconds. */
    double dt();

    /**
     * Starts a new episode from {@code initialState} (length {@link #stateSize()}), with the actuators at
     * rest. The caller draws the initial state, so two plants can be started from the same one.
     */
    DeviceStatus reset(double[] initialState);

    /** Copies the true state into {@code state}; sensors may differ from it (noise, quantization). */
    void trueState(double[] state);

    /** Whether the true state is terminal (the plant's own rule, e.g. the pole fell or the cart left the track). */
    boolean terminated();
}
