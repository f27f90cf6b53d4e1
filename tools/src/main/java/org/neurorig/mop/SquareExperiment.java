package org.neurorig.mop;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.neurorig.neuromop.ControllerKind;
import org.neurorig.neuromop.EpochReport;
import org.neurorig.neuromop.EpsilonSchedule;
import org.neurorig.neuromop.Objective;
import org.neurorig.neuromop.Shape;
import org.neurorig.neuromop.ShapeRegion;
import org.neurorig.neuromop.TrajectoryMetrics;

/**
 * The square task: terminal when |x1| or |x2| exceeds 0.1. NeuroMOP, the R network with constant epsilon
 * and with the paper's decaying schedule eps_l = 0.5 * 0.9^l. Expected: NeuroMOP lives at least as long as
 * R and fills all four quadrants of the square; R does not.
 */
final class SquareExperiment implements MopExperiment {

    /** A quadrant counts as visited when it holds at least this fraction of the visited states. */
    static final double VISITED = 0.02;
    static final double WINDOW = 0.12;
    static final int BINS = 36;

    @Override
    public String name() {
        return "square";
    }

    @Override
    public MopSettings defaults(int threads, Path out) {
        MopSettings b = MopExperiment.base(threads, out);
        return b.withTask(b.networks(), 100, b.horizon(), b.testTrajectories());
    }

    @Override
    public void run(MopSettings s, ExperimentRunner runner, ExperimentReport report) {
        ShapeRegion square = ShapeRegion.paper(Shape.SQUARE);
        Objective objective = Objective.actionEntropy(s.gamma());
        float[] centre = {0f, 0f};
        String mop = "NeuroMOP";
        String constant = "R eps=" + s.epsilon();
        String decaying = "R eps=0.5*0.9^l";
        List<Arm> arms = List.of(
                new Arm(mop, i -> RecurrentArms.training(s, i, new RecurrentArms.Setup(ControllerKind.MOP, square, null,
                        objective, null, 0, s.rho(), centre))),
                new Arm(constant, i -> RecurrentArms.training(s, i, new RecurrentArms.Setup(ControllerKind.R, square,
                        null, objective, EpsilonSchedule.constant(s.epsilon()), 0, s.rho(), centre))),
                new Arm(decaying, i -> RecurrentArms.training(s, i, new RecurrentArms.Setup(ControllerKind.R, square,
                        null, objective, new EpsilonSchedule(0.5, 0.9), 0, s.rho(), centre))));
        Map<String, List<NetworkResult>> results = runner.run(arms, s.networks(), s.testTrajectories());
        report.line("square task: terminal when |x1| > 0.1 or |x2| > 0.1 (x1, x2: units 0 and 1)");
        List<Measure> measures = new ArrayList<>(Measure.STANDARD);
        measures.add(new Measure("quadrants visited (>= " + VISITED + " of states)", SquareExperiment::quadrantsVisited, 2));
        measures.add(new Measure("least-visited quadrant's share", r -> min(TrajectoryMetrics.quadrants(r.allTests(), 0, 1)), 3));
        report.table(results, measures);
        report.line("");
        report.paperFindings();
        Stat lifeMop = Measure.LIFETIME.over(results.get(mop));
        for (String arm : List.of(constant, decaying)) {
            Stat life = Measure.LIFETIME.over(results.get(arm));
            report.line("  lifetime NeuroMOP %s vs %s %s: NeuroMOP >= R %s", lifeMop.format(1), arm, life.format(1),
                    life.largerThan(lifeMop).equals("yes") ? "NO" : "yes");
        }
        for (String arm : results.keySet()) {
            long all4 = results.get(arm).stream().filter(r -> quadrantsVisited(r) == 4).count();
            report.line("  %s: networks that visit all four quadrants: %d of %d", arm, all4, results.get(arm).size());
        }
        List<String> labels = new ArrayList<>(results.keySet());
        List<double[][]> life = new ArrayList<>();
        for (String arm : labels) {
            life.add(Traces.perEpoch(results.get(arm), EpochReport::lifetime));
        }
        report.figure("lifetime", Figures.perEpoch("Square task: lifetime during training", "lifetime t_end", labels, life));
        int k = 0;
        for (String arm : labels) {
            report.figure("occupancy-" + (k++), Figures.occupancy(arm + ": occupancy of (x1, x2)",
                    Traces.pooledOccupancy(results.get(arm), -1, 0, 1, -WINDOW, WINDOW, BINS), -WINDOW, WINDOW, "x1", "x2"));
        }
    }

    static double quadrantsVisited(NetworkResult r) {
        int n = 0;
        for (double q : TrajectoryMetrics.quadrants(r.allTests(), 0, 1)) {
            n += q >= VISITED ? 1 : 0;
        }
        return n;
    }

    private static double min(double[] v) {
        double m = Double.POSITIVE_INFINITY;
        for (double x : v) {
            m = Math.min(m, x);
        }
        return m;
    }
}
