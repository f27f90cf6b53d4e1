package org.neurorig.loop;

import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentTerminationException;
import org.agrona.concurrent.NanoClock;
import org.neurorig.control.Controller;
import org.neurorig.device.Device;
import org.neurorig.device.DeviceException;
import org.neurorig.latency.LoopLatency;
import org.neurorig.os.MonotonicClock;
import org.neurorig.telemetry.TelemetryPublisher;
import org.neurorig.telemetry.TickRecord;

/**
 * The real-time control loop: at a fixed period, against absolute deadlines, one tick ({@link #runTick})
 * <pre>
 *   wake -> read every device -> [episode: reward, end, reset, read again] -> controller update
 *   -> actuator limits -> write every device -> publish telemetry -> record latencies -> next deadline
 * </pre>
 * Around the tick, each concern has one owner: {@link DeviceIo} the devices, {@link EpisodeDriver} the
 * episodes and the controller's {@link org.neurorig.control.Tick}, {@link CommandGuard} the commands
 * written ({@link ActuatorLimits}: NaN never reaches a device), {@link Watchdog} and {@link SafetyLatch}
 * the safe state, {@link TickTelemetry} the record, {@link LoopCounters} the counts.
 *
 * <p>An Agrona {@link Agent}: {@link #doWork()} runs one tick when its deadline has come and returns 1,
 * else returns 0 at once. Two ways to drive it:
 * <ul>
 *   <li>a dedicated thread: {@link LoopThread}, which sleeps to each deadline with
 *       {@link DeadlineIdleStrategy} and gives that thread its real-time settings;</li>
 *   <li>invoker mode for tests: Agrona's {@code AgentInvoker} on the caller's thread with an injected
 *       clock (e.g. {@code CachedNanoClock}) that the test advances by hand; nothing sleeps.</li>
 * </ul>
 *
 * <h2>Deadlines and overruns</h2>
 * Tick k is due at {@code start + k * period}. A tick that ends after the next deadline is an overrun:
 * it is counted, and the loop skips to the first deadline still ahead, never running catch-up ticks in
 * a burst (which would jerk an actuator with commands computed for times already past). Ticks are
 * numbered as run, so a skipped deadline has no tick number; the skipped periods are counted.
 *
 * <h2>Stopping</h2>
 * Stopping the loop ({@link #onClose()}) drives every device's safe state and deactivates it;
 * {@link LoopThread} stops it on SIGINT, SIGTERM and JVM shutdown too.
 *
 * <h2>The tick allocates nothing, locks nothing, logs nothing</h2>
 * Expected faults are status codes, trips of the latch and counters; the counters are published for
 * other threads with release stores (readable at any time, e.g. {@link #ticks()}).
 */
public final class ControlLoop implements Agent {

    private final NanoClock clock;
    private final long period;
    private final long maxTicks;
    private final Controller controller;
    private final LoopCounters counters = new LoopCounters();
    private final Watchdog watchdog;
    private final CommandGuard guard;
    private final SafetyLatch latch;
    private final DeviceIo io;
    private final EpisodeDriver episode;
    private final TickTelemetry telemetry;
    private final LoopLatency latency;
    private final long latencyFrom;
    private final long latencyUntil;
    private final double[] requested;

    private long deadline;
    private long tickIndex;
    private boolean started;
    private volatile boolean closed;

    ControlLoop(ControlLoopBuilder b) {
        Device[] devices = b.devices.toArray(Device[]::new);
        clock = b.clock != null ? b.clock : new MonotonicClock();
        period = b.periodNanos;
        maxTicks = b.maxTicks;
        controller = b.controller;
        watchdog = new Watchdog(b.watchdog != null ? b.watchdog : WatchdogConfig.defaults(period), period, devices);
        guard = new CommandGuard(b.limits, period);
        latch = new SafetyLatch(devices, guard, watchdog, counters);
        io = new DeviceIo(devices, clock, watchdog, latch, counters);
        episode = new EpisodeDriver(b.episodes, controller, io, latch, guard, counters);
        latch.aborts(episode);
        requested = guard.commands().clone();
        telemetry = b.telemetryRingBytes == 0 ? null : new TickTelemetry(devices, controller, period, b.telemetryRingBytes,
                b.activityUnits, b.activityEvery, episode, latch, io, requested, guard);
        latency = b.latency ? new LoopLatency(period) : null;
        latencyFrom = b.latencyFrom;
        latencyUntil = b.latencyUntil;
    }

    /** A builder; devices, a controller, limits for every actuator and the period are required. */
    public static ControlLoopBuilder builder() {
        return new ControlLoopBuilder();
    }

    /**
     * Configures and activates every device, in order, on the calling thread (configuring may block and
     * throws with a message for the user). If one fails, those already active are driven to their safe
     * state and deactivated before the exception propagates.
     */
    public void activateDevices() throws DeviceException {
        io.activate();
    }

    @Override
    public String roleName() {
        return "neurorig-loop";
    }

    @Override
    public int doWork() {
        long now = clock.nanoTime();
        if (!started) {
            started = true;
            deadline = now;
        }
        if (now < deadline) {
            return 0;
        }
        if (maxTicks > 0 && tickIndex >= maxTicks) {
            throw new AgentTerminationException("finished " + maxTicks + " ticks");
        }
        runTick(now);
        return 1;
    }

    /** One tick, woken at {@code wake} for the deadline {@link #deadline}. */
    private void runTick(long wake) {
        // wake: a rearm asked for since the last tick, a reset due
        final long scheduled = deadline;
        final boolean wasTripped = latch.tripped();
        episode.beginTick(tickIndex, scheduled, wake, period);
        latch.rearmIfRequested();
        episode.resetIfDue();

        // read, then the reward and whether the episode ended (which resets and reads again)
        int flags = io.readAll(wake);
        final long readEnd = clock.nanoTime();
        flags |= episode.afterRead(wake);

        // control: nothing while tripped; the safe values while the episode awaits its start
        if (!latch.tripped() && episode.begun()) {
            try {
                controller.update(episode.tick(), io.sensors(), requested);
            } catch (RuntimeException e) {
                latch.trip(TripReason.CONTROLLER_EXCEPTION, -1);
            }
        }
        if (!latch.tripped()) {
            if (episode.awaitingStart()) {
                holdSafe();
            } else {
                flags |= guard.apply(requested);
            }
        }
        final long updateEnd = clock.nanoTime();

        // write
        final int recordEpisodeTick = episode.tick().episodeTick(); // of the state the commands were computed for
        if (!latch.tripped()) {
            flags |= io.writeAll(updateEnd, guard.commands());
            if (!latch.tripped()) {
                episode.commanded();
            }
        }
        final long writeEnd = clock.nanoTime();

        // publish, then judge the tick's lateness and take the next deadline
        if (writeEnd >= scheduled + period) {
            flags |= TickRecord.FLAG_OVERRUN;
        }
        if (latch.tripped()) {
            flags |= TickRecord.FLAG_SAFE_STATE | (wasTripped ? 0 : TickRecord.FLAG_TRIPPED_NOW);
        }
        if (telemetry != null) {
            telemetry.publish(flags, readEnd, updateEnd, writeEnd, recordEpisodeTick);
        }
        final long end = clock.nanoTime();
        if (latency != null && tickIndex >= latencyFrom && tickIndex < latencyUntil) {
            latency.record(scheduled, wake, readEnd, updateEnd, writeEnd, end);
        }
        TripReason late = watchdog.onTickEnd(end - scheduled);
        if (late != null && !latch.tripped()) {
            latch.trip(late, -1);
        }
        scheduleNext(scheduled, end);
    }

    /** The episode has not begun: the actuators hold their safe values, and so does the request. */
    private void holdSafe() {
        guard.toSafe();
        System.arraycopy(guard.commands(), 0, requested, 0, requested.length);
    }

    /** The next deadline on the grid: the next period's, or after an overrun the first still ahead. */
    private void scheduleNext(long scheduled, long end) {
        tickIndex++;
        counters.ticksRun(tickIndex);
        long next = scheduled + period;
        if (end >= next) {
            long missed = (end - scheduled) / period; // deadlines that passed during this tick
            counters.overrun(missed);
            next = scheduled + (missed + 1) * period;
        }
        deadline = next;
    }

    /**
     * Asks the loop to leave the safe state at its next tick: the watchdog's counts are cleared, commands
     * ramp from the safe values (under slew limits), and an episodic plant starts a new episode. Any thread.
     */
    public void rearm() {
        latch.requestRearm();
    }

    /** Drives the safe state of every device and deactivates them; on the loop thread when it stops. */
    @Override
    public void onClose() {
        if (closed) {
            return;
        }
        closed = true;
        latch.driveSafeState();
        io.deactivate();
    }

    /** Closes every device (after the loop has stopped); they drive their safe state first if still active. */
    public void closeDevices() {
        io.close();
    }

    /** For a shutdown hook when the loop thread cannot be stopped: the safe state from another thread. */
    void driveSafeStateFromOutside() {
        latch.driveSafeState();
    }

    // ---- for other threads

    /** The loop's clock (its time base for deadlines). */
    public NanoClock clock() {
        return clock;
    }

    /** The next deadline on the loop's clock; the idle strategy sleeps until it. */
    public long nextDeadline() {
        return deadline;
    }

    public long periodNanos() {
        return period;
    }

    /** The telemetry's loop end, for its writer; null when telemetry is off. */
    public TelemetryPublisher telemetry() {
        return telemetry == null ? null : telemetry.publisher();
    }

    /** The latency recorders, for a {@link org.neurorig.latency.LatencyLog}; null when off. */
    public LoopLatency latency() {
        return latency;
    }

    /** Ticks run. */
    public long ticks() {
        return counters.ticks();
    }

    /** Ticks that ended after the next deadline. */
    public long overruns() {
        return counters.overruns();
    }

    /** Deadlines skipped because of overruns. */
    public long skippedPeriods() {
        return counters.skippedPeriods();
    }

    /** Times the watchdog drove the safe state. */
    public long trips() {
        return counters.trips();
    }

    /** The reason of the most recent trip, or null. */
    public TripReason lastTripReason() {
        return counters.lastTripReason();
    }

    /** Device reads that did not return OK. */
    public long readsNotOk() {
        return counters.readsNotOk();
    }

    /**
     * Whether the loop is waiting for the episodes' start gate (e.g. for someone to set a real rig's pole
     * back up); the actuators hold their safe values meanwhile.
     */
    public boolean awaitingStart() {
        return episode.awaitingStartPublished();
    }

    /** Episodes ended (terminal, truncated or aborted). */
    public long episodesEnded() {
        return counters.episodesEnded();
    }

    /** The actuator limits' counters (read them from the loop thread or after it stopped). */
    public CommandGuard guard() {
        return guard;
    }
}
