package org.neurorig.neuromop;

import java.util.SplittableRandom;
import org.neurorig.device.DeviceStatus;
import org.neurorig.device.Plant;

/**
 * A NeuroMOP (or R) agent driving any {@link Plant} with one actuator: each tick reads the sensors,
 * predicts the successors of the sensed state with the agent's nominal {@link CartPoleModel} and writes
 * the chosen action's force (N). The plant may differ from the model (delays, friction, wrong masses,
 * noisy sensors), and nothing here knows: that is the point, since the terminal-state avoidance learned on
 * the model then meets the real plant.
 *
 * <p>{@link #tick} allocates nothing; a sensor or actuator fault is returned, not thrown.
 */
public final class PlantMopController {

    private final MopAgent agent;
    private final CartPoleModel model;
    private final double[] sensors;
    private final float[] state;
    private final double[] command = new double[1];

    public PlantMopController(MopAgent agent) {
        if (!(agent.model() instanceof CartPoleModel cartPole)) {
            throw new IllegalArgumentException("a plant controller needs an agent built on a CartPoleModel; this one has "
                    + agent.model().getClass().getSimpleName());
        }
        this.agent = agent;
        this.model = cartPole;
        this.sensors = new double[model.stateSize()];
        this.state = new float[model.stateSize()];
    }

    /** Checks that the plant reads what the model predicts: as many sensors as state values, one actuator. */
    public void requireCompatible(Plant plant) {
        if (plant.sensorCount() != model.stateSize() || plant.actuatorCount() != 1) {
            throw new IllegalArgumentException("plant " + plant.name() + " has " + plant.sensorCount() + " sensors and "
                    + plant.actuatorCount() + " actuators; the cart-pole controller needs " + model.stateSize()
                    + " sensors (x, x_dot, theta, theta_dot) and 1 actuator (force)");
        }
    }

    /**
     * One control tick: read, decide, write. Returns the first status that is not OK (then nothing is
     * written after a failed read), or OK.
     */
    public DeviceStatus tick(Plant plant, long nowNanos, SplittableRandom random) {
        DeviceStatus read = plant.read(nowNanos, sensors);
        if (read != DeviceStatus.OK) {
            return read;
        }
        for (int i = 0; i < state.length; i++) {
            state[i] = (float) sensors[i];
        }
        int a = agent.decide(state, random);
        command[0] = model.force(a);
        return plant.write(nowNanos, command);
    }

    /**
     * Runs one episode on the plant from {@code initialState}: ticks until the plant reports a terminal
     * state, a tick fails, or {@code maxSteps} ticks. The plant must be configured and active.
     *
     * @return the lifetime: ticks before the plant's first terminal state (maxSteps if none)
     */
    public int runEpisode(Plant plant, double[] initialState, int maxSteps, SplittableRandom random) {
        requireCompatible(plant);
        plant.reset(initialState);
        long now = 0;
        long period = Math.round(plant.dt() * 1e9);
        for (int t = 0; t < maxSteps; t++) {
            if (plant.terminated()) {
                return t;
            }
            if (tick(plant, now, random) != DeviceStatus.OK) {
                plant.safeState();
                return t;
            }
            now += period;
        }
        return maxSteps;
    }

    public MopAgent agent() {
        return agent;
    }
}
