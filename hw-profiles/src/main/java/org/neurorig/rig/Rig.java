package org.neurorig.rig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.neurorig.control.LearningController;
import org.neurorig.device.Device;
import org.neurorig.device.DeviceException;
import org.neurorig.learning.CheckpointException;
import org.neurorig.learning.LearningControls;
import org.neurorig.learning.PeriodicCheckpoint;
import org.neurorig.loop.ControlLoop;
import org.neurorig.network.RateNetwork;
import org.neurorig.profile.ActuatorChannel;
import org.neurorig.profile.ProfileException;
import org.neurorig.profile.ProfileLoader;
import org.neurorig.profile.ProfileSection;
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

    private final RigProfile profile;
    private final DeviceSetup setup;
    private final RigController controller;
    private final ControlLoop loop;
    private final RigRunner runner;
    private final TelemetryWriter telemetry;
    private final PeriodicCheckpoint checkpoints;
    private volatile State state = State.ASSEMBLED;

    Rig(RigProfile profile, DeviceSetup setup, RigController controller, ControlLoop loop, RigRunner runner,
            TelemetryWriter telemetry, PeriodicCheckpoint checkpoints) {
        this.profile = profile;
        this.setup = setup;
        this.controller = controller;
        this.loop = loop;
        this.runner = runner;
        this.telemetry = telemetry;
        this.checkpoints = checkpoints;
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
        return RigAssembly.assemble(profile, options);
    }

    /** Loads a profile ({@link ProfileLoader#load}) and assembles its rig. */
    public static Rig assemble(String profileReference, List<String> overrides, RigOptions options)
            throws ProfileException, RigException {
        return assemble(ProfileLoader.load(profileReference, overrides), options);
    }

    /**
     * Activates the device and runs the loop on its own thread ("neurorig-loop") with the profile's
     * real-time settings; a setting the OS refuses is a warning, not an error.
     *
     * @throws RigException when the device cannot be activated (it is then in its safe state)
     */
    public void start() throws RigException {
        requireState(State.ASSEMBLED, "start");
        if (!(runner instanceof RealTimeRunner realTime)) {
            throw new IllegalStateException("this rig was assembled in invoker mode: step() it instead of start()");
        }
        setup.startIo();
        activate();
        try {
            realTime.start(loop, telemetry, checkpoints);
        } catch (RigException e) {
            setup.stopIo();
            closeTelemetry();
            state = State.STOPPED;
            throw e;
        }
        state = State.RUNNING;
    }

    private void activate() throws RigException {
        try {
            loop.activateDevices();
        } catch (DeviceException e) {
            setup.stopIo();
            throw new RigException(e.getMessage(), e);
        }
    }

    /**
     * Invoker mode: runs one tick on this thread, then moves the injected clock on by one period. The
     * first call activates the device.
     */
    public void step() throws RigException {
        if (!(runner instanceof InvokerRunner invoker)) {
            throw new IllegalStateException("this rig runs on its own thread: start() it; step() is for invoker mode");
        }
        if (state == State.ASSEMBLED) {
            activate();
            invoker.start(loop, setup, telemetry, checkpoints);
            state = State.RUNNING;
        }
        requireState(State.RUNNING, "step");
        invoker.step();
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
    public boolean awaitEpisodes(long episodes, Duration timeout) throws InterruptedException {
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
        runner.stop();
        setup.stopIo();
        closeTelemetry();
        state = State.STOPPED;
    }

    /**
     * After the watchdog tripped: re-activates the device (the Pi's latches its safe state until then)
     * and lets the loop resume at its next tick, commands ramping from the safe values. Only while running.
     */
    public void rearm() {
        requireState(State.RUNNING, "rearm");
        setup.device().activate();
        loop.rearm();
    }

    /**
     * Saves the network's weights (a checkpoint {@link RigOptions#resumingFrom} loads). Call it when the
     * rig has stopped, or between steps in invoker mode: an episode in progress is abandoned first (its
     * partial return judges nothing; weight perturbation's trial weights are taken off), and an online
     * rule's pending updates are applied. The periodic checkpoints have stopped by then, so this one is
     * the last written.
     */
    public void saveCheckpoint(Path file) throws CheckpointException {
        if (state == State.RUNNING && runner instanceof RealTimeRunner) {
            throw new IllegalStateException("stop() the rig before saving: its network learns on the loop thread");
        }
        controller.saveCheckpoint(file);
    }

    /** Stops the rig if it runs and releases everything: the device, the emulator, the Pi4J context. Never throws. */
    @Override
    public void close() {
        if (state == State.CLOSED) {
            return;
        }
        stop();
        loop.closeDevices();
        setup.release();
        closeTelemetry();
        state = State.CLOSED;
    }

    /** Drains the telemetry ring into its file and closes it; nothing when already closed (a runner's writer thread does that). */
    private void closeTelemetry() {
        if (telemetry != null) {
            telemetry.onClose();
        }
    }

    private void requireState(State expected, String action) {
        if (state != expected) {
            throw new IllegalStateException("cannot " + action + " a rig that is " + state.name().toLowerCase(Locale.ROOT)
                    + " (expected " + expected.name().toLowerCase(Locale.ROOT) + ")");
        }
    }

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
        return setup.device();
    }

    /** The device with what runs around it (tests look at the emulator). */
    DeviceSetup deviceSetup() {
        return setup;
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

    /** The checkpoints saved while it runs ({@link RigOptions#checkpointingTo}), or null. */
    public PeriodicCheckpoint checkpoints() {
        return checkpoints;
    }

    /** Every episode's length, return and ending, as it ends. */
    public EpisodeHistory history() {
        return controller.history();
    }

    /** One line: the rig, its device, rate, network and learning. */
    public String describe() {
        ActuatorChannel a = profile.actuators().getFirst();
        return profile.name() + ": " + setup.describe() + "; " + ProfileSection.format(profile.rateHz()) + " Hz; N = "
                + profile.network().n() + "; " + profile.learning().summary() + "; " + a.name() + " in ["
                + ProfileSection.format(a.min()) + ", " + ProfileSection.format(a.max()) + "] " + a.unit();
    }

    /** Whether the loop is waiting for a real rig's operator to set the pole up (see {@code [episodes]}). */
    public boolean awaitingOperator() {
        return !setup.resetsIntoAState() && loop.awaitingStart();
    }
}
