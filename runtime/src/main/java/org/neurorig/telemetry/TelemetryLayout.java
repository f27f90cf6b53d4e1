package org.neurorig.telemetry;

import java.util.List;

/**
 * The shape of a loop's telemetry records: which sensors and commands, how many learning-state
 * probes, and how the network activity is decimated (so many units, every so many ticks). Written at
 * the start of every log, so a log can be read without the program that made it.
 *
 * @param sensorNames   one name per sensor value, in the loop's order (e.g. "cartpole.0")
 * @param commandNames  one name per command
 * @param probeCount    learning-state values per record
 * @param activityUnits units in each activity snapshot (0: none); spread evenly over the network
 * @param activityEvery a snapshot on every this many ticks (1: every tick)
 * @param periodNanos   the loop's period
 */
public record TelemetryLayout(List<String> sensorNames, List<String> commandNames, int probeCount, int activityUnits,
        int activityEvery, long periodNanos) {

    /** Arrays are counted in int16 fields of the record. */
    public static final int MAX_VALUES = Short.MAX_VALUE;

    public TelemetryLayout {
        sensorNames = List.copyOf(sensorNames);
        commandNames = List.copyOf(commandNames);
        if (sensorNames.size() > MAX_VALUES || commandNames.size() > MAX_VALUES || probeCount < 0
                || probeCount > MAX_VALUES || activityUnits < 0 || activityUnits > MAX_VALUES) {
            throw new IllegalArgumentException("telemetry: " + sensorNames.size() + " sensors, " + commandNames.size()
                    + " commands, " + probeCount + " probes, " + activityUnits + " activity units: each must be 0 to " + MAX_VALUES);
        }
        if (activityEvery < 1) {
            throw new IllegalArgumentException("telemetry.activityEvery = " + activityEvery + ": expected >= 1 tick");
        }
        if (periodNanos <= 0) {
            throw new IllegalArgumentException("telemetry period " + periodNanos + " ns: expected > 0");
        }
    }

    public int sensorCount() {
        return sensorNames.size();
    }

    public int commandCount() {
        return commandNames.size();
    }

    /** The longest record: one with an activity snapshot. */
    public int maxRecordLength() {
        return TickRecord.length(sensorCount(), commandCount(), probeCount, activityUnits);
    }
}
