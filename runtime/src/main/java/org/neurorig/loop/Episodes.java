package org.neurorig.loop;

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
 */
public record Episodes(Plant plant, Task task, int maxTicks, InitialStates initialStates) {

    /** Fills an initial plant state; called on the loop thread at each reset. */
    @FunctionalInterface
    public interface InitialStates {
        void next(double[] state);
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
