package org.neurorig.loop;

import org.neurorig.control.EpisodeRecorder;
import org.neurorig.control.LearningController;
import org.neurorig.episode.Episodes;
import org.neurorig.episode.Task;
import org.agrona.concurrent.AgentInvoker;
import org.agrona.concurrent.NanoClock;
import org.neurorig.device.DeviceException;
import org.neurorig.device.Plant;
import org.neurorig.os.MonotonicClock;

/**
 * Runs whole episodes through a real {@link ControlLoop}, in invoker mode on the caller's thread: the
 * tick is the one the real-time loop runs (sensors, reward, episode end and reset, the controller, the
 * actuator limits, the write), so what is learned or measured here is what the same controller does in
 * {@code neurorig run}. Two paces:
 * <ul>
 *   <li>{@link Pace#LOCKSTEP}, for a plant that steps once per write (in this process, or a firmware in
 *       lockstep): the loop's injected clock advances by one period per tick, every tick is on time and
 *       the plant stays in step with it, and episodes run as fast as they compute. Nothing sleeps.</li>
 *   <li>{@link Pace#realTime}, for a plant that keeps its own time (a firmware at its timer tick, a real
 *       rig): each tick waits for its deadline on CLOCK_MONOTONIC, and on a rig that cannot be reset into
 *       a state each episode waits at its start gate for the operator. The loop's clock stands still
 *       between {@link #runEpisode()} calls, so a caller that pauses between episodes (to check a
 *       controller on the same device) resumes on time instead of tripping the overrun check.</li>
 * </ul>
 *
 * <p>The loop is never stopped between calls: {@link #runEpisode()} returns at the tick that ended an
 * episode, after the loop has already reset the plant and commanded the next episode's first state,
 * and the next call continues that episode. Not thread-safe; one thread drives it.
 */
public final class EpisodeRunner implements AutoCloseable {

    /** One finished episode. */
    public record Episode(int length, double episodeReturn, boolean terminal, boolean truncated) {
    }

    /**
     * How the ticks are paced.
     *
     * @param realTime  false: lockstep, the clock advanced one period per tick; true: deadlines on CLOCK_MONOTONIC
     * @param startGate real time only: when each episode may begin (a real rig's operator), or null to begin at once
     * @param watchdog  real time only: the loop's watchdog (the rig profile's), or null for the defaults
     */
    public record Pace(boolean realTime, Episodes.StartGate startGate, WatchdogConfig watchdog) {

        /** One tick per period of an injected clock, as fast as the plant answers. */
        public static final Pace LOCKSTEP = new Pace(false, null, null);

        /** Ticks at the plant's rate on CLOCK_MONOTONIC; {@code startGate} may be null. */
        public static Pace realTime(Episodes.StartGate startGate, WatchdogConfig watchdog) {
            return new Pace(true, startGate, watchdog);
        }
    }

    private final PausedClock clock;
    private final EpisodeRecorder recorder;
    private final ControlLoop loop;
    private final AgentInvoker invoker;
    private final long period;
    private final boolean realTime;
    private final long tickBound;
    private boolean closed;
    private Throwable failure;

    /** Lockstep episodes: {@link #EpisodeRunner(Plant, EpisodeRecorder, Task, int, Episodes.InitialStates, Pace, ActuatorLimits...)} at {@link Pace#LOCKSTEP}. */
    public EpisodeRunner(Plant plant, EpisodeRecorder recorder, Task task, int maxTicks, Episodes.InitialStates initialStates,
            ActuatorLimits... limits) {
        this(plant, recorder, task, maxTicks, initialStates, Pace.LOCKSTEP, limits);
    }

    /**
     * A loop of one plant and one controller whose episodes end at the plant's terminal states or after
     * {@code maxTicks} ticks.
     *
     * @param plant         the plant; activated here
     * @param recorder      the controller (a {@link LearningController} to learn, any other to measure),
     *                      inside the recorder that tells this runner when an episode ends
     * @param task          the reward per tick and any terminal rule of its own
     * @param maxTicks      the episode's tick limit (Gymnasium's CartPole-v1: 500), at least 1
     * @param initialStates each episode's initial plant state, drawn on this thread
     * @param pace          lockstep, or real time
     * @param limits        the actuators' limits, one per command
     * @throws IllegalArgumentException when the plant cannot be activated
     */
    public EpisodeRunner(Plant plant, EpisodeRecorder recorder, Task task, int maxTicks, Episodes.InitialStates initialStates,
            Pace pace, ActuatorLimits... limits) {
        if (maxTicks < 1) {
            throw new IllegalArgumentException("episode tick limit " + maxTicks + " is out of range: expected at least 1");
        }
        this.recorder = recorder;
        this.period = Math.max(1_000L, Math.round(plant.dt() * 1e9));
        this.realTime = pace.realTime();
        // an episode lasts at most maxTicks; one more tick ends it, one more may be the reset's. In real time a
        // tick whose read is STALE (the device's clock and the loop's drift) commands nothing and is not the
        // episode's; a run of them trips the watchdog, so this bound only has to be loose.
        this.tickBound = realTime ? 2L * maxTicks + 50 : (long) maxTicks + 2;
        this.clock = new PausedClock(realTime ? new MonotonicClock() : null);
        Episodes episodes = new Episodes(plant, task, maxTicks, initialStates);
        ControlLoopBuilder builder = ControlLoop.builder().devices(plant).controller(recorder).limits(limits).periodNanos(period)
                .clock(clock).episodes(pace.startGate() == null ? episodes : episodes.startingWhen(pace.startGate()));
        if (pace.watchdog() != null) {
            builder.watchdog(pace.watchdog());
        }
        // Lockstep: the loop's default watchdog; faults trip it, its timing checks never do, since the clock moves only between ticks.
        this.loop = builder.build();
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
     * Runs ticks until an episode ends and returns it. In real time with a start gate, the wait for the
     * operator is not bounded.
     *
     * @throws IllegalStateException when the watchdog stopped the loop (a device fault or a controller
     *                               exception), naming the reason
     */
    public Episode runEpisode() {
        long target = recorder.episodes() + 1;
        long budget = tickBound;
        clock.resume();
        try {
            while (recorder.episodes() < target) {
                if (!loop.awaitingStart() && budget-- == 0) {
                    throw new IllegalStateException("no episode ended within " + tickBound + " ticks of the loop");
                }
                if (realTime) {
                    clock.sleepUntil(loop.nextDeadline());
                }
                invoker.invoke();
                if (!realTime) {
                    clock.advance(period);
                }
                if (failure != null) {
                    throw new IllegalStateException("the control loop failed: " + failure, failure);
                }
                if (loop.trips() > 0) {
                    throw new IllegalStateException("the loop's watchdog stopped the run: " + loop.lastTripReason());
                }
            }
        } finally {
            clock.pause();
        }
        return new Episode(recorder.lastLength(), recorder.lastReturn(), recorder.lastTerminal(), recorder.lastTruncated());
    }

    /**
     * The loop's clock: in lockstep a counter advanced by the runner; in real time CLOCK_MONOTONIC less
     * the time spent outside {@link #runEpisode()}, so that a pause between two calls is no gap to the loop.
     */
    private static final class PausedClock implements NanoClock {
        private final MonotonicClock monotonic;
        private long now;          // lockstep: the time; real time: the loop's time when it paused
        private long pausedFor;
        private boolean running;

        PausedClock(MonotonicClock monotonic) {
            this.monotonic = monotonic;
        }

        @Override
        public long nanoTime() {
            return monotonic == null || !running ? now : monotonic.nanoTime() - pausedFor;
        }

        void advance(long nanos) {
            now += nanos;
        }

        void sleepUntil(long deadline) {
            monotonic.sleepUntil(deadline + pausedFor);
        }

        void resume() {
            if (monotonic != null && !running) {
                pausedFor = monotonic.nanoTime() - now; // the loop's time goes on from where it stood
                running = true;
            }
        }

        void pause() {
            if (monotonic != null && running) {
                now = monotonic.nanoTime() - pausedFor;
                running = false;
            }
        }
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
