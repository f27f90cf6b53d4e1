package org.neurorig.compare;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Everything a {@code compare} run measured, and the questions the report asks of it.
 *
 * @param runs    every learner's run on every hardware for every seed, in the order they were started
 * @param agreements the gradient cosine of every seed on every hardware of the sweep
 * @param lost    the runs a profile's device faulted in every attempt, left out of {@code runs}
 * @param seconds the run's wall time
 */
record CompareResults(CompareSettings settings, List<LearnerRun> runs, List<Agreement> agreements, List<Lost> lost, double seconds) {

    /** A run that did not finish: its device faulted in every attempt. */
    record Lost(Condition condition, Learner learner, int seed, String reason) {
    }

    /**
     * The cosine between S's model gradient and the hardware's, for one seed on one hardware, at S's
     * readout halfway through its training.
     */
    record Agreement(Condition condition, int seed, GradientAgreement.Result result) {
    }

    CompareResults {
        runs = List.copyOf(runs);
        agreements = List.copyOf(agreements);
        lost = List.copyOf(lost);
    }

    /** The gradient cosine on one hardware over the seeds, mean +- SEM; NaN without measurements. */
    org.neurorig.mop.Stat cosine(Condition c) {
        return org.neurorig.mop.Stat.of(agreements.stream().filter(a -> a.condition().equals(c))
                .mapToDouble(a -> a.result().cosine()).toArray());
    }

    /** One learner's runs on one hardware, by seed. */
    SeedRuns seeds(Condition c, Learner learner) {
        return new SeedRuns(runs.stream().filter(r -> r.condition().equals(c) && r.learner() == learner)
                .sorted(Comparator.comparingInt(LearnerRun::seed)).toList());
    }

    /** The points of one axis, in the order given. */
    List<Condition> points(Axis axis) {
        return settings.hardware() != null ? settings.conditions() : axis.values().stream().map(v -> Condition.on(axis, v)).toList();
    }

    /**
     * Where S breaks along one direction of an axis.
     *
     * @param outward the points from the ideal one outward, in order
     * @param at      the first of them at which S's mean survival on the hardware (over the seeds, learning
     *                off, the test starts) is below half the episode; empty when it holds on to the end
     */
    record Break(List<Condition> outward, Optional<Condition> at) {

        /** The last point of the direction: how far the sweep went. */
        Condition end() {
            return outward.getLast();
        }
    }

    /**
     * S's breaking points on an axis: one per direction away from the ideal point (two for an axis with
     * values on both sides of it, such as a length error of -0.7 to +3); from the first value when the
     * axis has no ideal point.
     */
    List<Break> breakingPoints(Axis axis) {
        if (!axis.sweeps()) {
            return List.of();
        }
        List<Condition> points = points(axis);
        int ideal = 0;
        for (int i = 0; i < points.size(); i++) {
            if (points.get(i).ideal()) {
                ideal = i;
            }
        }
        List<Break> breaks = new java.util.ArrayList<>();
        if (ideal > 0) {
            breaks.add(breakAlong(points.subList(0, ideal + 1).reversed()));
        }
        if (ideal < points.size() - 1 || ideal == 0) {
            breaks.add(breakAlong(points.subList(ideal, points.size())));
        }
        return breaks;
    }

    private Break breakAlong(List<Condition> outward) {
        return new Break(List.copyOf(outward), outward.stream().filter(c -> {
            SeedRuns s = seeds(c, Learner.S);
            return !s.isEmpty() && s.stat(r -> r.hardware().steps()).mean() < 0.5 * maxTicks();
        }).findFirst());
    }

    /** An episode's tick limit. */
    int maxTicks() {
        return settings.schedule().maxTicks();
    }
}
