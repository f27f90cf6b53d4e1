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
 * @param realtime    scheduling requests for the loop thread
 * @param device      the device and how to reach it
 * @param sensors     sensor channels, in the order the device reports them
 * @param actuators   actuator channels, in the order the device takes them
 * @param safety      watchdog and terminal conditions
 * @param network     the controller network; its inputs are the sensors and its outputs the actuators
 */
public record RigProfile(String name, String description, double rateHz, RealtimeSettings realtime,
        DeviceSpec device, List<SensorChannel> sensors, List<ActuatorChannel> actuators, SafetySettings safety,
        NetworkConfig network) {

    public RigProfile {
        sensors = List.copyOf(sensors);
        actuators = List.copyOf(actuators);
    }
}
