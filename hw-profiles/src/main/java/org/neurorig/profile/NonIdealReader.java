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
        String preset = s.choice("preset", presets, "none");
        NonIdealities n = NonIdealities.preset(preset);
        // in the record's order: cart_encoder_cpr comes before cart_travel_per_rev, so the check that ties
        // the two sees the final values of both
        for (NonIdealities.Parameter p : NonIdealities.PARAMETERS) {
            double value = s.number(p.key(), p.range() + " (" + p.unit() + ")", Double.NaN);
            if (Double.isNaN(value)) {
                continue; // not written, or of the wrong type (reported)
            }
            if (p.key().equals("cart_travel_per_rev") && n.cartEncoderCpr() > 0 && value == 0) {
                s.problem(p.key(), "0 leaves the cart encoder without a scale, and it is on ("
                        + (s.valid("cart_encoder_cpr") ? s.cite("cart_encoder_cpr", n.cartEncoderCpr())
                                : s.keyName("preset") + " \"" + preset + "\" (" + s.originOf("preset") + ")")
                        + "): expected the cart's travel per turn of the encoder's shaft, > 0 (m)");
                continue;
            }
            try {
                n = n.with(p.key(), value);
            } catch (IllegalArgumentException e) {
                // "nonideal.KEY = V is out of range: ..." -> "V is out of range: ..." (the problem names the key)
                String message = e.getMessage();
                String prefix = "nonideal." + p.key() + " = ";
                s.problem(p.key(), message.startsWith(prefix) ? message.substring(prefix.length()) : message);
            }
        }
        long seed = s.integer("seed", Long.MIN_VALUE, Long.MAX_VALUE, 1L);
        return new DeviceSpec.Simulated(plain.plant(), n, seed);
    }
}
