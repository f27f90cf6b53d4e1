package org.neurorig.mop;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.neurorig.neuromop.ContextShapes;
import org.neurorig.neuromop.ControllerKind;
import org.neurorig.neuromop.EpochReport;
import org.neurorig.neuromop.Objective;
import org.neurorig.neuromop.Shape;
import org.neurorig.neuromop.TrajectoryMetrics;

/**
 * Context-dependent shapes: one network, told by a one-hot context which of six regions to keep (x1, x2)
 * in (drawn once per epoch), T = 600, 100 epochs. Expected: it draws all six; lifetime per shape;
 * &lt;sigma&gt; grows with training.
 */
final class ShapesExperiment implements MopExperiment {

    static final int BINS = 36;

    @Override
    public String name() {
        return "shapes";
    }

    @Override
    public MopSettings defaults(int threads, Path out) {
        MopSettings b = MopExperiment.base(threads, out);
        return b.withTask(b.networks(), 100, 600, b.testTrajectories());
    }

    @Override
    public void run(MopSettings s, ExperimentRunner runner, ExperimentReport report) {
        Shape[] shapes = Shape.values();
        String label = "NeuroMOP";
        List<Arm> arms = List.of(new Arm(label, i -> RecurrentArms.training(s, i, new RecurrentArms.Setup(
                ControllerKind.MOP, ContextShapes.paper(), null, Objective.actionEntropy(s.gamma()), null, shapes.length,
                s.rho(), new float[] {0f, 0f})), shapes.length));
        Map<String, List<NetworkResult>> results = runner.run(arms, s.networks(), s.testTrajectories());
        List<NetworkResult> res = results.get(label);
        report.line("shapes: L+ = 0.2, L- = 0.1, context one-hot drawn once per epoch; tested per shape");
        report.table(results, Measure.STANDARD);
        report.line("");
        report.line("lifetime per shape (test, mean +- SEM across networks; T = %d):", s.horizon());
        List<Stat> perShape = new ArrayList<>();
        for (int c = 0; c < shapes.length; c++) {
            int context = c;
            Stat life = Stat.of(res, r -> TrajectoryMetrics.meanLifetime(r.tests().get(context)));
            Stat sigma = Stat.of(res, r -> TrajectoryMetrics.meanStd(r.tests().get(context)));
            perShape.add(life);
            report.line("  %-8s lifetime %s   <sigma> %s", shapes[c].label(), life.format(1), sigma.format(4));
        }
        int epochs = s.epochs();
        int window = Math.max(1, epochs / 10);
        Stat early = Stat.of(res, r -> meanSigma(r, 0, window));
        Stat late = Stat.of(res, r -> meanSigma(r, epochs - window, epochs));
        report.line("");
        report.paperFindings();
        report.line("  <sigma> during training, first %d epochs %s, last %d epochs %s: grows %s", window,
                early.format(4), window, late.format(4), late.largerThan(early));
        long drawsAll = res.stream().filter(r -> {
            for (int c = 0; c < shapes.length; c++) {
                if (TrajectoryMetrics.meanLifetime(r.tests().get(c)) < 0.5 * s.horizon()) {
                    return false;
                }
            }
            return true;
        }).count();
        report.line("  networks whose mean test lifetime is at least T/2 in every one of the six shapes: %d of %d",
                drawsAll, res.size());

        report.figure("lifetime-per-shape", Figures.bars("Lifetime per shape (test)", "lifetime t_end",
                java.util.Arrays.stream(shapes).map(Shape::label).toList(), List.of(label), List.of(perShape)));
        report.figure("sigma", Figures.perEpoch("<sigma> during training", "<sigma>", List.of(label),
                List.<double[][]>of(Traces.perEpoch(res, EpochReport::sigma))));
        report.figure("lifetime", Figures.perEpoch("Lifetime during training (the epoch's shape)", "lifetime t_end",
                List.of(label), List.<double[][]>of(Traces.perEpoch(res, EpochReport::lifetime))));
        for (int c = 0; c < shapes.length; c++) {
            double w = shapes[c] == Shape.HEART ? 0.55 : 0.24; // the heart reaches past 0.4 in x2
            report.figure("shape-" + shapes[c].label(), Figures.occupancy(shapes[c].label() + ": occupancy of (x1, x2)",
                    Traces.pooledOccupancy(res, c, 0, 1, -w, w, BINS), -w, w, "x1", "x2"));
        }
    }

    private static double meanSigma(NetworkResult r, int from, int to) {
        double sum = 0;
        for (int e = from; e < to; e++) {
            sum += r.epochs().get(e).sigma();
        }
        return sum / (to - from);
    }
}
