package org.neurorig.mop;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.neurorig.kernel.Kernels;
import org.neurorig.neuromop.ConfinedEntropyRate;
import org.neurorig.neuromop.ControllerKind;
import org.neurorig.neuromop.EpochReport;
import org.neurorig.neuromop.ExtrinsicReward;
import org.neurorig.neuromop.Objective;
import org.neurorig.neuromop.RecurrentModel;
import org.neurorig.neuromop.Shape;
import org.neurorig.neuromop.ShapeRegion;
import org.neurorig.neuromop.Trajectory;
import org.neurorig.neuromop.TrajectoryMetrics;

/**
 * Extrinsic reward (the paper's appendix I): (x1, x2) kept in a square of side 0.4 centred at 0, r = +1
 * inside the square of side 0.1 centred at (0.1, 0.1), mu in {0.1, 0.5}, 5 networks. Expected: the
 * occupancy of the inner square rises from mu = 0.1 to mu = 0.5.
 *
 * <p>Whether it collapses into the inner square is decided by what staying there costs: the action
 * sequences that keep (x1, x2) in the inner square have a lower entropy rate than those that keep it in
 * the outer one, and a soft-optimal controller stays only when mu exceeds the difference. The run
 * reports that difference for each network ({@link ConfinedEntropyRate}) beside the occupancy.
 */
final class RewardExperiment implements MopExperiment {

    static final double[] MUS = {0.1, 0.5};
    static final ShapeRegion OUTER = new ShapeRegion(Shape.SQUARE, 0.2, 0.2, 0, 1);
    static final ExtrinsicReward INNER = ExtrinsicReward.innerSquare(0.1, 0.1, 0.1, 0, 1);
    static final double WINDOW = 0.22;
    /** Where the staying cost's action sequences start: x0 with (x1, x2) at the inner square's centre. */
    static final float[] INNER_CENTRE = {0.1f, 0.1f};
    // the staying cost's estimate: 100 walkers, 300 steps after 100 (per network, both squares: 1 to 4 s)
    private static final int COST_WALKERS = 100;
    private static final int COST_BURN_IN = 100;
    private static final int COST_STEPS = 300;

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
        measures.add(new Measure("action entropy in the rewarded square (nats)", r -> entropyWhere(r, true), 3));
        measures.add(new Measure("action entropy outside it (nats)", r -> entropyWhere(r, false), 3));
        report.table(results, measures);
        double[] costs = new double[s.networks()];
        int trapped = 0;
        for (int i = 0; i < costs.length; i++) {
            costs[i] = stayingCost(s, i);
            if (Double.isInfinite(costs[i])) {
                costs[i] = Double.NaN; // no sequence stays in the rewarded square: left out of the mean, counted
                trapped++;
            }
        }
        Stat cost = Stat.of(costs);
        report.line("cost of staying in the rewarded square (nats per step)  %s%s", cost.format(3), trapped == 0 ? ""
                : "; no action sequence stays in it in " + trapped + " of " + costs.length + " networks");
        report.line("  the entropy rate of the action sequences that keep (x1, x2) in the outer square minus that of the");
        report.line("  sequences that keep it in the rewarded one: staying there for good gives up this much action");
        report.line("  entropy per step, so the occupancy collapses into it only where mu is larger");
        report.line("");
        report.paperFindings();
        Stat low = inner.over(results.get(label(MUS[0])));
        Stat high = inner.over(results.get(label(MUS[1])));
        report.line("  occupancy of the rewarded square: mu=0.1 %s, mu=0.5 %s (its area is 1/16 of the outer "
                + "square's, 0.0625): rises %s (paired by network)", low.format(3), high.format(3),
                Stat.paired(results.get(label(MUS[1])), results.get(label(MUS[0])), inner.value()).positive());
        report.line("  collapse possible (mu above the cost of staying, %s): mu=0.1 %s, mu=0.5 %s", cost.format(3),
                MUS[0] > cost.mean() ? "yes" : "no", MUS[1] > cost.mean() ? "yes" : "no");
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

    /** Mean action entropy of network r's test decisions taken in (or outside) the rewarded square; NaN if none. */
    static double entropyWhere(NetworkResult r, boolean rewarded) {
        double sum = 0;
        long n = 0;
        float[] x = new float[2];
        for (Trajectory t : r.allTests()) {
            for (int step = 0; step < t.lifetime(); step++) {
                x[0] = t.state(step, 0);
                x[1] = t.state(step, 1);
                if ((INNER.reward(x, 0) > 0) == rewarded) {
                    sum += t.entropy(step);
                    n++;
                }
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /**
     * Network i's cost of staying in the rewarded square, in nats per step: the entropy rate of the action
     * sequences that keep (x1, x2) in the outer square minus that of those that keep it in the inner one,
     * both from x0 with (x1, x2) at the inner square's centre.
     */
    static double stayingCost(MopSettings s, int network) {
        RecurrentModel model = new RecurrentModel(s.network(network), Kernels.best());
        float[] start = RecurrentArms.initialState(s, network, INNER_CENTRE);
        ConfinedEntropyRate rate = new ConfinedEntropyRate(model, COST_WALKERS, COST_BURN_IN, COST_STEPS);
        long seed = s.networkSeed(network, 4);
        double outer = rate.estimate(start, (states, offset) -> !OUTER.isTerminal(states, offset), seed);
        double inner = rate.estimate(start, (states, offset) -> INNER.reward(states, offset) > 0, seed + 1);
        return outer - inner;
    }
}
