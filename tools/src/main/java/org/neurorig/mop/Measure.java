package org.neurorig.mop;

import java.util.List;
import java.util.function.ToDoubleFunction;
import org.neurorig.neuromop.TrajectoryMetrics;

/** A per-network number (computed from its test trajectories or its training), reported as mean +- SEM. */
record Measure(String name, ToDoubleFunction<NetworkResult> value, int decimals) {

    static final Measure LIFETIME = new Measure("test lifetime t_end",
            r -> TrajectoryMetrics.meanLifetime(r.allTests()), 1);
    static final Measure AT_CAP = new Measure("test trajectories reaching T (fraction)",
            r -> (double) TrajectoryMetrics.survivors(r.allTests()) / r.allTests().size(), 2);
    static final Measure ENTROPY = new Measure("action entropy H(A|x) (nats)",
            r -> TrajectoryMetrics.meanEntropy(r.allTests()), 3);
    static final Measure ED_FAR = new Measure("ED_a far from the constraint",
            r -> TrajectoryMetrics.effectiveDimensionalityFarNear(r.allTests())[0], 2);
    static final Measure ED_NEAR = new Measure("ED_a near the constraint",
            r -> TrajectoryMetrics.effectiveDimensionalityFarNear(r.allTests())[1], 2);
    static final Measure ED_ALL = new Measure("ED_a of all actions",
            r -> TrajectoryMetrics.effectiveDimensionality(r.allTests()), 2);
    static final Measure SIGMA = new Measure("<sigma> (mean std of x_i over time)",
            r -> TrajectoryMetrics.meanStd(r.allTests()), 4);
    static final Measure JUMPS = new Measure("std of one-step jumps",
            r -> TrajectoryMetrics.jumpStd(r.allTests()), 5);
    static final Measure FINAL_TRAIN_LIFETIME = new Measure("last training epoch's lifetime",
            r -> r.epochs().get(r.epochs().size() - 1).lifetime(), 1);
    static final Measure KEPT_EPOCH = new Measure("epoch of the tested weights",
            r -> r.keptEpoch() + 1, 1);
    static final Measure KEPT_VALIDATION = new Measure("validation lifetime of the tested weights",
            r -> r.epochs().get(r.keptEpoch()).validation(), 1);
    static final Measure SECONDS = new Measure("wall time per network (s)", NetworkResult::seconds, 1);
    static final Measure SUCCESSORS_PER_SECOND = new Measure("successor evaluations per second per thread",
            r -> r.successors() / r.seconds(), 0);

    static final List<Measure> STANDARD = List.of(LIFETIME, AT_CAP, ENTROPY, ED_FAR, ED_NEAR, ED_ALL, SIGMA, JUMPS,
            FINAL_TRAIN_LIFETIME, SECONDS, SUCCESSORS_PER_SECOND);

    Stat over(List<NetworkResult> results) {
        return Stat.of(results, value);
    }

    /** Networks whose every test trajectory reached the horizon. */
    static long networksAtCap(List<NetworkResult> results) {
        return results.stream().filter(r -> TrajectoryMetrics.survivors(r.allTests()) == r.allTests().size()).count();
    }
}
