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

    /**
     * Mean +- SEM of the network-by-network differences {@code f(a_i) - f(b_i)}. The arms of an experiment
     * share each network's J, K, x0 and seeds, so the difference removes the spread between networks,
     * which the two arms' separate SEMs both carry.
     */
    static Stat paired(List<NetworkResult> a, List<NetworkResult> b, ToDoubleFunction<NetworkResult> f) {
        if (a.size() != b.size()) {
            throw new IllegalArgumentException("paired arms need as many networks: " + a.size() + " and " + b.size());
        }
        double[] d = new double[a.size()];
        for (int i = 0; i < d.length; i++) {
            if (a.get(i).network() != b.get(i).network()) {
                throw new IllegalArgumentException("network " + a.get(i).network() + " paired with " + b.get(i).network());
            }
            d[i] = f.applyAsDouble(a.get(i)) - f.applyAsDouble(b.get(i));
        }
        return of(d);
    }

    /**
     * Whether this mean is larger than {@code other}'s by more than twice the standard error of the
     * difference ({@code sqrt(sem^2 + sem_other^2)}, arms measured apart): "yes", "NO" when it is smaller
     * by as much, else "not resolved" (within 2 SEM). A difference within its noise is not a result either way.
     */
    String largerThan(Stat other) {
        return verdict(mean - other.mean, Math.sqrt(sem * sem + other.sem * other.sem));
    }

    /** For paired differences: "yes" when the mean is above zero by more than 2 SEM, "NO" below, else "not resolved". */
    String positive() {
        return verdict(mean, sem);
    }

    private static String verdict(double difference, double error) {
        if (Double.isNaN(difference)) {
            return "not measured";
        }
        if (difference > 2 * error) {
            return "yes";
        }
        return difference < -2 * error ? "NO" : "not resolved (within 2 SEM)";
    }

    /** Signed, with the SEM: e.g. "-0.0021 +- 0.0008". */
    String formatSigned(int decimals) {
        String f = "%+." + decimals + "f";
        return String.format(Locale.ROOT, f + " +- %." + decimals + "f", mean, sem);
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
