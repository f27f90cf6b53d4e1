package org.neurorig.mop;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.neurorig.neuromop.ControllerKind;
import org.neurorig.neuromop.EpochReport;
import org.neurorig.neuromop.ExtrinsicReward;
import org.neurorig.neuromop.Objective;
import org.neurorig.neuromop.Shape;
import org.neurorig.neuromop.ShapeRegion;
import org.neurorig.neuromop.TrajectoryMetrics;

/**
 * Extrinsic reward (the paper's appendix I): (x1, x2) kept in a square of side 0.4 centred at 0, r = +1
 * inside the square of side 0.1 centred at (0.1, 0.1), mu in {0.1, 0.5}, 5 networks. Expected: the
 * occupancy of the inner square rises from mu = 0.1 to mu = 0.5.
 */
final class RewardExperiment implements MopExperiment {

    static final double[] MUS = {0.1, 0.5};
    static final ShapeRegion OUTER = new ShapeRegion(Shape.SQUARE, 0.2, 0.2, 0, 1);
    static final ExtrinsicReward INNER = ExtrinsicReward.innerSquare(0.1, 0.1, 0.1, 0, 1);
    static final double WINDOW = 0.22;

    @Override
    public String name() {
        return "reward";
    }

    @Override
    public MopSettings defaults(int threads, Path out) {
        MopSettings b = MopExperiment.base(threads, out);
        return b.withTask(5, 60, b.horizon(), b.testTrajectories());
    }

    static String label(double mu) {
        return String.format(Locale.ROOT, "mu=%.1f", mu);
    }

    @Override
    public void run(MopSettings s, ExperimentRunner runner, ExperimentReport report) {
        List<Arm> arms = new ArrayList<>();
        for (double mu : MUS) {
            Objective objective = Objective.actionEntropy(s.gamma()).withMu(mu);
            arms.add(new Arm(label(mu), i -> RecurrentArms.training(s, i, new RecurrentArms.Setup(ControllerKind.MOP,
                    OUTER, INNER, objective, null, 0, s.rho(), new float[] {0f, 0f}))));
        }
        Map<String, List<NetworkResult>> results = runner.run(arms, s.networks(), s.testTrajectories());
        report.line("reward: (x1, x2) in the square |x| <= 0.2; r = 1 inside the square of side 0.1 centred (0.1, 0.1)");
        List<Measure> measures = new ArrayList<>(Measure.STANDARD);
        Measure inner = new Measure("fraction of states in the rewarded square",
                r -> TrajectoryMetrics.rewardedFraction(r.allTests(), INNER), 3);
        measures.add(inner);
        report.table(results, measures);
        report.line("");
        report.paperFindings();
        Stat low = inner.over(results.get(label(MUS[0])));
        Stat high = inner.over(results.get(label(MUS[1])));
        report.line("  occupancy of the rewarded square: mu=0.1 %s, mu=0.5 %s (its area is 1/16 of the outer "
                + "square's, 0.0625): rises %s", low.format(3), high.format(3), high.mean() > low.mean() ? "yes" : "NO");
        List<String> labels = new ArrayList<>(results.keySet());
        List<double[][]> life = new ArrayList<>();
        int k = 0;
        for (String l : labels) {
            life.add(Traces.perEpoch(results.get(l), EpochReport::lifetime));
            report.figure("occupancy-" + (k++), Figures.occupancy(l + ": occupancy of (x1, x2)",
                    Traces.pooledOccupancy(results.get(l), -1, 0, 1, -WINDOW, WINDOW, 44), -WINDOW, WINDOW, "x1", "x2"));
        }
        report.figure("lifetime", Figures.perEpoch("Lifetime during training", "lifetime t_end", labels, life));
    }
}
