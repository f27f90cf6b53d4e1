package org.neurorig.rig;

import java.util.List;
import org.neurorig.profile.SafetySettings;
import org.neurorig.profile.SensorChannel;

/** A profile's {@code [[safety.terminal]]} conditions resolved to sensor indices, for the tick: |value| > limit ends an episode. */
final class TerminalConditions {

    final int[] sensor;
    final double[] limit;

    TerminalConditions(SafetySettings safety, List<SensorChannel> sensors) {
        List<SafetySettings.TerminalCondition> conditions = safety.terminal();
        sensor = new int[conditions.size()];
        limit = new double[conditions.size()];
        List<String> names = sensors.stream().map(SensorChannel::name).toList();
        for (int c = 0; c < conditions.size(); c++) {
            sensor[c] = names.indexOf(conditions.get(c).sensor()); // the profile reader checked the name
            limit[c] = conditions.get(c).limit();
        }
    }

    int count() {
        return sensor.length;
    }

    boolean anyExceeded(double[] values) {
        for (int c = 0; c < sensor.length; c++) {
            if (!(Math.abs(values[sensor[c]]) <= limit[c])) { // NaN is outside too
                return true;
            }
        }
        return false;
    }

    /** Whether every condition's sensor is within {@code fraction} of its limit. */
    boolean allWithin(double[] values, double fraction) {
        for (int c = 0; c < sensor.length; c++) {
            if (!(Math.abs(values[sensor[c]]) <= fraction * limit[c])) {
                return false;
            }
        }
        return true;
    }

    /** The mean of (value / limit)^2 over the conditions, each term at most 1. */
    double meanSquaredFraction(double[] values) {
        double sum = 0;
        for (int c = 0; c < sensor.length; c++) {
            double f = values[sensor[c]] / limit[c];
            sum += Math.min(1.0, f * f);
        }
        return sensor.length == 0 ? 0 : sum / sensor.length;
    }
}
