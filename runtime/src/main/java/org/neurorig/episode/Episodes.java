package org.neurorig.episode;

import java.util.Objects;
import org.neurorig.device.Plant;

/**
 * How a loop runs episodes on a plant: the plant that ends them, the task that rewards them, the
 * tick limit, and where each episode starts.
 *
 * @param plant         the episodic device (one of the loop's devices); its {@link Plant#terminated()} ends an episode
 * @param task          reward per tick and any further terminal rule
 * @param maxTicks      an episode is truncated after this many commanded ticks (Gymnasium's 500 for
 *                      CartPole-v1); 0 for no limit
 * @param initialStates fills the next episode's initial state (length {@link Plant#stateSize()}) on the
 *                      loop thread; it must not allocate (e.g. a {@link java.util.SplittableRandom} draw)
 * @param startGate     when each episode may begin after the reset, or null to begin at once (a simulated
 *                      plant, which the reset puts into its initial state); see {@link StartGate}
 */
public record Episodes(Plant plant, Task task, int maxTicks, InitialStates initialStates, StartGate startGate) {

    /** Fills an initial plant state; called on the loop thread at each reset. */
    @FunctionalInterface
    public interface InitialStates {
        void next(double[] state);
    }

    /**
     * Decides, from the sensors, when a new episode may begin after the plant's reset: on a real rig,
     * which cannot be put into a state, when someone has set the pole back up. Until it says yes the loop
     * writes the actuators' safe values, does not call the controller, and counts neither ticks nor
     * rewards for the episode. Called on the loop thread once per tick while waiting; allocates nothing.
     */
    @FunctionalInterface
    public interface StartGate {
        /** Whether the episode may begin with these sensor values (a gate may require several ticks in a row). */
        boolean ready(double[] sensors);
    }

    /** Episodes that begin as soon as the plant is reset. */
    public Episodes(Plant plant, Task task, int maxTicks, InitialStates initialStates) {
        this(plant, task, maxTicks, initialStates, null);
    }

    /** These episodes, beginning only when {@code gate} says so. */
    public Episodes startingWhen(StartGate gate) {
        return new Episodes(plant, task, maxTicks, initialStates, gate);
    }

    public Episodes {
        Objects.requireNonNull(plant, "plant");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(initialStates, "initialStates");
        if (maxTicks < 0) {
            throw new IllegalArgumentException("episodes.maxTicks = " + maxTicks + " is out of range: expected >= 0 (0: no limit)");
        }
    }
}
