package org.neurorig.plot;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The labelled ticks of a linear axis: the multiples of one step (1, 2 or 5 times a power of ten) in
 * the axis' range, the smallest step whose labels stand apart, so that no two labels touch at any
 * range (XChart labels evenly spaced data, such as episodes 1 to n, every few points, and from three
 * digits on the labels run together).
 *
 * @param step   the distance between two ticks
 * @param values the ticks, ascending
 * @param labels what each tick shows
 */
public record Ticks(double step, List<Double> values, List<String> labels) {

    /** Labels this far apart at least (pixels): a few ticks to read values off, not a ruler. */
    static final double MIN_SPACING = 70;
    /** The space between two labels at least, beyond their widths (pixels). */
    static final double GAP = 16;

    /**
     * Ticks for the values {@code from} to {@code to} drawn over {@code pixels}.
     *
     * @param wholeNumbers only whole-number ticks (episodes, epochs): never a step below 1
     * @param labelWidth   the width in pixels a label takes, in the font it is drawn in
     */
    public static Ticks choose(double from, double to, double pixels, boolean wholeNumbers, ToDoubleFunction<String> labelWidth) {
        if (!(to > from)) {
            return new Ticks(1, List.of(from), List.of(plain(from)));
        }
        double step = Math.pow(10, Math.floor(Math.log10((to - from) / 1000)));
        if (wholeNumbers) {
            step = Math.max(step, 1);
        }
        for (int i = 0; ; i++) {
            double candidate = step * new double[] {1, 2, 5}[i % 3] * Math.pow(10, i / 3);
            Ticks ticks = at(from, to, candidate);
            double spacing = candidate / (to - from) * pixels;
            double widest = ticks.labels().stream().mapToDouble(labelWidth).max().orElse(0);
            if (ticks.values().size() <= 2 || spacing >= Math.max(MIN_SPACING, widest + GAP)) {
                return ticks;
            }
        }
    }

    /** The multiples of {@code step} from {@code from} to {@code to}. */
    static Ticks at(double from, double to, double step) {
        List<Double> values = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        long first = (long) Math.ceil(from / step - 1e-9);
        long last = (long) Math.floor(to / step + 1e-9);
        for (long k = first; k <= last; k++) {
            double v = k * step;
            values.add(v);
            labels.add(label(v, step));
        }
        return new Ticks(step, List.copyOf(values), List.copyOf(labels));
    }

    /** A number as people write it, to three significant digits: 10000, 0.5, 250; never 1E4. */
    public static String plain(double value) {
        if (value == 0 || !Double.isFinite(value)) {
            return value == 0 ? "0" : Double.toString(value);
        }
        return new BigDecimal(value).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
    }

    /** {@code value} with as many decimals as {@code step} needs: 100, 2.5, 0.02; never 1E4. */
    static String label(double value, double step) {
        if (Math.abs(value) < step * 1e-9) {
            return "0";
        }
        int decimals = Math.max(0, BigDecimal.valueOf(step).stripTrailingZeros().scale());
        return new BigDecimal(value).setScale(decimals, java.math.RoundingMode.HALF_EVEN).toPlainString();
    }
}
