package org.neurorig.loop;

import org.neurorig.control.Controller;
import org.neurorig.control.Tick;
import org.neurorig.episode.Episodes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentTerminationException;
import org.agrona.concurrent.NanoClock;
import org.neurorig.device.Device;
import org.neurorig.device.DeviceException;
import org.neurorig.device.DeviceStatus;
import org.neurorig.latency.LoopLatency;
import org.neurorig.os.MonotonicClock;
import org.neurorig.os.RealTimeReport;
import org.neurorig.os.RealTimeSettings;
import org.neurorig.os.RealTimeSetup;
import org.neurorig.telemetry.TelemetryLayout;
import org.neurorig.telemetry.TelemetryPublisher;
import org.neurorig.telemetry.TickRecord;

/**
 * The real-time control loop: at a fixed period, against absolute deadlines,
 * <pre>
 *   read every device -> [episode bookkeeping: reward, end, reset] -> controller update
 *   -> actuator limits -> write every device -> publish telemetry -> record latencies
 * </pre>
 * An Agrona {@link Agent}: {@link #doWork()} runs one tick when its deadline has come and returns 1,
 * else returns 0 at once. Two ways to drive it:
 * <ul>
 *   <li>a dedicated thread: {@link LoopThread}, which sleeps to each deadline with
 *       {@link DeadlineIdleStrategy} (clock_nanosleep TIMER_ABSTIME, spin-then-sleep, or busy spin) and
 *       applies the real-time settings (SCHED_FIFO, CPU pinning, mlockall) in {@link #onStart()};</li>
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
 * <h2>Safety</h2>
 * Every command passes the {@link ActuatorLimits} ({@link CommandGuard}); NaN never reaches a device.
 * The watchdog ({@link WatchdogConfig}) drives every device's safe state on a failed read, a
 * disconnect, a device that stops answering (stale or late), a failed write, an exception from a device
 * or the controller, or a tick overrunning by more than the configured periods. Once tripped, the loop
 * keeps reading and publishing telemetry (so the log shows what happened) but neither updates the
 * controller nor writes, until {@link #rearm()}; an episode in progress ends as aborted. Stopping the
 * loop ({@link #onClose()}) drives the safe state too, and {@link LoopThread} does so on SIGINT, SIGTERM
 * and JVM shutdown.
 *
 * <h2>The tick allocates nothing, locks nothing, logs nothing</h2>
 * Expected faults are status codes and counters; the counters are published for other threads with
 * release stores (readable at any time, e.g. {@link #ticks()}).
 */
public final class ControlLoop implements Agent {

    private final Device[] devices;
    private final Controller controller;
    private final NanoClock clock;
    private final long period;
    private final long maxTicks;
    private final Watchdog watchdog;
    private final CommandGuard guard;
    private final Episodes episodes;
    private final TelemetryPublisher telemetry;
    private final LoopLatency latency;
    private final RealTimeSettings realTimeSettings;
    private final boolean realTimeRequired;
    private final Consumer<RealTimeReport> realTimeListener;

    // one slice per device, and the concatenation the controller sees
    private final double[][] deviceSensors;
    private final double[][] deviceCommands;
    private final int[] sensorOffset;
    private final int[] commandOffset;
    private final double[] sensors;
    private final double[] requested;
    private final double[] written;
    private final double[] probeValues;
    private final double[] initialState;
    private final int activityUnits;
    private final int activityEvery;
    private final long latencyFrom;
    private final long latencyUntil;

    private final CurrentTick tick = new CurrentTick();
    private long deadline;
    private long tickIndex;
    private boolean started;
    private boolean needsReset;
    private boolean awaitingStart;
    private boolean lastReadOk;
    private volatile boolean awaitingStartPublished;
    private boolean tripped;
    private TripReason tripReason;
    private int tripDevice = -1;
    private volatile boolean rearmRequested;
    private volatile boolean closed;
    private volatile RealTimeReport realTimeReport;
    private volatile String startFailure;
    private final CountDownLatch startLatch = new CountDownLatch(1);

    private final AtomicLong ticks = new AtomicLong();
    private final AtomicLong overruns = new AtomicLong();
    private final AtomicLong skippedPeriods = new AtomicLong();
    private final AtomicLong trips = new AtomicLong();
    private final AtomicLong readsNotOk = new AtomicLong();
    private final AtomicLong episodesEnded = new AtomicLong();
    private volatile TripReason lastTripReason;

    private ControlLoop(Builder b) {
        this.devices = b.devices.toArray(Device[]::new);
        this.controller = b.controller;
        this.clock = b.clock != null ? b.clock : new MonotonicClock();
        this.period = b.periodNanos;
        this.maxTicks = b.maxTicks;
        this.episodes = b.episodes;
        this.realTimeSettings = b.realTime;
        this.realTimeRequired = b.realTimeRequired;
        this.realTimeListener = b.realTimeListener;
        int sensorTotal = 0;
        int commandTotal = 0;
        deviceSensors = new double[devices.length][];
        deviceCommands = new double[devices.length][];
        sensorOffset = new int[devices.length];
        commandOffset = new int[devices.length];
        int[] sensorCounts = new int[devices.length];
        List<String> sensorNames = new ArrayList<>();
        List<String> commandNames = new ArrayList<>();
        for (int d = 0; d < devices.length; d++) {
            Device dev = devices[d];
            sensorOffset[d] = sensorTotal;
            commandOffset[d] = commandTotal;
            sensorCounts[d] = dev.sensorCount();
            deviceSensors[d] = new double[dev.sensorCount()];
            deviceCommands[d] = new double[dev.actuatorCount()];
            sensorTotal += dev.sensorCount();
            commandTotal += dev.actuatorCount();
            for (int i = 0; i < dev.sensorCount(); i++) {
                sensorNames.add(dev.name() + ".s" + i);
            }
            for (int i = 0; i < dev.actuatorCount(); i++) {
                commandNames.add(dev.name() + ".c" + i);
            }
        }
        if (controller.sensorCount() != sensorTotal || controller.commandCount() != commandTotal) {
            throw new IllegalArgumentException("the controller takes " + controller.sensorCount() + " sensors and gives "
                    + controller.commandCount() + " commands, but the devices have " + sensorTotal + " sensors and "
                    + commandTotal + " actuators");
        }
        if (b.limits.length != commandTotal) {
            throw new IllegalArgumentException(b.limits.length + " actuator limits given for " + commandTotal
                    + " actuators: every actuator needs its limits");
        }
        if (episodes != null && !b.devices.contains(episodes.plant())) {
            throw new IllegalArgumentException("the episodes' plant " + episodes.plant().name() + " is not one of the loop's devices");
        }
        sensors = new double[sensorTotal];
        requested = new double[commandTotal];
        written = new double[commandTotal];
        probeValues = new double[controller.probeCount()];
        initialState = episodes == null ? new double[0] : new double[episodes.plant().stateSize()];
        watchdog = new Watchdog(b.watchdog != null ? b.watchdog : WatchdogConfig.defaults(period), period, sensorCounts);
        guard = new CommandGuard(b.limits, period);
        guard.toSafe(written);
        System.arraycopy(written, 0, requested, 0, commandTotal);
        if (b.telemetryRingBytes > 0) {
            int units = Math.min(b.activityUnits, controller.activity().length);
            telemetry = new TelemetryPublisher(new TelemetryLayout(sensorNames, commandNames, controller.probeCount(),
                    units, b.activityEvery, period), b.telemetryRingBytes);
            activityUnits = units;
        } else {
            telemetry = null;
            activityUnits = 0;
        }
        activityEvery = b.activityEvery;
        latency = b.latency ? new LoopLatency(period) : null;
        latencyFrom = b.latencyFrom;
        latencyUntil = b.latencyUntil;
        needsReset = episodes != null;
    }

    /** A builder; devices, a controller, limits for every actuator and the period are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Configures and activates every device, in order, on the calling thread (configuring may block and
     * throws with a message for the user). If one fails, those already active are driven to their safe
     * state and deactivated before the exception propagates.
     */
    public void activateDevices() throws DeviceException {
        for (int d = 0; d < devices.length; d++) {
            try {
                devices[d].configure();
                devices[d].activate();
            } catch (DeviceException | RuntimeException e) {
                for (int k = 0; k <= d; k++) {
                    devices[k].safeState();
                    devices[k].deactivate();
                }
                throw e;
            }
        }
    }

    @Override
    public String roleName() {
        return "neurorig-loop";
    }

    /**
     * Applies the real-time settings to the calling thread and says once, through the listener, what
     * could and could not be set. With {@code required} settings a refusal stops the loop before its
     * first tick.
     */
    @Override
    public void onStart() {
        try {
            RealTimeReport report = RealTimeSetup.apply(realTimeSettings);
            realTimeReport = report;
            if (realTimeListener != null) {
                realTimeListener.accept(report);
            }
            if (realTimeRequired && !report.allApplied()) {
                startFailure = report.firstFailure();
                // the runner stops quietly on this type; the starter rethrows the failure as one line
                throw new AgentTerminationException(startFailure);
            }
        } finally {
            startLatch.countDown();
        }
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

    private void runTick(long wake) {
        final long scheduled = deadline;
        tick.begin(tickIndex, scheduled, wake, period);
        final boolean wasTripped = tripped;
        if (rearmRequested) {
            rearmRequested = false;
            rearmNow();
        }
        if (needsReset && !tripped) {
            resetPlant();
        }
        int flags = readAll(wake);
        final long readEnd = clock.nanoTime();
        double recordReward = 0;
        double recordReturn = tick.episodeReturn();
        if (!tripped) {
            if (episodes != null && !tick.firstOfEpisode()) {
                double r = episodes.task().reward(sensors, written);
                tick.reward(r);
                recordReward = r;
                recordReturn = tick.episodeReturn();
                boolean terminal = episodes.plant().terminated() || episodes.task().terminal(sensors);
                boolean truncated = !terminal && episodes.maxTicks() > 0 && tick.episodeTick() >= episodes.maxTicks();
                if (terminal || truncated) {
                    flags |= TickRecord.FLAG_EPISODE_END | (terminal ? TickRecord.FLAG_TERMINAL : TickRecord.FLAG_TRUNCATED);
                    tick.ending(terminal, truncated, false);
                    endEpisode();
                    if (!tripped) {
                        resetPlant();
                        flags |= readAll(wake);
                    }
                }
            }
            if (awaitingStart && !tripped && lastReadOk
                    && (episodes.startGate() == null || episodes.startGate().ready(sensors))) {
                awaitingStart = false;
                awaitingStartPublished = false;
            }
            if (!tripped && !awaitingStart) {
                try {
                    controller.update(tick, sensors, requested);
                } catch (RuntimeException e) {
                    trip(TripReason.CONTROLLER_EXCEPTION, -1);
                }
            }
            if (!tripped) {
                if (awaitingStart) {
                    guard.toSafe(written); // the episode has not begun: the actuators hold their safe values
                    System.arraycopy(written, 0, requested, 0, written.length);
                } else {
                    flags |= guard.apply(requested, written);
                }
            }
        }
        final long updateEnd = clock.nanoTime();
        final int recordEpisodeTick = tick.episodeTick(); // of the state the commands were computed for
        if (!tripped) {
            flags |= writeAll(updateEnd);
            if (!tripped && !awaitingStart) {
                tick.advanceEpisodeTick();
            }
        }
        final long writeEnd = clock.nanoTime();
        if (writeEnd >= scheduled + period) {
            flags |= TickRecord.FLAG_OVERRUN;
        }
        if (tripped) {
            flags |= TickRecord.FLAG_SAFE_STATE | (wasTripped ? 0 : TickRecord.FLAG_TRIPPED_NOW);
        }
        if (telemetry != null) {
            publish(flags, scheduled, wake, readEnd, updateEnd, writeEnd, recordEpisodeTick, recordReward, recordReturn);
        }
        final long end = clock.nanoTime();
        if (latency != null && tickIndex >= latencyFrom && tickIndex < latencyUntil) {
            latency.record(scheduled, wake, readEnd, updateEnd, writeEnd, end);
        }
        TripReason late = watchdog.onTickEnd(end - scheduled);
        if (late != null && !tripped) {
            trip(late, -1);
        }
        tickIndex++;
        ticks.lazySet(tickIndex);
        long next = scheduled + period;
        if (end >= next) {
            long missed = (end - scheduled) / period; // deadlines that passed during this tick
            overruns.lazySet(overruns.get() + 1);
            skippedPeriods.lazySet(skippedPeriods.get() + missed);
            next = scheduled + (missed + 1) * period;
        }
        deadline = next;
    }

    private int readAll(long now) {
        int flags = 0;
        lastReadOk = true;
        for (int d = 0; d < devices.length; d++) {
            double[] values = deviceSensors[d];
            long before = d == 0 ? now : clock.nanoTime();
            DeviceStatus status;
            try {
                status = devices[d].read(now, values);
            } catch (RuntimeException e) {
                status = null;
            }
            long after = clock.nanoTime();
            System.arraycopy(values, 0, sensors, sensorOffset[d], values.length);
            if (status != DeviceStatus.OK) {
                lastReadOk = false;
                flags |= TickRecord.FLAG_READ_NOT_OK;
                readsNotOk.lazySet(readsNotOk.get() + 1);
            }
            TripReason reason = watchdog.onRead(d, status, after - before, values);
            if (reason != null && !tripped) {
                trip(reason, d);
            }
        }
        return flags;
    }

    private int writeAll(long now) {
        int flags = 0;
        for (int d = 0; d < devices.length && !tripped; d++) {
            double[] commands = deviceCommands[d];
            System.arraycopy(written, commandOffset[d], commands, 0, commands.length);
            long before = clock.nanoTime();
            DeviceStatus status;
            try {
                status = devices[d].write(now, commands);
            } catch (RuntimeException e) {
                status = null;
            }
            long after = clock.nanoTime();
            if (status != DeviceStatus.OK) {
                flags |= TickRecord.FLAG_WRITE_NOT_OK;
            }
            TripReason reason = watchdog.onWrite(status, after - before);
            if (reason != null) {
                trip(reason, d);
            }
        }
        return flags;
    }

    private void publish(int flags, long scheduled, long wake, long readEnd, long updateEnd, long writeEnd,
            int episodeTick, double reward, double episodeReturn) {
        int activity = activityUnits > 0 && tickIndex % activityEvery == 0 ? activityUnits : 0;
        TickRecord r = telemetry.claim(probeValues.length, activity);
        if (r == null) {
            return; // dropped and counted by the publisher; the loop never waits for the writer
        }
        r.header(tickIndex, scheduled, wake, readEnd, updateEnd, writeEnd, tick.episode(), episodeTick, reward, episodeReturn);
        r.status(flags, tripped ? tripReason.ordinal() : -1, tripped ? tripDevice : -1);
        r.sensors(sensors).requested(requested).written(written);
        if (probeValues.length > 0) {
            controller.probes(probeValues);
            r.probes(probeValues);
        }
        if (activity > 0) {
            r.activitySnapshot(controller.activity());
        }
        telemetry.commit();
    }

    private void endEpisode() {
        episodesEnded.lazySet(episodesEnded.get() + 1);
        try {
            controller.endEpisode(tick);
        } catch (RuntimeException e) {
            trip(TripReason.CONTROLLER_EXCEPTION, -1);
        }
    }

    private void resetPlant() {
        if (episodes == null) {
            needsReset = false;
            return;
        }
        if (tick.episodeTick() > 0) {
            tick.newEpisode(); // an episode that never commanded the plant keeps its number
        }
        episodes.initialStates().next(initialState);
        try {
            episodes.plant().reset(initialState);
        } catch (RuntimeException e) {
            trip(TripReason.DEVICE_EXCEPTION, indexOf(episodes.plant()));
        }
        guard.toSafe(written);
        needsReset = false;
        // The episode begins with the plant's first fresh sample: a firmware's reset takes a tick or more,
        // and until then a read repeats the last episode's (terminal) state, which must not end this one.
        awaitingStart = true;
        if (episodes.startGate() != null) {
            awaitingStartPublished = true;
        }
    }

    private int indexOf(Device device) {
        for (int d = 0; d < devices.length; d++) {
            if (devices[d] == device) {
                return d;
            }
        }
        return -1;
    }

    private void trip(TripReason reason, int device) {
        tripped = true;
        tripReason = reason;
        tripDevice = device;
        lastTripReason = reason;
        trips.lazySet(trips.get() + 1);
        driveSafeState();
        guard.toSafe(written);
        if (episodes != null && !tick.firstOfEpisode() && reason != TripReason.CONTROLLER_EXCEPTION) {
            tick.ending(false, false, true);
            episodesEnded.lazySet(episodesEnded.get() + 1);
            try {
                controller.endEpisode(tick);
            } catch (RuntimeException e) {
                // already tripped; the episode is void either way
            }
        }
        needsReset = episodes != null;
    }

    private void driveSafeState() {
        for (Device d : devices) {
            try {
                d.safeState();
            } catch (RuntimeException e) {
                // safeState must not throw; if one does, the others still get theirs
            }
        }
    }

    private void rearmNow() {
        tripped = false;
        tripReason = null;
        tripDevice = -1;
        watchdog.reset();
        guard.toSafe(written);
    }

    /**
     * Asks the loop to leave the safe state at its next tick: the watchdog's counts are cleared, commands
     * ramp from the safe values (under slew limits), and an episodic plant starts a new episode. Any thread.
     */
    public void rearm() {
        rearmRequested = true;
    }

    /** Drives the safe state of every device and deactivates them; on the loop thread when it stops. */
    @Override
    public void onClose() {
        if (closed) {
            return;
        }
        closed = true;
        driveSafeState();
        for (Device d : devices) {
            try {
                d.deactivate();
            } catch (RuntimeException e) {
                // keep going: every device must get its turn
            }
        }
        startLatch.countDown();
    }

    /** Closes every device (after the loop has stopped); they drive their safe state first if still active. */
    public void closeDevices() {
        for (Device d : devices) {
            d.close();
        }
    }

    /** For a shutdown hook when the loop thread cannot be stopped: the safe state from another thread. */
    void driveSafeStateFromOutside() {
        driveSafeState();
    }

    /** Waits until {@link #onStart()} has run; returns the real-time report, or throws when a required setting was refused. */
    RealTimeReport awaitStart(long timeoutMillis) throws InterruptedException {
        if (!startLatch.await(timeoutMillis, java.util.concurrent.TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("the loop thread did not start within " + timeoutMillis + " ms");
        }
        if (startFailure != null) {
            throw new IllegalStateException(startFailure);
        }
        return realTimeReport;
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
        return telemetry;
    }

    /** The latency recorders, for a {@link org.neurorig.latency.LatencyLog}; null when off. */
    public LoopLatency latency() {
        return latency;
    }

    /** What the real-time setup did, once the loop has started; null before. */
    public RealTimeReport realTimeReport() {
        return realTimeReport;
    }

    /** Ticks run. */
    public long ticks() {
        return ticks.get();
    }

    /** Ticks that ended after the next deadline. */
    public long overruns() {
        return overruns.get();
    }

    /** Deadlines skipped because of overruns. */
    public long skippedPeriods() {
        return skippedPeriods.get();
    }

    /** Times the watchdog drove the safe state. */
    public long trips() {
        return trips.get();
    }

    /** The reason of the most recent trip, or null. */
    public TripReason lastTripReason() {
        return lastTripReason;
    }

    /** Device reads that did not return OK. */
    public long readsNotOk() {
        return readsNotOk.get();
    }

    /**
     * Whether the loop is waiting for the episodes' start gate (e.g. for someone to set a real rig's pole
     * back up); the actuators hold their safe values meanwhile.
     */
    public boolean awaitingStart() {
        return awaitingStartPublished;
    }

    /** Episodes ended (terminal, truncated or aborted). */
    public long episodesEnded() {
        return episodesEnded.get();
    }

    /** The actuator limits' counters (read them from the loop thread or after it stopped). */
    public CommandGuard guard() {
        return guard;
    }

    /** Builds a {@link ControlLoop}. */
    public static final class Builder {
        private final List<Device> devices = new ArrayList<>();
        private Controller controller;
        private ActuatorLimits[] limits;
        private long periodNanos;
        private long maxTicks;
        private NanoClock clock;
        private WatchdogConfig watchdog;
        private Episodes episodes;
        private int telemetryRingBytes;
        private int activityUnits;
        private int activityEvery = 1;
        private boolean latency;
        private long latencyFrom;
        private long latencyUntil = Long.MAX_VALUE;
        private RealTimeSettings realTime = RealTimeSettings.NONE;
        private boolean realTimeRequired;
        private Consumer<RealTimeReport> realTimeListener;

        private Builder() {
        }

        /** The devices, read and written in this order; their sensors and actuators are concatenated in it. */
        public Builder devices(Device... values) {
            devices.addAll(List.of(values));
            return this;
        }

        public Builder controller(Controller value) {
            controller = value;
            return this;
        }

        /** One {@link ActuatorLimits} per actuator, in the devices' order. */
        public Builder limits(ActuatorLimits... values) {
            limits = values.clone();
            return this;
        }

        /** The period in nanoseconds (1 kHz: 1,000,000). */
        public Builder periodNanos(long value) {
            periodNanos = value;
            return this;
        }

        /** Stops after this many ticks (0: until stopped). */
        public Builder maxTicks(long value) {
            maxTicks = value;
            return this;
        }

        /** The clock deadlines are kept on; default CLOCK_MONOTONIC ({@link MonotonicClock}). Tests inject their own. */
        public Builder clock(NanoClock value) {
            clock = value;
            return this;
        }

        public Builder watchdog(WatchdogConfig value) {
            watchdog = value;
            return this;
        }

        public Builder episodes(Episodes value) {
            episodes = value;
            return this;
        }

        /**
         * Turns telemetry on: a ring of {@code ringBytes}, and a snapshot of {@code activityUnits} units of
         * the controller's activity every {@code activityEvery} ticks.
         */
        public Builder telemetry(int ringBytes, int activityUnitsPerSnapshot, int activityEveryTicks) {
            telemetryRingBytes = ringBytes;
            activityUnits = activityUnitsPerSnapshot;
            activityEvery = activityEveryTicks;
            return this;
        }

        /** Turns per-phase latency recording on. */
        public Builder latency(boolean value) {
            latency = value;
            return this;
        }

        /**
         * Records latencies only for ticks {@code fromTick} (inclusive) to {@code untilTick} (exclusive), e.g.
         * to leave a warm-up out and measure an exact number of ticks.
         */
        public Builder latencyWindow(long fromTick, long untilTick) {
            latencyFrom = fromTick;
            latencyUntil = untilTick;
            return this;
        }

        /**
         * Real-time settings for the loop thread, applied in {@link #onStart()}; the report goes to
         * {@code listener} (once). With {@code required}, a refused setting stops the loop before it starts.
         */
        public Builder realTime(RealTimeSettings settings, boolean required, Consumer<RealTimeReport> listener) {
            realTime = Objects.requireNonNull(settings);
            realTimeRequired = required;
            realTimeListener = listener;
            return this;
        }

        public ControlLoop build() {
            if (devices.isEmpty()) {
                throw new IllegalArgumentException("a control loop needs at least one device");
            }
            Objects.requireNonNull(controller, "controller");
            Objects.requireNonNull(limits, "limits");
            if (periodNanos < 1_000) {
                throw new IllegalArgumentException("loop period " + periodNanos + " ns is out of range: expected at least 1 us");
            }
            if (maxTicks < 0 || activityUnits < 0 || activityEvery < 1 || telemetryRingBytes < 0) {
                throw new IllegalArgumentException("maxTicks, telemetry ring size and activity units must be >= 0, activityEvery >= 1");
            }
            return new ControlLoop(this);
        }
    }
}
