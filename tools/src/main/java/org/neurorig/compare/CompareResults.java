package org.neurorig.compare;

import java.util.Comparator;
import java.util.List;

/**
 * Everything a {@code compare} run measured, and the questions the report asks of it.
 *
 * @param runs    every learner's run on every hardware for every seed, in the order they were started
 * @param seconds the run's wall time
 */
record CompareResults(CompareSettings settings, List<LearnerRun> runs, double seconds) {

    CompareResults {
        runs = List.copyOf(runs);
    }

    /** One learner's runs on one hardware, by seed. */
    SeedRuns seeds(Condition c, Learner learner) {
        return new SeedRuns(runs.stream().filter(r -> r.condition().equals(c) && r.learner() == learner)
                .sorted(Comparator.comparingInt(LearnerRun::seed)).toList());
    }

    /** The points of the severity sweep, in the order given. */
    List<Condition> sweep() {
        return settings.conditions().stream().filter(Condition::sweep).toList();
    }

    /** The single effects. */
    List<Condition> effects() {
        return settings.conditions().stream().filter(c -> !c.sweep()).toList();
    }

    /** An episode's tick limit. */
    int maxTicks() {
        return settings.schedule().maxTicks();
    }
}
