package org.neurorig.rig;

import org.neurorig.device.Device;
import org.neurorig.device.Plant;
import org.neurorig.profile.ActuatorChannel;
import org.neurorig.profile.DeviceSpec;
import org.neurorig.profile.RigProfile;

/**
 * The rig's device with what it needs around it: an emulator process, a Pi4J context, an I/O thread.
 * The loop reads and writes the {@link Device} itself ({@link #device()}); this is what opens it, keeps
 * it company and releases it. Opening one opens and checks the hardware (a handshake, the sensors
 * answering) but drives nothing; the loop activates it when the rig starts.
 */
sealed interface DeviceSetup permits SimulatedSetup, SerialSetup, PiSetup {

    /** Opens the device a profile describes; on failure everything opened is closed again. */
    static DeviceSetup open(RigProfile profile, RigOptions options) throws RigException {
        return switch (profile.device()) {
            case DeviceSpec.Simulated s -> SimulatedSetup.open(s, profile);
            case DeviceSpec.Serial s -> SerialSetup.open(s, profile, options);
            case DeviceSpec.RaspberryPi p -> PiSetup.open(p, profile, options);
        };
    }

    /** The device itself. */
    Device device();

    /** The device as the loop's episodic plant: itself when it can be reset into a state, else a {@link HardwarePlant}. */
    Plant plant();

    /** Whether a reset puts the plant into an initial state (simulated, emulated); a real rig waits for its operator. */
    boolean resetsIntoAState();

    /** One line for listings, e.g. {@code emulated Uno (QEMU pid 1234) on /dev/pts/5: cartpole-plant 1.0.0}. */
    String describe();

    /** Starts what runs beside the loop thread (the Pi's I/O thread); before the device is activated. */
    default void startIo() {
    }

    /** In invoker mode, the I/O side's work before and after a tick (the Pi's agent: sample, then apply the command). */
    default void serviceIo(long nowNanos) {
    }

    /** Stops what {@link #startIo} started; the loop has stopped. */
    default void stopIo() {
    }

    /** Releases what the device's own close does not: the emulator, the Pi4J context. After the device is closed. */
    default void release() {
    }

    /** Everything, for a rig that never started: I/O, the device, then the rest. */
    default void closeAll() {
        stopIo();
        device().close();
        release();
    }

    /** The largest force the actuator channel allows either way, N (the motor's full scale for a simulation). */
    static double fullScale(RigProfile profile) {
        ActuatorChannel a = profile.actuators().getFirst();
        return Math.max(Math.abs(a.min()), Math.abs(a.max()));
    }
}
