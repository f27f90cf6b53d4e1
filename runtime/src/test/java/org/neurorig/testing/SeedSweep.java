package org.neurorig.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongFunction;

/**
 * A learning claim checked over several seeds. One seed's result is an anecdote: a long training run
 * amplifies any last-bit difference between machines, JDK builds or vector widths, so a claim that
 * holds for one seed on one machine may fail on the next. Each seed gives an {@link Outcome}; the
 * claim stands when at least {@code required} of them hold. Every seed's result is printed (the
 * surefire output keeps it), and a failure lists them all.
 */
public final class SeedSweep {

    /**
     * What one seed gave: whether the claim held, the figure it rests on (named by {@code figureName}),
     * and a short description.
     */
    public record Outcome(boolean holds, double figure, String figureName, String description) {

        /** A claim that {@code after} fell below {@code before / factor}; the figure is {@code before / after}. */
        public static Outcome fallsBy(double before, double after, double factor) {
            return new Outcome(after < before / factor, before / after, "factor of the fall",
                    String.format("%.4g -> %.4g (/%.1f, needs /%.1f)", before, after, before / after, factor));
        }

        /** A claim that {@code value} is at least {@code bound}. */
        public static Outcome atLeast(double value, double bound, String what) {
            return new Outcome(value >= bound, value, what, String.format("%s %.4g (needs >= %.4g)", what, value, bound));
        }

        /** A claim that {@code value} is at most {@code bound}. */
        public static Outcome atMost(double value, double bound, String what) {
            return new Outcome(value <= bound, value, what, String.format("%s %.4g (needs <= %.4g)", what, value, bound));
        }

        /**
         * A paired claim, two arms run on the same seed: {@code value} exceeds {@code other} by more than
         * {@code by}. The figure is the difference {@code value - other}.
         */
        public static Outcome exceeds(double value, double other, double by, String what) {
            double difference = value - other;
            return new Outcome(difference > by, difference, what + ", difference", String.format(
                    "%s %.4g vs %.4g (%+.4g, needs > %s)", what, value, other, difference,
                    by == 0 ? "0" : String.format("%+.4g", by)));
        }
    }

    private SeedSweep() {
    }

    /** The seeds {@code first, first + 1, ..., first + count - 1}. */
    public static long[] seeds(long first, int count) {
        long[] seeds = new long[count];
        for (int i = 0; i < count; i++) {
            seeds[i] = first + i;
        }
        return seeds;
    }

    /**
     * Runs {@code trial} for every seed and fails unless at least {@code required} outcomes hold.
     *
     * @return the outcomes, in seed order, for further checks
     */
    public static List<Outcome> assertHoldsForAtLeast(int required, long[] seeds, String claim,
            LongFunction<Outcome> trial) {
        if (required < 1 || required > seeds.length) {
            throw new IllegalArgumentException("required = " + required + " of " + seeds.length + " seeds");
        }
        List<Outcome> outcomes = new ArrayList<>();
        StringBuilder report = new StringBuilder();
        int held = 0;
        for (long seed : seeds) {
            Outcome outcome = trial.apply(seed);
            outcomes.add(outcome);
            held += outcome.holds() ? 1 : 0;
            report.append(String.format("%n  seed %d: %s%s", seed, outcome.description(), outcome.holds() ? "" : "  FAILS"));
        }
        String summary = String.format("%s: holds for %d of %d seeds (needs %d), median %s %.4g%s", claim, held,
                seeds.length, required, outcomes.get(0).figureName(), median(outcomes), report);
        System.out.println(summary);
        if (held < required) {
            fail(summary);
        }
        return outcomes;
    }

    /** The median of the outcomes' figures. */
    public static double median(List<Outcome> outcomes) {
        double[] figures = outcomes.stream().mapToDouble(Outcome::figure).toArray();
        Arrays.sort(figures);
        int n = figures.length;
        return n % 2 == 1 ? figures[n / 2] : 0.5 * (figures[n / 2 - 1] + figures[n / 2]);
    }
}
