package org.neurorig.compare;

import java.util.List;
import org.neurorig.device.DeviceStatus;
import org.neurorig.device.Plant;
import org.neurorig.loop.EpisodeRunner;
import org.neurorig.plant.nonideal.PlantDecorator;
import org.neurorig.profile.DeviceSpec;
import org.neurorig.profile.ProfileException;
import org.neurorig.profile.ProfileLoader;
import org.neurorig.profile.RigProfile;
import org.neurorig.rig.RigException;
import org.neurorig.rig.RigOptions;
import org.neurorig.rig.TrainingHardware;

/**
 * A rig profile's cart-pole as the hardware of a {@code compare} run ({@code --hardware PROFILE}):
 * opened once, before anything trains, and shared by every run, one after another (an emulated Uno is
 * one QEMU, and two at once starve each other's watchdogs; a rig is one rig). Stepped in lockstep where
 * it can be; a real rig runs in real time, and each of its episodes begins when its operator has set
 * the pole up. Each loop borrows the plant; closing a loop
 * puts it in its safe state and deactivates it but leaves it open for the next.
 */
final class ProfileHardware implements AutoCloseable {

    private static final String LENIENT_WATCHDOG = "safety.watchdog_timeout_ms=10000";

    private final TrainingHardware hardware;
    private final String name;

    private ProfileHardware(TrainingHardware hardware, String name) {
        this.hardware = hardware;
        this.name = name;
    }

    /**
     * Loads the profile {@code reference} names (a shipped name or a file), refused in one line when it
     * does not load. Opens nothing.
     */
    static RigProfile load(String reference) {
        try {
            RigProfile profile = ProfileLoader.load(reference, List.of());
            if (profile.device() instanceof DeviceSpec.Serial serial && serial.emulated()) {
                // In lockstep the emulated plant moves only when commanded, so a late host cannot let it run away;
                // its watchdog runs on the emulator's timer all the same, and a host starved of CPU for half a second
                // (a busy machine, a JIT pause) would end the run. The longest watchdog the firmware takes:
                profile = ProfileLoader.load(reference, List.of(LENIENT_WATCHDOG));
            }
            return profile;
        } catch (ProfileException e) {
            throw new IllegalArgumentException("--hardware: " + e.getMessage(), e);
        }
    }

    /**
     * Opens {@code profile}, loaded by {@link #load}: stepped in lockstep where it can be, else (a real
     * rig, or {@code realTime}) in real time at its own rate. Refused in one line: a profile that is not
     * a cart-pole, or whose device does not answer.
     */
    static ProfileHardware open(String reference, RigProfile profile, boolean realTime) {
        if (realTime && profile.device() instanceof DeviceSpec.Simulated) {
            throw new IllegalArgumentException("--real-time: " + profile.name() + " is simulated in this process and has no time of its own;"
                    + " give a device's profile (uno-emulated, uno-usb, rpi-cartpole) or leave --real-time out");
        }
        TrainingHardware hardware;
        try {
            hardware = realTime ? TrainingHardware.openInRealTime(profile, RigOptions.defaults())
                    : TrainingHardware.open(profile, RigOptions.defaults());
        } catch (RigException e) {
            throw new IllegalArgumentException("--hardware " + reference + ": " + e.getMessage(), e);
        }
        return new ProfileHardware(hardware, profile.name());
    }

    /** How a loop on this hardware is paced: lockstep, or real time (with a new operator's gate on a real rig). */
    EpisodeRunner.Pace pace() {
        return hardware.pace();
    }

    /** The profile's name, e.g. {@code uno-emulated}. */
    String name() {
        return name;
    }

    String describe() {
        return hardware.describe();
    }

    /**
     * Waits, up to {@code seconds}, until the device is quiet again after a fault: its link up (a link
     * that dropped reconnects by itself), a reset acknowledged, and its state read without a fault, twice,
     * {@value #SETTLE_MS} ms apart, so that a watchdog trip still on its way from the failed run is seen
     * here and not by the next run's first tick. Returns whether it is.
     */
    boolean recover(double seconds) {
        Plant plant = hardware.plant();
        double[] sensors = new double[plant.sensorCount()];
        double[] upright = new double[plant.stateSize()];
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() - deadline < 0) {
            if (plant.reset(upright) == DeviceStatus.OK && answers(plant, sensors, deadline)) {
                java.util.concurrent.locks.LockSupport.parkNanos(SETTLE_MS * 1_000_000L);
                if (answers(plant, sensors, deadline)) {
                    return true;
                }
            }
            java.util.concurrent.locks.LockSupport.parkNanos(SETTLE_MS * 1_000_000L);
        }
        return false;
    }

    /**
     * Whether the device's next read is OK: in lockstep the read waits for its state; in real time the
     * state comes within a tick or two, and the reads before it are STALE.
     */
    private static boolean answers(Plant plant, double[] sensors, long deadline) {
        while (System.nanoTime() - deadline < 0) {
            DeviceStatus status = plant.read(System.nanoTime(), sensors);
            if (status != DeviceStatus.STALE) {
                return status == DeviceStatus.OK;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(5_000_000L);
        }
        return false;
    }

    private static final long SETTLE_MS = 500;

    /** The profile's limits on each command. */
    org.neurorig.loop.ActuatorLimits[] limits() {
        return hardware.limits();
    }

    /**
     * The plant for one loop. Loops may nest: a check with learning off runs between two training
     * episodes, while the training loop is open (its next episode already started, its first command
     * written). The device steps only when commanded, so the inner loop can use it and the outer
     * loop's position be restored afterwards, exactly: the outer episode's reset replayed and its
     * commands since written again, each answered but the last, whose answer the outer loop reads next.
     */
    Plant borrow() {
        return new Borrowed(hardware.plant());
    }

    private final java.util.ArrayDeque<Borrowed> open = new java.util.ArrayDeque<>();

    /** One loop's use of the device: activation shared with the loops around it, its episode replayable. */
    private final class Borrowed extends PlantDecorator {
        private final double[] resetState;
        private final int channels;
        private boolean wasReset;
        private double[] written = new double[64]; // the commands since the reset, one after the other
        private int writes;

        Borrowed(Plant device) {
            super(device);
            resetState = new double[device.stateSize()];
            channels = device.actuatorCount();
        }

        @Override
        public void activate() {
            if (open.isEmpty()) {
                super.activate();
            }
            open.push(this);
        }

        @Override
        public DeviceStatus reset(double[] initialState) {
            System.arraycopy(initialState, 0, resetState, 0, resetState.length);
            wasReset = true;
            writes = 0;
            return super.reset(initialState);
        }

        @Override
        public DeviceStatus write(long nowNanos, double[] commands) {
            if ((writes + 1) * channels > written.length) {
                written = java.util.Arrays.copyOf(written, 2 * written.length); // grows to an episode's length, then never
            }
            System.arraycopy(commands, 0, written, writes * channels, channels);
            writes++;
            return super.write(nowNanos, commands);
        }

        @Override
        public void deactivate() {
            open.remove(this);
            Borrowed outer = open.peek();
            if (outer == null) {
                super.deactivate();
            } else {
                outer.restore();
            }
        }

        @Override
        public void safeState() {
            if (open.peek() == this || open.isEmpty()) {
                super.safeState();
            }
        }

        /**
         * Puts the device back where this loop left it. A device in real time cannot be replayed (it
         * moved on while the other loop ran): its episode starts again from the same reset, which a
         * real rig takes as "where it stands", its loop waiting for the operator anyway.
         */
        private void restore() {
            Plant device = inner();
            device.activate();
            if (!wasReset) {
                return;
            }
            device.reset(resetState);
            if (!hardware.lockstep()) {
                return;
            }
            double[] sensors = new double[device.sensorCount()];
            double[] command = new double[channels];
            device.read(0, sensors);
            for (int i = 0; i < writes; i++) {
                System.arraycopy(written, i * channels, command, 0, channels);
                device.write(0, command);
                if (i < writes - 1) {
                    device.read(0, sensors);
                }
            }
        }

        @Override
        public void close() {
            // the hardware is closed once, by the run
        }
    }

    @Override
    public void close() {
        hardware.close();
    }
}
