package org.neurorig.compare;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.neurorig.mop.Stat;

/** The runs of one learner on one hardware, one per seed, in the order of the seeds: a cell of the tables. */
record SeedRuns(List<LearnerRun> list) {

    SeedRuns {
        list = List.copyOf(list);
    }

    int size() {
        return list.size();
    }

    boolean isEmpty() {
        return list.isEmpty();
    }

    /** Mean +- SEM over the seeds of {@code measure}. */
    Stat stat(ToDoubleFunction<LearnerRun> measure) {
        return Stat.of(list.stream().mapToDouble(measure).toArray());
    }

    /** Episodes to criterion over the seeds that met it; NaN when none did. */
    Stat criterion() {
        return Stat.of(list.stream().filter(LearnerRun::reached).mapToDouble(LearnerRun::criterion).toArray());
    }

    /** The seeds that met the criterion. */
    long reached() {
        return list.stream().filter(LearnerRun::reached).count();
    }

    /** Training episodes of each run (0 without runs). */
    int episodes() {
        return list.isEmpty() ? 0 : list.getFirst().lengths().length;
    }

    /**
     * Median over the seeds of the first training episode that lasted the whole episode, and how many
     * seeds had one, e.g. {@code 37 (5/5)}; seeds without one count as never.
     */
    String firstFull() {
        double[] sorted = list.stream().mapToDouble(r -> r.firstFull() < 0 ? Double.POSITIVE_INFINITY : r.firstFull()).sorted().toArray();
        long had = list.stream().filter(r -> r.firstFull() >= 0).count();
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return (Double.isInfinite(median) ? "never" : String.format(Locale.ROOT, "%.0f", median)) + " (" + had + "/" + n + ")";
    }
}
