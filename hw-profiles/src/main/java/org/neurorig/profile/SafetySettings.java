package org.neurorig.profile;

import java.util.List;

/**
 * When the rig stops itself.
 *
 * @param watchdogTimeoutMs   a device that has not answered for this long drives the safe state
 * @param maxOverrunPeriods   an update that overruns by more than this many periods drives the safe state
 * @param terminal            conditions on calibrated sensor values that end an episode
 */
public record SafetySettings(double watchdogTimeoutMs, int maxOverrunPeriods, List<TerminalCondition> terminal) {

    /**
     * The episode ends when the named sensor's magnitude exceeds {@code limit}.
     *
     * @param sensor the sensor channel's name
     * @param limit  the largest |value| that is still inside, in the sensor's unit
     */
    public record TerminalCondition(String sensor, double limit) {
    }
}
