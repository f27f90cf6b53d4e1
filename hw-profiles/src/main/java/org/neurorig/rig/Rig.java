package org.neurorig.rig;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.agrona.concurrent.AgentInvoker;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.CachedNanoClock;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.neurorig.device.Device;
import org.neurorig.device.DeviceException;
import org.neurorig.device.Plant;
import org.neurorig.kernel.KernelWarmUp;
import org.neurorig.learning.Checkpoint;
import org.neurorig.learning.CheckpointException;
import org.neurorig.learning.LearningControls;
import org.neurorig.loop.ActuatorLimits;
import org.neurorig.loop.ControlLoop;
import org.neurorig.episode.Episodes;
import org.neurorig.control.LearningController;
import org.neurorig.loop.LoopThread;
import org.neurorig.loop.WatchdogConfig;
import org.neurorig.network.RateNetwork;
import org.neurorig.os.RealTimeReport;
import org.neurorig.os.RealTimeSettings;
import org.neurorig.plant.CartPole;
import org.neurorig.plant.CartPoleParameters;
import org.neurorig.profile.ActuatorChannel;
import org.neurorig.profile.ProfileException;
import org.neurorig.profile.ProfileLoader;
import org.neurorig.profile.ProfileSection;
import org.neurorig.profile.LoopThreadSettings;
import org.neurorig.profile.RigProfile;
import org.neurorig.telemetry.TelemetryWriter;

/**
 * A running rig, assembled from a {@link RigProfile}: the device (a simulated plant with its
 * non-idealities, the reference firmware on a serial port or on QEMU's emulated Uno, a Raspberry Pi),
 * the control loop (its rate, the actuator limits of the channels, the watchdog of {@code [safety]},
 * episodes ending at the terminal conditions), the controller (the network of {@code [network]} learning
 * with the rule of {@code [learning]}, seeing the channels' normalized ranges), real-time settings and
 * telemetry.
 *
 * <pre>
 *   Rig rig = Rig.assemble(profile, RigOptions.defaults().withTelemetry(file));  // opens and checks the hardware
 *   rig.start();                     // activates the device, runs the loop on its real-time thread
 *   rig.awaitEpisodes(100, timeout); // or watch rig.history(), rig.loop() from any thread
 *   rig.stop();                      // the loop stops, every actuator to its safe value, telemetry flushed
 *   rig.saveCheckpoint(file);
 *   rig.close();                     // ports, emulator, Pi4J context released
 * </pre>
 * In invoker mode ({@link RigOptions#inInvokerMode()}) {@link #step()} runs one tick on the caller's
 * thread on an injected clock, instead of {@link #start()}.
 *
 * <p>Lifecycle: ASSEMBLED -> RUNNING -> STOPPED -> CLOSED; {@link #close()} from any state, once the
 * rig is no longer needed (a JVM shutdown drives the safe state too: the loop thread's hook). Methods
 * other than the accessors are for one controlling thread.
 */
public final class Rig implements AutoCloseable {

    /** Where a rig is in its life. */
    public enum State {
        ASSEMBLED, RUNNING, STOPPED, CLOSED
    }

    private static final int TELEMETRY_RING_BYTES = 1 << 22;
    private static final int ACTIVITY_UNITS = 16;
    private static final int ACTIVITY_EVERY = 10;
    private static final long SPIN_NANOS = 50_000;

    private final RigProfile profile;
    private final RigOptions options;
    private final RigDevice device;
    private final RigController controller;
    private final ControlLoop loop;
    private final CachedNanoClock clock;
    private final RealTimeSettings realTime;
    private final List<String> warnings = new ArrayList<>();
    private TelemetryWriter telemetryWriter;
    private AgentRunner telemetryRunner;
    private AgentInvoker invoker;
    private LoopThread loopThread;
    private volatile State state = State.ASSEMBLED;

    private Rig(RigProfile profile, RigOptions options, RigDevice device, RigController controller) throws RigException {
        this.profile = profile;
        this.options = options;
        this.device = device;
        this.controller = controller;
        this.clock = options.invoker() ? new CachedNanoClock() : null;
        if (clock != null) {
            clock.update(TimeUnit.SECONDS.toNanos(1));
        }
        this.realTime = realTime(profile.realtime());
        this.loop = buildLoop();
        KernelWarmUp.Report warmUp = KernelWarmUp.ensure(controller.network().kernels());
        if (!warmUp.allWarm()) {
            warn("the SIMD kernels " + warmUp.cold() + " still allocated after warming up (the JIT had not compiled them): "
                    + "the first ticks that use them may allocate and run slowly");
        }
        if (options.telemetry() != null) {
            try {
                telemetryWriter = new TelemetryWriter(loop.telemetry().ring(), loop.telemetry().layout(), options.telemetry());
            } catch (IOException e) {
                throw new RigException("cannot write telemetry to " + options.telemetry() + ": " + e.getMessage()
                        + " (check that its folder exists and is writable)", e);
            }
        }
    }

    /**
     * Assembles the rig {@code profile} describes: opens and checks its device (a handshake with the
     * firmware, the Pi's sensors answering; the emulated Uno started, its firmware built when needed),
     * builds the network, the learning rule, the task and the loop. Nothing is driven yet.
     *
     * @throws RigException one line for the user (a port missing or busy, qemu or avr-gcc missing, not a
     *                      Raspberry Pi, a checkpoint that does not fit); everything opened was closed
     */
    public static Rig assemble(RigProfile profile, RigOptions options) throws RigException {
        RigDevice device = RigDevice.open(profile, options);
        try {
            RigController controller = RigController.build(profile, options.resume());
            return new Rig(profile, options, device, controller);
        } catch (RigException | RuntimeException e) {
            device.closeAll();
            throw e;
        }
    }

    /** Loads a profile ({@link ProfileLoader#load}) and assembles its rig. */
    public static Rig assemble(String profileReference, List<String> overrides, RigOptions options)
            throws ProfileException, RigException {
        return assemble(ProfileLoader.load(profileReference, overrides), options);
    }

    private ControlLoop buildLoop() {
        long period = profile.periodNanos();
        TerminalConditions terminal = new TerminalConditions(profile.safety(), profile.sensors());
        Plant plant = device.plant();
        if (CalibratedPlant.needed(profile.sensors())) {
            plant = new CalibratedPlant(plant, profile.sensors());
        }
        Episodes episodes = new Episodes(plant, new RigTask(terminal, profile.episodes().reward()),
                profile.episodes().maxTicks(), initialStates(plant.stateSize()));
        if (!device.resetsIntoAState()) {
            int hold = (int) Math.round(profile.episodes().restartHoldSeconds() * profile.rateHz());
            episodes = episodes.startingWhen(new OperatorRestart(terminal, profile.episodes().restartFraction(), hold));
        }
        ActuatorLimits[] limits = profile.actuators().stream()
                .map(a -> new ActuatorLimits(a.min(), a.max(), a.slewRate(), a.safe())).toArray(ActuatorLimits[]::new);
        ControlLoop.Builder b = ControlLoop.builder().devices(plant).controller(controller.loopController()).limits(limits)
                .periodNanos(period).watchdog(watchdog(period)).episodes(episodes).latency(clock == null);
        if (clock != null) {
            b.clock(clock);
        } else {
            b.realTime(realTime, false, this::reportRealTime);
        }
        if (options.telemetry() != null) {
            b.telemetry(TELEMETRY_RING_BYTES, ACTIVITY_UNITS, ACTIVITY_EVERY);
        }
        return b.build();
    }

    /**
     * The watchdog from {@code [safety]}: a device silent (no fresh sample) or a call blocked for the
     * watchdog time trips it, as does a tick more than max_overrun_periods late. Timing is judged from
     * two seconds on: a JVM's first ticks load classes and run interpreted.
     */
    private WatchdogConfig watchdog(long period) {
        long timeout = Math.round(profile.safety().watchdogTimeoutMs() * 1e6);
        int staleTicks = (int) Math.max(1, Math.ceil((double) timeout / period));
        int grace = (int) Math.ceil(2e9 / period);
        return new WatchdogConfig(staleTicks, timeout, profile.safety().maxOverrunPeriods(), 0, grace);
    }

    /** Each episode's start: drawn on the loop thread without allocating; an antithetic WP trial repeats its pair's. */
    private Episodes.InitialStates initialStates(int size) {
        if (!device.resetsIntoAState()) {
            return s -> java.util.Arrays.fill(s, 0.0); // a real rig starts where its operator set it
        }
        CartPoleParameters spread = SimulatedDevice.parameters(profile);
        SplittableRandom random = new SplittableRandom(profile.episodes().seed());
        double[] previous = new double[size];
        return s -> {
            if (controller.repeatsInitialState()) {
                System.arraycopy(previous, 0, s, 0, size);
            } else {
                CartPole.drawInitialState(spread, random, s);
                System.arraycopy(s, 0, previous, 0, size);
            }
        };
    }

    private RealTimeSettings realTime(LoopThreadSettings asked) {
        int cpu = asked.cpu();
        int cpus = Runtime.getRuntime().availableProcessors();
        if (cpu >= cpus) {
            warn("realtime.cpu = " + cpu + " does not exist here (CPUs 0 to " + (cpus - 1) + "): the loop runs unpinned");
            cpu = -1;
        }
        return new RealTimeSettings(asked.priority(), cpu, asked.lockMemory());
    }

    private void reportRealTime(RealTimeReport report) {
        for (RealTimeReport.Item item : report.items()) {
            if (!item.applied()) {
                warn(item.setting() + " was refused: " + item.detail() + "; the loop runs without it (" + item.cost() + ")");
            }
        }
    }

    private void warn(String line) {
        synchronized (warnings) {
            warnings.add(line);
        }
        if (options.warnings() != null) {
            options.warnings().accept(line);
        }
    }

    // ---- lifecycle

    /**
     * Activates the device and runs the loop on its own thread ("neurorig-loop") with the profile's
     * real-time settings; a setting the OS refuses is a warning, not an error.
     *
     * @throws RigException when the device cannot be activated (it is then in its safe state)
     */
    public void start() throws RigException {
        requireState(State.ASSEMBLED, "start");
        if (clock != null) {
            throw new IllegalStateException("this rig was assembled in invoker mode: step() it instead of start()");
        }
        device.startIo();
        activate();
        startTelemetryThread();
        try {
            loopThread = LoopThread.start(loop, profile.realtime().waitMode(), SPIN_NANOS, warningStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopAfterFailedStart();
            throw new RigException("interrupted while the loop thread started", e);
        } catch (RuntimeException e) {
            stopAfterFailedStart();
            throw new RigException("the loop thread did not start: " + e.getMessage(), e);
        }
        state = State.RUNNING;
    }

    private void activate() throws RigException {
        try {
            loop.activateDevices();
        } catch (DeviceException e) {
            device.stopIo();
            throw new RigException(e.getMessage(), e);
        }
    }

    private void stopAfterFailedStart() {
        loop.onClose();
        device.stopIo();
        closeTelemetry();
        state = State.STOPPED;
    }

    /**
     * Invoker mode: runs one tick on this thread, then moves the injected clock on by one period. The
     * first call activates the device.
     */
    public void step() throws RigException {
        if (clock == null) {
            throw new IllegalStateException("this rig runs on its own thread: start() it; step() is for invoker mode");
        }
        if (state == State.ASSEMBLED) {
            activate();
            invoker = new AgentInvoker(t -> warn("loop: " + t), null, loop);
            invoker.start();
            state = State.RUNNING;
        }
        requireState(State.RUNNING, "step");
        long now = clock.nanoTime();
        device.serviceIo(now); // the I/O side samples the sensors ...
        invoker.invoke();
        device.serviceIo(now); // ... and applies the new command
        clock.advance(loop.periodNanos());
        if (telemetryWriter != null) {
            telemetryWriter.doWork();
        }
    }

    /**
     * Invoker mode: steps until {@code episodes} more episodes have ended or {@code maxTicks} ticks have
     * run; returns the episodes that ended.
     */
    public long runEpisodes(long episodes, long maxTicks) throws RigException {
        long from = controller.history().count();
        for (long t = 0; t < maxTicks && controller.history().count() - from < episodes; t++) {
            step();
        }
        return controller.history().count() - from;
    }

    /**
     * On its thread: waits until {@code episodes} episodes have ended since the start, the loop has
     * stopped, or the timeout passes; true when the episodes ended.
     */
    public boolean awaitEpisodes(long episodes, java.time.Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long poll = Math.min(loop.periodNanos(), TimeUnit.MILLISECONDS.toNanos(20));
        while (controller.history().count() < episodes && System.nanoTime() - deadline < 0 && state == State.RUNNING) {
            LockSupport.parkNanos(poll);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
        return controller.history().count() >= episodes;
    }

    /**
     * Stops the loop: every actuator to its safe value, the device deactivated, the telemetry drained
     * into its file and flushed. Safe to call in any state; a second call does nothing.
     */
    public void stop() {
        if (state != State.RUNNING) {
            return;
        }
        if (loopThread != null) {
            loopThread.close(); // the loop thread drives the safe state on its way out
        } else if (invoker != null) {
            invoker.close();
        }
        device.stopIo();
        closeTelemetry();
        state = State.STOPPED;
    }

    /**
     * After the watchdog tripped: re-activates the device (the Pi's latches its safe state until then)
     * and lets the loop resume at its next tick, commands ramping from the safe values. Only while running.
     */
    public void rearm() {
        requireState(State.RUNNING, "rearm");
        device.device().activate();
        loop.rearm();
    }

    /**
     * Saves the network's weights (a checkpoint {@link RigOptions#resumingFrom} loads). Call it when the
     * rig has stopped, or between steps in invoker mode: an episode in progress is abandoned first (its
     * partial return judges nothing; weight perturbation's trial weights are taken off), and an online
     * rule's pending updates are applied.
     */
    public void saveCheckpoint(Path file) throws CheckpointException {
        if (state == State.RUNNING && loopThread != null) {
            throw new IllegalStateException("stop() the rig before saving: its network learns on the loop thread");
        }
        LearningController learning = controller.learning();
        if (learning != null) {
            learning.rule().abandonEpisode();
            learning.rule().applyPendingUpdates();
        }
        Checkpoint.save(file, controller.network());
    }

    /** Stops the rig if it runs and releases everything: the device, the emulator, the Pi4J context. Never throws. */
    @Override
    public void close() {
        if (state == State.CLOSED) {
            return;
        }
        stop();
        loop.closeDevices();
        device.release();
        closeTelemetry();
        state = State.CLOSED;
    }

    private void startTelemetryThread() {
        if (telemetryWriter != null) {
            telemetryRunner = new AgentRunner(new SleepingMillisIdleStrategy(1), t -> warn("telemetry: " + t), null,
                    telemetryWriter);
            AgentRunner.startOnThread(telemetryRunner);
        }
    }

    private void closeTelemetry() {
        if (telemetryRunner != null) {
            telemetryRunner.close(); // the writer drains what is left and flushes
            telemetryRunner = null;
            telemetryWriter = null;
        } else if (telemetryWriter != null) {
            telemetryWriter.doWork();
            telemetryWriter.onClose();
            telemetryWriter = null;
        }
    }

    private void requireState(State expected, String action) {
        if (state != expected) {
            throw new IllegalStateException("cannot " + action + " a rig that is " + state.name().toLowerCase(java.util.Locale.ROOT)
                    + " (expected " + expected.name().toLowerCase(java.util.Locale.ROOT) + ")");
        }
    }

    private PrintStream warningStream() {
        return new PrintStream(System.err, true) {
            @Override
            public void println(String line) {
                warn(line);
            }
        };
    }

    // ---- for other threads

    public RigProfile profile() {
        return profile;
    }

    public State state() {
        return state;
    }

    /** The control loop: ticks, overruns, trips, latency recorders, telemetry ring. */
    public ControlLoop loop() {
        return loop;
    }

    /** The device itself (a plant, a {@code FirmwarePlant}, a {@code PiCartPole}). */
    public Device device() {
        return device.device();
    }

    /** The device with what runs around it (tests look at the emulator). */
    RigDevice rigDevice() {
        return device;
    }

    /** The controller network, whose weights learn. */
    public RateNetwork network() {
        return controller.network();
    }

    /** The learning controller, or null when the profile's rule is {@code none}. */
    public LearningController learning() {
        return controller.learning();
    }

    /** The learning rate, noise and on/off switch, settable from any thread; null without learning. */
    public LearningControls controls() {
        return controller.learning() == null ? null : controller.learning().controls();
    }

    /** Every episode's length, return and ending, as it ends. */
    public EpisodeHistory history() {
        return controller.history();
    }

    /** The warnings said so far (refused real-time settings and the like). */
    public List<String> warnings() {
        synchronized (warnings) {
            return List.copyOf(warnings);
        }
    }

    /** One line: the rig, its device, rate, network and learning. */
    public String describe() {
        ActuatorChannel a = profile.actuators().getFirst();
        return profile.name() + ": " + device.describe() + "; " + ProfileSection.format(profile.rateHz()) + " Hz; N = "
                + profile.network().n() + "; " + profile.learning().summary() + "; " + a.name() + " in ["
                + ProfileSection.format(a.min()) + ", " + ProfileSection.format(a.max()) + "] " + a.unit();
    }

    /** Whether the loop is waiting for a real rig's operator to set the pole up (see {@code [episodes]}). */
    public boolean awaitingOperator() {
        return !device.resetsIntoAState() && loop.awaitingStart();
    }
}
