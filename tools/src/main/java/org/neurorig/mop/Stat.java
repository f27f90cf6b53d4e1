package org.neurorig.mop;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** Mean and standard error of the mean across networks. NaN values (an undefined measure) are left out. */
public record Stat(double mean, double sem, int n) {

    public static Stat of(double[] values) {
        double sum = 0;
        int n = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        if (n == 0) {
            return new Stat(Double.NaN, Double.NaN, 0);
        }
        double mean = sum / n;
        double ss = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                ss += (v - mean) * (v - mean);
            }
        }
        double sem = n > 1 ? Math.sqrt(ss / (n - 1) / n) : 0;
        return new Stat(mean, sem, n);
    }

    static <T> Stat of(List<T> items, ToDoubleFunction<T> f) {
        return of(items.stream().mapToDouble(f).toArray());
    }

    @Override
    public String toString() {
        return format(3);
    }

    public String format(int decimals) {
        String f = "%." + decimals + "f";
        return String.format(Locale.ROOT, f + " +- " + f, mean, sem);
    }
}
