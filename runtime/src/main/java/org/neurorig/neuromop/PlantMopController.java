package org.neurorig.neuromop;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.neurorig.device.DeviceStatus;
import org.neurorig.device.Plant;

/**
 * A NeuroMOP (or R) agent driving any {@link Plant} with one actuator: each tick reads the sensors,
 * predicts the successors of the sensed state with the agent's nominal {@link CartPoleSuccessors} and writes
 * the chosen action's force (N). The plant may differ from the model (delays, friction, wrong masses,
 * noisy sensors), and nothing here knows: that is the point, since the terminal-state avoidance learned on
 * the model then meets the real plant.
 *
 * <p>{@link #tick} allocates nothing; a sensor or actuator fault is returned, not thrown.
 */
public final class PlantMopController {

    /** How long an episode waits for a new state from a plant that answers STALE, beyond ten periods. */
    public static final long STALE_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final MopAgent agent;
    private final CartPoleSuccessors model;
    private final double[] sensors;
    private final float[] state;
    private final double[] command = new double[1];
    private DeviceStatus lastEnd = DeviceStatus.OK;
    /** The episodes' clock, a period per tick: it goes on across episodes, as a device expects of a loop's clock. */
    private long nowNanos;

    public PlantMopController(MopAgent agent) {
        if (!(agent.model() instanceof CartPoleSuccessors cartPole)) {
            throw new IllegalArgumentException("a plant controller needs an agent built on CartPoleSuccessors; this one has "
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
        return act(plant, nowNanos, random);
    }

    /** Decides on the sensors the last OK read left and writes the force. */
    private DeviceStatus act(Plant plant, long nowNanos, SplittableRandom random) {
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
     * <p>A plant that runs on its own clock (the firmware's, over a serial link) answers STALE between its
     * states: the episode then waits for the next state (parking 50 us at a time), so each tick decides on
     * a new state, and it ends with STALE when none comes for {@link #STALE_LIMIT_NANOS} plus ten periods.
     * A lockstep plant (in this process) never answers STALE, and its episode is unchanged. The status
     * that ended the last episode is {@link #lastEnd()}.
     *
     * @return the lifetime: ticks before the plant's first terminal state (maxSteps if none); 0 when the
     *         reset failed
     */
    public int runEpisode(Plant plant, double[] initialState, int maxSteps, SplittableRandom random) {
        requireCompatible(plant);
        DeviceStatus reset = plant.reset(initialState);
        if (reset != DeviceStatus.OK) {
            plant.safeState();
            lastEnd = reset;
            return 0;
        }
        long period = Math.round(plant.dt() * 1e9);
        long staleLimit = STALE_LIMIT_NANOS + 10 * period;
        for (int t = 0; t < maxSteps; t++) {
            DeviceStatus read = plant.read(nowNanos, sensors);
            if (read == DeviceStatus.STALE) {
                long deadline = System.nanoTime() + staleLimit;
                while (read == DeviceStatus.STALE && System.nanoTime() - deadline < 0) {
                    LockSupport.parkNanos(50_000);
                    read = plant.read(nowNanos, sensors);
                }
            }
            if (read == DeviceStatus.OK && plant.terminated()) {
                lastEnd = DeviceStatus.OK;
                return t;
            }
            DeviceStatus status = read == DeviceStatus.OK ? act(plant, nowNanos, random) : read;
            if (status != DeviceStatus.OK) {
                plant.safeState();
                lastEnd = status;
                return t;
            }
            nowNanos += period;
        }
        lastEnd = DeviceStatus.OK;
        return maxSteps;
    }

    /**
     * What ended the last {@link #runEpisode}: OK for a terminal state or the step limit, else the status
     * of the reset, read or write that failed (the lifetime then counts the ticks before the failure).
     */
    public DeviceStatus lastEnd() {
        return lastEnd;
    }

    public MopAgent agent() {
        return agent;
    }
}
