package org.neurorig.loop;

import org.neurorig.control.Controller;
import org.neurorig.control.Tick;
import org.neurorig.episode.Episodes;
import org.neurorig.telemetry.TickRecord;

/**
 * The loop's episodes, tick by tick: it owns the {@link CurrentTick} the controller sees, and decides
 * the reward, the episode's end, the plant's reset and when the next episode begins. Without
 * {@link Episodes} there is one endless episode (number 0) whose ticks are still counted.
 *
 * <p>In one tick, after the devices were read:
 * <ol>
 *   <li>the reward for the transition into the sensor values just read, then whether they end the
 *       episode (terminal, or the tick limit reached: truncated). The ending tick is rewarded, as in
 *       Gymnasium, and the controller's {@link Controller#endEpisode} sees that reward in the return;</li>
 *   <li>at an end: the plant is reset and every device is read a second time, within the same tick.
 *       The controller's update that follows must see the next episode's first state, not the terminal
 *       one it was just rewarded for; and the tick keeps its deadline, so the new episode's first command
 *       goes out on time rather than a period later;</li>
 *   <li>after a reset the episode has not begun until the plant's first fresh sample (and the
 *       {@link Episodes.StartGate}, if any, says so): a firmware's reset takes a tick or more, and until
 *       then a read repeats the last episode's terminal state, which must not end the new one. Meanwhile
 *       the actuators hold their safe values, the controller is not called and nothing is counted;</li>
 *   <li>{@link Tick#episodeTick()} advances only for a tick whose commands were written, so it counts
 *       the commands the episode gave, and a tick's telemetry carries the episode tick of the state its
 *       commands were computed for.</li>
 * </ol>
 * A {@link SafetyLatch trip} aborts an episode in progress (unless the controller itself threw) and
 * asks for a reset once the latch is rearmed.
 *
 * <p>Owned by the loop thread, except {@link #awaitingStartPublished()}.
 */
final class EpisodeDriver {

    private final CurrentTick tick = new CurrentTick();
    private final Episodes episodes;
    private final Controller controller;
    private final DeviceIo io;
    private final SafetyLatch latch;
    private final CommandGuard guard;
    private final LoopCounters counters;
    private final double[] initialState;
    private final int plantIndex;
    private boolean needsReset;
    private boolean awaitingStart;
    private volatile boolean awaitingStartPublished;
    private double recordReward;
    private double recordReturn;

    /** {@code episodes} may be null: one endless episode. */
    EpisodeDriver(Episodes episodes, Controller controller, DeviceIo io, SafetyLatch latch, CommandGuard guard,
            LoopCounters counters) {
        this.episodes = episodes;
        this.controller = controller;
        this.io = io;
        this.latch = latch;
        this.guard = guard;
        this.counters = counters;
        this.initialState = episodes == null ? new double[0] : new double[episodes.plant().stateSize()];
        this.plantIndex = episodes == null ? -1 : io.indexOf(episodes.plant());
        this.needsReset = episodes != null;
    }

    /** The tick the controller is handed. */
    Tick tick() {
        return tick;
    }

    void beginTick(long index, long deadline, long wake, long period) {
        tick.begin(index, deadline, wake, period);
    }

    /** Resets the plant when the last episode's end or a trip asked for it and the latch allows it. */
    void resetIfDue() {
        if (needsReset && !latch.tripped()) {
            reset();
        }
    }

    /**
     * After the devices were read at {@code wake}: the reward, and at an episode's end, the controller
     * told, the reset and the second read. Returns the record's flags for it (episode end, terminal or
     * truncated, and the second read's).
     */
    int afterRead(long wake) {
        recordReward = 0;
        recordReturn = tick.episodeReturn();
        if (latch.tripped() || episodes == null || tick.firstOfEpisode()) {
            return 0;
        }
        double[] sensors = io.sensors();
        double r = episodes.task().reward(sensors, guard.commands());
        tick.reward(r);
        recordReward = r;
        recordReturn = tick.episodeReturn();
        boolean terminal = episodes.plant().terminated() || episodes.task().terminal(sensors);
        boolean truncated = !terminal && episodes.maxTicks() > 0 && tick.episodeTick() >= episodes.maxTicks();
        if (!terminal && !truncated) {
            return 0;
        }
        int flags = TickRecord.FLAG_EPISODE_END | (terminal ? TickRecord.FLAG_TERMINAL : TickRecord.FLAG_TRUNCATED);
        tick.ending(terminal, truncated, false);
        counters.episodeEnded();
        try {
            controller.endEpisode(tick);
        } catch (RuntimeException e) {
            latch.trip(TripReason.CONTROLLER_EXCEPTION, -1);
        }
        if (!latch.tripped()) {
            reset();
            flags |= io.readAll(wake); // the second read: the next episode's first state, for this tick's update
        }
        return flags;
    }

    /**
     * Whether the controller commands this tick: false while the episode awaits its start, which it
     * leaves on a fresh read the start gate (if any) accepts. Called only when not tripped.
     */
    boolean begun() {
        if (awaitingStart && io.lastReadOk()
                && (episodes.startGate() == null || episodes.startGate().ready(io.sensors()))) {
            awaitingStart = false;
            awaitingStartPublished = false;
        }
        return !awaitingStart;
    }

    /** Whether the episode awaits its start (the actuators hold their safe values). */
    boolean awaitingStart() {
        return awaitingStart;
    }

    /** Any thread: whether the loop waits for the start gate (e.g. for someone to set a pole back up). */
    boolean awaitingStartPublished() {
        return awaitingStartPublished;
    }

    /** This tick's commands were written (and the latch did not trip): one more tick of the episode. */
    void commanded() {
        if (!awaitingStart) {
            tick.advanceEpisodeTick();
        }
    }

    /** The latch tripped: an episode in progress ends as aborted, and the plant is reset after the rearm. */
    void onTrip(TripReason reason) {
        if (episodes != null && !tick.firstOfEpisode() && reason != TripReason.CONTROLLER_EXCEPTION) {
            tick.ending(false, false, true);
            counters.episodeEnded();
            try {
                controller.endEpisode(tick);
            } catch (RuntimeException e) {
                // already tripped; the episode is void either way
            }
        }
        needsReset = episodes != null;
    }

    /** The reward this tick's record carries (0 when none was given). */
    double recordReward() {
        return recordReward;
    }

    /** The return this tick's record carries: the episode's so far, or the ended episode's at an end. */
    double recordReturn() {
        return recordReturn;
    }

    private void reset() {
        if (tick.episodeTick() > 0) {
            tick.newEpisode(); // an episode that never commanded the plant keeps its number
        }
        episodes.initialStates().next(initialState);
        try {
            episodes.plant().reset(initialState);
        } catch (RuntimeException e) {
            latch.trip(TripReason.DEVICE_EXCEPTION, plantIndex);
        }
        guard.toSafe();
        needsReset = false;
        awaitingStart = true;
        if (episodes.startGate() != null) {
            awaitingStartPublished = true;
        }
    }
}
