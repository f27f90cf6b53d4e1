package org.neurorig.profile;

import java.util.List;
import org.neurorig.network.NetworkConfig;

/**
 * A rig, as one validated profile describes it. Made only by {@link ProfileLoader}, and only from a
 * profile with no problems at all.
 *
 * @param name        the profile's name
 * @param description one line for listings
 * @param rateHz      the control loop's rate
 * @param realtime    the loop thread's real-time requests and wait mode ({@code [realtime]})
 * @param device      the device and how to reach it
 * @param sensors     sensor channels, in the order the device reports them
 * @param actuators   actuator channels, in the order the device takes them
 * @param safety      watchdog and terminal conditions
 * @param network     the controller network; its inputs are the sensors and its outputs the actuators
 * @param readoutScale the readout weights start N(0, readoutScale^2 / n); 0 starts them at zero
 * @param learning    how the network learns while it controls
 * @param episodes    episode length, reward and how a new episode starts
 * @param checkpoint  how often a learning run saves its weights while it runs
 */
public record RigProfile(String name, String description, double rateHz, LoopThreadSettings realtime,
        DeviceSpec device, List<SensorChannel> sensors, List<ActuatorChannel> actuators, SafetySettings safety,
        NetworkConfig network, double readoutScale, LearningSettings learning, EpisodeSettings episodes,
        CheckpointSettings checkpoint) {

    public RigProfile {
        sensors = List.copyOf(sensors);
        actuators = List.copyOf(actuators);
    }

    /** The loop's period in nanoseconds. */
    public long periodNanos() {
        return Math.round(1e9 / rateHz);
    }

    /** Whether the device is real hardware (a serial port or a Raspberry Pi), not a plant in this process or an emulator. */
    public boolean realHardware() {
        return switch (device) {
            case DeviceSpec.Simulated s -> false;
            case DeviceSpec.Serial s -> !s.emulated();
            case DeviceSpec.RaspberryPi p -> true;
        };
    }
}
