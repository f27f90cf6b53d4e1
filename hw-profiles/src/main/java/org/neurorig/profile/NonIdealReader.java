package org.neurorig.profile;

import java.util.LinkedHashMap;
import java.util.Map;
import org.neurorig.plant.nonideal.NonIdealities;

/**
 * The {@code [nonideal]} table of a simulated rig: a {@code preset} to start from (none, mild,
 * moderate, strong, or one effect's name), then any of {@link NonIdealities#PARAMETERS} by key, each
 * checked by {@link NonIdealities#with} (its own range and unit), and a {@code seed} for the noise.
 */
final class NonIdealReader {

    private NonIdealReader() {
    }

    static DeviceSpec.Simulated read(ProfileSection s, DeviceSpec.Simulated plain) {
        if (!s.present()) {
            return plain;
        }
        Map<String, String> presets = new LinkedHashMap<>();
        NonIdealities.presetNames().forEach(n -> presets.put(n, n));
        NonIdealities n = NonIdealities.preset(s.choice("preset", presets, "none"));
        // in the record's order: cart_encoder_cpr comes before cart_travel_per_rev, so the check that ties
        // the two sees the final values of both
        for (NonIdealities.Parameter p : NonIdealities.PARAMETERS) {
            if (!s.has(p.key())) {
                continue;
            }
            double value = s.number(p.key(), p.range() + " (" + p.unit() + ")", Double.NaN);
            if (Double.isNaN(value)) {
                continue; // the wrong type is reported
            }
            try {
                n = n.with(p.key(), value);
            } catch (IllegalArgumentException e) {
                // "nonideal.KEY = V is out of range: ..." -> "= V is out of range: ..." (the problem names the key)
                String message = e.getMessage();
                String prefix = "nonideal." + p.key() + " ";
                s.problem(p.key(), message.startsWith(prefix) ? message.substring(prefix.length()) : message);
            }
        }
        long seed = s.integer("seed", Long.MIN_VALUE, Long.MAX_VALUE, 1L);
        return new DeviceSpec.Simulated(plain.plant(), n, seed);
    }
}
