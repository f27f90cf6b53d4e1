package org.neurorig.rig;

import java.util.ArrayList;
import java.util.List;
import org.neurorig.device.Plant;
import org.neurorig.episode.Episodes;
import org.neurorig.loop.ActuatorLimits;
import org.neurorig.loop.EpisodeRunner;
import org.neurorig.loop.WatchdogConfig;
import org.neurorig.profile.ActuatorChannel;
import org.neurorig.profile.DeviceSpec;
import org.neurorig.profile.ProfileSection;
import org.neurorig.profile.RigProfile;
import org.neurorig.profile.SensorChannel;

/**
 * A rig profile's cart-pole as a {@link Plant} to train on in one's own loop (the runtime's
 * {@code EpisodeRunner} at this hardware's {@link #pace()}), opened as a rig opens its device but
 * without the rig's controller around it. Whatever the device, the plant reads x (m), x_dot (m/s),
 * theta (rad) and theta_dot (rad/s), in that order, and takes the force on the cart (N), so one
 * controller runs on all of them:
 * <ul>
 *   <li>a simulated profile: the cart-pole in this process with the profile's non-idealities, stepped
 *       once per write (lockstep by nature);</li>
 *   <li>the emulated Uno: QEMU started on the reference firmware, which runs in lockstep, one tick per
 *       command, as fast as the link carries a command and a state ({@link #openInRealTime}: at its timer
 *       tick instead, as a real board);</li>
 *   <li>a real board or a Raspberry Pi: real time at the firmware's tick or the profile's rate; a real
 *       rig cannot be reset into a state, so each episode waits for its operator ({@link #startGate()}).</li>
 * </ul>
 *
 * <pre>
 *   try (TrainingHardware hw = TrainingHardware.open(profile, RigOptions.defaults());
 *        EpisodeRunner run = new EpisodeRunner(hw.plant(), recorder, task, 500, starts, hw.pace(), hw.limits())) {
 *       run.runEpisode();
 *   }                                   // the device closed, the emulator stopped
 * </pre>
 * Opening checks the device (a firmware's handshake, a Pi's sensors) and drives nothing: the loop
 * activates the plant. One thread uses it; {@link #close()} from any state.
 */
public final class TrainingHardware implements AutoCloseable {

    private static final List<String> SENSORS = List.of("x", "x_dot", "theta", "theta_dot");
    private static final List<String> SENSOR_UNITS = List.of("m", "m/s", "rad", "rad/s");
    private static final String ACTUATOR = "force";
    private static final String ACTUATOR_UNIT = "N";

    private final RigProfile profile;
    private final DeviceSetup setup;
    private final Plant plant;
    private final boolean lockstep;
    private boolean closed;

    private TrainingHardware(RigProfile profile, DeviceSetup setup, Plant plant, boolean lockstep) {
        this.profile = profile;
        this.setup = setup;
        this.plant = plant;
        this.lockstep = lockstep;
    }

    /**
     * Opens the cart-pole {@code profile} describes: in lockstep where the device can be stepped (a
     * simulation, the emulated Uno), else in real time with its I/O running (a Pi's I/O thread). Of
     * {@code options} only the warnings and a Pi4J context are used.
     *
     * @throws RigException one line naming what to fix: a profile that is not a cart-pole in plant units,
     *                      a port that does not exist, a firmware that does not answer or cannot do what the
     *                      profile asks, QEMU or avr-gcc missing; whatever had been opened is closed again
     *                      (no emulator left running, no port held)
     */
    public static TrainingHardware open(RigProfile profile, RigOptions options) throws RigException {
        return open(profile, options, true);
    }

    /**
     * Opens the cart-pole as {@link #open(RigProfile, RigOptions)} does, but in real time even where it could
     * be stepped: the emulated Uno at its firmware's timer tick, as a real board runs (a simulated profile
     * is always stepped: it has no time of its own).
     */
    public static TrainingHardware openInRealTime(RigProfile profile, RigOptions options) throws RigException {
        return open(profile, options, false);
    }

    private static TrainingHardware open(RigProfile profile, RigOptions options, boolean stepWherePossible) throws RigException {
        requireCartPole(profile);
        boolean lockstep = switch (profile.device()) {
            case DeviceSpec.Simulated s -> true;
            case DeviceSpec.Serial s -> s.emulated() && stepWherePossible;
            case DeviceSpec.RaspberryPi p -> false;
        };
        // invoker mode is what asks a device for lockstep: the caller's loop is the only clock
        RigOptions mode = new RigOptions(lockstep, null, null, options.warnings(), options.piContext(), null);
        DeviceSetup setup = DeviceSetup.open(profile, mode);
        try {
            Plant plant = setup.plant();
            if (CalibratedPlant.needed(profile.sensors())) {
                plant = new CalibratedPlant(plant, profile.sensors());
            }
            if (!lockstep) {
                setup.startIo();
            }
            return new TrainingHardware(profile, setup, plant, lockstep);
        } catch (RuntimeException e) {
            setup.closeAll();
            throw e;
        }
    }

    /** Refuses, in one line, a profile whose channels are not the cart-pole's in plant units. */
    static void requireCartPole(RigProfile profile) throws RigException {
        List<String> wrong = new ArrayList<>();
        List<SensorChannel> sensors = profile.sensors();
        if (sensors.size() != SENSORS.size()) {
            wrong.add("it has " + sensors.size() + " sensors");
        }
        for (int i = 0; i < Math.min(sensors.size(), SENSORS.size()); i++) {
            SensorChannel s = sensors.get(i);
            if (!s.name().equals(SENSORS.get(i)) || !s.unit().equals(SENSOR_UNITS.get(i))) {
                wrong.add("sensors[" + i + "] is " + s.name() + " in " + s.unit() + ", not " + SENSORS.get(i) + " in "
                        + SENSOR_UNITS.get(i));
            }
        }
        List<ActuatorChannel> actuators = profile.actuators();
        if (actuators.size() != 1) {
            wrong.add("it has " + actuators.size() + " actuators");
        } else if (!actuators.getFirst().name().equals(ACTUATOR) || !actuators.getFirst().unit().equals(ACTUATOR_UNIT)) {
            wrong.add("actuators[0] is " + actuators.getFirst().name() + " in " + actuators.getFirst().unit() + ", not "
                    + ACTUATOR + " in " + ACTUATOR_UNIT);
        }
        if (!wrong.isEmpty()) {
            throw new RigException(profile.name() + " is not a cart-pole to train on: " + String.join("; ", wrong)
                    + ". Training hardware reads x (m), x_dot (m/s), theta (rad), theta_dot (rad/s) and drives force (N):"
                    + " give the profile's [[sensors]] and [[actuators]] these names and units, in this order (scale and"
                    + " offset convert a reading)");
        }
    }

    /**
     * The cart-pole: a reset puts it into the given state (a real rig: leaves it where it stands), a read
     * gives the four sensors in plant units, a write the force in newtons. Activated by the loop that
     * drives it; closed with this object.
     */
    public Plant plant() {
        return plant;
    }

    /**
     * Whether the plant steps once per write and never between (a simulation, the emulated Uno): a loop
     * on an injected clock runs it as fast as it answers. False for a real rig, which keeps its own
     * time: drive it in real time at {@code plant().dt()}.
     */
    public boolean lockstep() {
        return lockstep;
    }

    /** The profile's limits for each command (range, slew rate, safe value), for the loop that drives the plant. */
    public ActuatorLimits[] limits() {
        return RigAssembly.limits(profile);
    }

    /**
     * How a loop drives this plant: lockstep where it steps once per write; else real time at its rate,
     * with the rig's watchdog and, where a reset cannot put it into a state, a new operator's start gate.
     */
    public EpisodeRunner.Pace pace() {
        return lockstep ? EpisodeRunner.Pace.LOCKSTEP : EpisodeRunner.Pace.realTime(startGate(), watchdog());
    }

    /**
     * The watchdog a real-time loop on this plant runs with, the rig's own (from {@code [safety]}, as
     * {@code neurorig run} has it): a silent device or a blocked call for the watchdog time trips it.
     */
    public WatchdogConfig watchdog() {
        return RigAssembly.watchdog(profile, Math.round(plant.dt() * 1e9));
    }

    /**
     * A new gate for a loop's episodes ({@code Episodes.startingWhen}) on a rig that cannot be reset into
     * a state: the episode begins once its operator has set the pole up and held it ({@code [episodes]}
     * restart settings); null where a reset puts the plant into its state. One per loop: it counts.
     */
    public Episodes.StartGate startGate() {
        return setup.resetsIntoAState() ? null : OperatorRestart.of(profile);
    }

    /** The device with what runs around it (tests look at the emulator). */
    DeviceSetup setup() {
        return setup;
    }

    /** One line: the profile, its device, and how it is stepped. */
    public String describe() {
        return profile.name() + ": " + setup.describe() + "; " + (lockstep ? "stepped once per write"
                : "real time at " + ProfileSection.format(1 / plant.dt()) + " Hz"
                + (setup.resetsIntoAState() ? "" : ", each episode started by its operator"));
    }

    /** Closes the device (its safe state first if it is still active), its I/O and the emulator. Never throws. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            setup.closeAll();
        }
    }
}
