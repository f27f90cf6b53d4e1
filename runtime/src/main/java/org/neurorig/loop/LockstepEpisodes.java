package org.neurorig.loop;

import org.neurorig.control.EpisodeRecorder;
import org.neurorig.control.LearningController;
import org.neurorig.episode.Episodes;
import org.neurorig.episode.Task;
import org.agrona.concurrent.AgentInvoker;
import org.agrona.concurrent.CachedNanoClock;
import org.neurorig.device.DeviceException;
import org.neurorig.device.Plant;

/**
 * Runs whole episodes through a real {@link ControlLoop} against a plant that steps once per write (in
 * this process, or a firmware in lockstep), as fast as they compute: the loop runs in invoker mode on
 * the caller's thread, and its injected clock advances by one period per tick, so every tick is on time
 * and the plant stays in lockstep with it. Nothing sleeps. The tick is the one the real-time loop runs: sensors, reward,
 * episode end and reset, the controller, the actuator limits, the write; so what is learned or measured
 * here is what the same controller does in {@code neurorig run}.
 *
 * <p>The loop is never stopped between calls: {@link #runEpisode()} returns at the tick that ended an
 * episode, after the loop has already reset the plant and commanded the next episode's first state,
 * and the next call continues that episode. Not thread-safe; one thread drives it.
 */
public final class LockstepEpisodes implements AutoCloseable {

    /** One finished episode. */
    public record Episode(int length, double episodeReturn, boolean terminal, boolean truncated) {
    }

    private final CachedNanoClock clock = new CachedNanoClock();
    private final EpisodeRecorder recorder;
    private final ControlLoop loop;
    private final AgentInvoker invoker;
    private final long period;
    private final int maxTicks;
    private boolean closed;
    private Throwable failure;

    /**
     * A loop of one plant and one controller whose episodes end at the plant's terminal states or after
     * {@code maxTicks} ticks.
     *
     * @param plant         a plant that steps once per write (in process, or a firmware in lockstep); activated here
     * @param recorder      the controller (a {@link LearningController} to learn, any other to measure),
     *                      inside the recorder that tells this runner when an episode ends
     * @param task          the reward per tick and any terminal rule of its own
     * @param maxTicks      the episode's tick limit (Gymnasium's CartPole-v1: 500), at least 1
     * @param initialStates each episode's initial plant state, drawn on this thread
     * @param limits        the actuators' limits, one per command
     * @throws IllegalArgumentException when the plant cannot be activated
     */
    public LockstepEpisodes(Plant plant, EpisodeRecorder recorder, Task task, int maxTicks,
            Episodes.InitialStates initialStates, ActuatorLimits... limits) {
        if (maxTicks < 1) {
            throw new IllegalArgumentException("episode tick limit " + maxTicks + " is out of range: expected at least 1");
        }
        this.recorder = recorder;
        this.period = Math.max(1_000L, Math.round(plant.dt() * 1e9));
        this.maxTicks = maxTicks;
        clock.update(0);
        // The loop's default watchdog: faults trip it; its timing checks never do, since the clock moves only between ticks.
        this.loop = ControlLoop.builder().devices(plant).controller(recorder).limits(limits).periodNanos(period)
                .clock(clock).episodes(new Episodes(plant, task, maxTicks, initialStates)).build();
        try {
            loop.activateDevices();
        } catch (DeviceException e) {
            throw new IllegalArgumentException("cannot start " + plant.name() + ": " + e.getMessage(), e);
        }
        this.invoker = new AgentInvoker(e -> {
            if (failure == null) {
                failure = e;
            }
        }, null, loop);
        invoker.start();
    }

    /**
     * Runs ticks until an episode ends and returns it.
     *
     * @throws IllegalStateException when the watchdog stopped the loop (a device fault or a controller
     *                               exception), naming the reason
     */
    public Episode runEpisode() {
        long target = recorder.episodes() + 1;
        // an episode lasts at most maxTicks; one more tick ends it, one more may be the reset's
        long budget = (long) maxTicks + 2;
        while (recorder.episodes() < target) {
            if (budget-- == 0) {
                throw new IllegalStateException("no episode ended within " + (maxTicks + 2) + " ticks");
            }
            invoker.invoke();
            clock.advance(period);
            if (failure != null) {
                throw new IllegalStateException("the control loop failed: " + failure, failure);
            }
            if (loop.trips() > 0) {
                throw new IllegalStateException("the loop's watchdog stopped the run: " + loop.lastTripReason());
            }
        }
        return new Episode(recorder.lastLength(), recorder.lastReturn(), recorder.lastTerminal(), recorder.lastTruncated());
    }

    /** Stops the loop: every device to its safe state, deactivated and closed. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            invoker.close();
            loop.closeDevices();
        }
    }
}
