package org.neurorig.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * Times several operations side by side on a shared, noisy machine: rounds of short batches, one
 * batch of each operation per round in rotating order, so a burst of load from elsewhere hits all of
 * them alike. Reports each operation's median time per call and the median over rounds of its ratio to
 * a reference operation measured in the same round. JMH times one benchmark after another; when the
 * load changes between them, its ratios change with it, and these do not.
 */
public final class InterleavedTiming {

    /**
     * An operation to time; it returns a value so the JIT cannot drop the work.
     *
     * @param period the operation's cycle in calls (one call in {@code period} does a larger share of
     *               the work, as a deferred update applied every K ticks): every batch is a whole number
     *               of periods, so each batch's mean is the true mean per call
     */
    public record Operation(String name, DoubleSupplier body, int period) {

        public Operation {
            if (period < 1) {
                throw new IllegalArgumentException(name + ": period = " + period + " calls; expected 1 or more");
            }
        }

        /** An operation whose every call does the same work. */
        public Operation(String name, DoubleSupplier body) {
            this(name, body, 1);
        }
    }

    /** Median ns per call, and the median per-round ratio to the reference. */
    public record Result(double medianNanos, double medianRatio) {
    }

    private InterleavedTiming() {
    }

    /**
     * @param operations the first is the reference the ratios are taken against
     * @param warmupRounds rounds run and discarded (the JIT compiles during them)
     * @param rounds measured rounds
     * @param batchNanos the target length of one batch
     */
    public static Map<String, Result> measure(List<Operation> operations, int warmupRounds, int rounds, long batchNanos) {
        return measure(operations, warmupRounds, rounds, batchNanos, System::nanoTime);
    }

    /** As {@link #measure(List, int, int, long)}, timed by {@code clock} (nanoseconds). */
    static Map<String, Result> measure(List<Operation> operations, int warmupRounds, int rounds, long batchNanos, LongSupplier clock) {
        int k = operations.size();
        int[] calls = new int[k];
        double sink = 0;
        for (int i = 0; i < k; i++) { // size each batch to about batchNanos, in whole periods
            int period = operations.get(i).period();
            int n = period;
            long t;
            do {
                long start = clock.getAsLong();
                for (int c = 0; c < n; c++) {
                    sink += operations.get(i).body().getAsDouble();
                }
                t = clock.getAsLong() - start;
                n *= 2;
            } while (t < batchNanos / 4 && n < 1 << 24);
            int sized = (int) (n / 2 * (batchNanos / Math.max(1.0, t)));
            calls[i] = Math.max(1, (sized + period - 1) / period) * period;
        }
        double[][] perCall = new double[k][rounds];
        for (int round = -warmupRounds; round < rounds; round++) {
            for (int j = 0; j < k; j++) {
                int i = (j + Math.floorMod(round, k)) % k; // rotate the order each round
                long start = clock.getAsLong();
                for (int c = 0; c < calls[i]; c++) {
                    sink += operations.get(i).body().getAsDouble();
                }
                long t = clock.getAsLong() - start;
                if (round >= 0) {
                    perCall[i][round] = (double) t / calls[i];
                }
            }
        }
        Map<String, Result> results = new LinkedHashMap<>();
        for (int i = 0; i < k; i++) {
            List<Double> ratios = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                ratios.add(perCall[i][r] / perCall[0][r]);
            }
            double[] times = perCall[i].clone();
            results.put(operations.get(i).name(), new Result(median(times),
                    median(ratios.stream().mapToDouble(Double::doubleValue).toArray())));
        }
        if (sink == 42.4242) { // keeps sink alive; practically never true
            System.out.print("");
        }
        return results;
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int m = v.length / 2;
        return v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
    }
}
