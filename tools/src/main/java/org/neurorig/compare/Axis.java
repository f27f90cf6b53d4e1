package org.neurorig.compare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;
import org.neurorig.plant.nonideal.NonIdealities;

/**
 * One axis of the hardware sweep: a single non-ideality grown from none to far past where the
 * model-based learner copes, everything else ideal; or the blended severity, every effect together.
 * One effect at a time, so that effects cannot cancel (a weaker motor damping a delay's oscillation)
 * and a breaking point can be pinned on one cause.
 *
 * @param name     the axis's name on the command line and in files, e.g. {@code delay}
 * @param label    what varies, for tables and figures, e.g. {@code actuator delay}
 * @param unit     the unit of the values as the user gives them, e.g. {@code ticks}
 * @param values   the values swept, from the ideal (or mildest) point outwards
 * @param hardware the hardware's non-idealities at a value
 */
record Axis(String name, String label, String unit, List<Double> values, DoubleFunction<NonIdealities> hardware, double min, double max, boolean integer) {

    Axis {
        values = List.copyOf(values);
    }

    /** Every axis, in the order of the report. */
    static final List<Axis> ALL = List.of(
            single("delay", "actuator delay", "ticks", "delay_ticks", 1, 0, 100, true, 0, 1, 2, 3, 4, 6, 8),
            single("hold", "zero-order hold", "ticks", "hold_ticks", 1, 1, 100, true, 1, 2, 3, 4, 6, 8),
            single("length", "pole length error", "relative", "length_error", 1, -0.99, 10, false, -0.7, -0.5, -0.25, 0, 0.5, 1, 2, 3),
            single("gain", "motor gain error", "relative", "gain_error", 1, -0.99, 10, false, -0.8, -0.5, -0.25, 0, 0.5, 1, 2, 4),
            single("offset", "pole angle sensor offset", "deg", "theta_offset", Math.PI / 180, 0, 28, false, 0, 0.5, 1, 1.5, 2, 3),
            single("bias", "motor force bias", "N", "force_bias", 1, 0, 100, false, 0, 0.2, 0.4, 0.6, 0.8, 1),
            new Axis("severity", "every effect together (blended severity)", "0 none to 1 strong",
                    List.of(0.0, 0.25, 0.5, 0.75, 1.0), NonIdealities::severity, 0, 1, false));

    private static Axis single(String name, String label, String unit, String key, double toSi, double min, double max, boolean integer,
            double... values) {
        return new Axis(name, label, unit, Arrays.stream(values).boxed().toList(), v -> NonIdealities.none().with(key, v * toSi), min, max, integer);
    }

    /** The single point of a rig profile's hardware ({@code --hardware}): no sweep, the profile as it is. */
    static Axis profile(String name) {
        return new Axis(name, "the " + name + " profile as it is", "profile", List.of(0.0), v -> NonIdealities.none(), 0, 0, true);
    }

    /** Whether this axis sweeps a simulated non-ideality (not a profile's single point). */
    boolean sweeps() {
        return !unit.equals("profile");
    }

    /** The axis called {@code name}, or a one-line refusal naming the axes there are. */
    static Axis named(String name) {
        for (Axis a : ALL) {
            if (a.name.equals(name.trim().toLowerCase(Locale.ROOT))) {
                return a;
            }
        }
        throw new IllegalArgumentException("--axis: unknown axis '" + name.trim() + "': expected one of " + String.join(", ", names()));
    }

    static List<String> names() {
        return ALL.stream().map(Axis::name).toList();
    }

    /** This axis with other values; each is checked against the axis's range. */
    Axis withValues(List<Double> given) {
        if (given.isEmpty()) {
            throw new IllegalArgumentException("--axis " + name + ": give at least one value, e.g. --axis " + name + "="
                    + format(values.getFirst()) + "," + format(values.getLast()));
        }
        List<Double> checked = new ArrayList<>();
        for (double v : given) {
            if (!(v >= min && v <= max) || (integer && v != Math.rint(v))) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "--axis %s: %s is out of range: expected %s from %s to %s (%s)",
                        name, format(v), integer ? "an integer" : "a number", format(min), format(max), unit));
            }
            checked.add(v + 0.0);
        }
        return new Axis(name, label, unit, checked, hardware, min, max, integer);
    }

    /** A value as the tables print it, e.g. {@code 2} or {@code 0.25}. */
    static String format(double v) {
        return v == Math.rint(v) ? Long.toString((long) v)
                : new java.math.BigDecimal(String.format(Locale.ROOT, "%.3g", v)).stripTrailingZeros().toPlainString();
    }

    /** A value with its unit, e.g. {@code 2 ticks}; on the severity axis, a scale, the bare value. */
    String quantity(double value) {
        return name.equals("severity") ? format(value) : format(value) + " " + unit;
    }

    /** The short name of one point, e.g. {@code delay 2}. */
    String point(double value) {
        return sweeps() ? name + " " + format(value) : name;
    }
}
