package org.neurorig.learning;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** The weight matrices a rule can make plastic; which ones are is a parameter of every rule. */
public enum WeightGroup {
    /** W, outputs x N: the readout that drives the actuators. */
    READOUT,
    /** J, N x N: the recurrent weights. */
    RECURRENT,
    /** B, N x inputs: the weights from the sensors. */
    INPUT,
    /** b, the biases of a {@link org.neurorig.network.BernoulliNetwork}'s units. */
    BIAS;

    /** Parses a comma-separated list such as {@code "readout,recurrent"} (as written in a profile or option). */
    public static Set<WeightGroup> parse(String text) {
        EnumSet<WeightGroup> groups = EnumSet.noneOf(WeightGroup.class);
        for (String part : text.split(",")) {
            String name = part.trim().toUpperCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            try {
                groups.add(valueOf(name));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown weight group '" + part.trim()
                        + "': expected readout, recurrent, input or bias");
            }
        }
        if (groups.isEmpty()) {
            throw new IllegalArgumentException("no plastic weights named in '" + text + "': expected readout, recurrent, input or bias");
        }
        return groups;
    }
}
