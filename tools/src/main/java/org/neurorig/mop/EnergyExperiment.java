package org.neurorig.mop;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.neurorig.neuromop.ControllerKind;
import org.neurorig.neuromop.EnergyBound;
import org.neurorig.neuromop.EpochReport;
import org.neurorig.neuromop.EpsilonSchedule;
import org.neurorig.neuromop.Objective;
import org.neurorig.neuromop.Trajectory;

/**
 * The energy task: terminal when E(x) &gt; L = 0.11. NeuroMOP against the R network with constant
 * epsilon. Expected: NeuroMOP reaches T; its ED_a is larger far from the threshold than near it; its
 * ED_a and &lt;sigma&gt; exceed the R network's.
 */
final class EnergyExperiment implements MopExperiment {

    static final double THRESHOLD = 0.11;

    /** The R network's epsilon in this task: the paper's. */
    static final double EPSILON = 0.3;

    @Override
    public String name() {
        return "energy";
    }

    @Override
    public MopSettings defaults(int threads, Path out) {
        return MopExperiment.base(threads, out).withEpsilon(EPSILON);
    }

    static String mopLabel() {
        return "NeuroMOP";
    }

    static String rLabel(double epsilon) {
        return "R eps=" + epsilon;
    }

    @Override
    public void run(MopSettings s, ExperimentRunner runner, ExperimentReport report) {
        EnergyBound bound = new EnergyBound(s.n(), THRESHOLD);
        Objective objective = Objective.actionEntropy(s.gamma());
        List<Arm> arms = List.of(
                new Arm(mopLabel(), i -> RecurrentArms.training(s, i, new RecurrentArms.Setup(ControllerKind.MOP, bound,
                        null, objective, null, 0, s.rho(), null))),
                new Arm(rLabel(s.epsilon()), i -> RecurrentArms.training(s, i, new RecurrentArms.Setup(ControllerKind.R,
                        bound, null, objective, EpsilonSchedule.constant(s.epsilon()), 0, s.rho(), null))));
        Map<String, List<NetworkResult>> results = runner.run(arms, s.networks(), s.testTrajectories());
        List<NetworkResult> mop = results.get(mopLabel());
        List<NetworkResult> r = results.get(rLabel(s.epsilon()));

        report.line("energy task: terminal when E(x) = (1/N) sqrt(sum (x_i + 1)^2) > L = " + THRESHOLD);
        report.table(results, Measure.STANDARD);
        report.line("");
        report.paperFindings();
        long atCap = Measure.networksAtCap(mop);
        report.line("  NeuroMOP networks whose every test trajectory reached T = %d: %d of %d (expected >= 8 of 10)",
                s.horizon(), atCap, mop.size());
        Stat far = Measure.ED_FAR.over(mop);
        Stat near = Measure.ED_NEAR.over(mop);
        report.line("  NeuroMOP ED_a far %s vs near %s: far > near %s (paired by network: %s)", far.format(2),
                near.format(2), farMinusNear(mop).positive(), farMinusNear(mop).formatSigned(2));
        Stat edMop = Measure.ED_ALL.over(mop);
        Stat edR = Measure.ED_ALL.over(r);
        report.line("  ED_a NeuroMOP %s vs R %s: NeuroMOP > R %s", edMop.format(2), edR.format(2),
                Stat.paired(mop, r, Measure.ED_ALL.value()).positive());
        Stat sMop = Measure.SIGMA.over(mop);
        Stat sR = Measure.SIGMA.over(r);
        report.line("  <sigma> NeuroMOP %s vs R %s: NeuroMOP > R %s", sMop.format(4), sR.format(4),
                Stat.paired(mop, r, Measure.SIGMA.value()).positive());
        report.line("  paired by network (each NeuroMOP/R pair shares J, K and x0): <sigma> NeuroMOP - R %s, "
                + "ED_a NeuroMOP - R %s", Stat.paired(mop, r, Measure.SIGMA.value()).formatSigned(4),
                Stat.paired(mop, r, Measure.ED_ALL.value()).formatSigned(2));
        double meanEnergyMop = meanEnergy(mop, bound);
        double meanEnergyR = meanEnergy(r, bound);
        report.line("  mean energy E along test trajectories: NeuroMOP %.4f, R %.4f (threshold %.2f)", meanEnergyMop,
                meanEnergyR, THRESHOLD);

        List<String> labels = new ArrayList<>(results.keySet());
        report.figure("lifetime", Figures.perEpoch("Energy task: lifetime during training", "lifetime t_end", labels,
                List.of(Traces.perEpoch(mop, EpochReport::lifetime), Traces.perEpoch(r, EpochReport::lifetime))));
        report.figure("effective-dimensionality", Figures.bars("Effective dimensionality of the actions", "ED_a",
                List.of("far from threshold", "near threshold", "all"), labels,
                List.of(List.of(far, near, edMop), List.of(Measure.ED_FAR.over(r), Measure.ED_NEAR.over(r), edR))));
        report.figure("sigma", Figures.bars("Variability of activity", "<sigma>", List.of("<sigma>"), labels,
                List.of(List.of(sMop), List.of(sR))));
        report.figure("energy-trace", trace(mop.get(0).allTests().get(0), r.get(0).allTests().get(0), bound, labels));
        report.figure("entropy-trace", entropyTrace(mop.get(0).allTests().get(0), r.get(0).allTests().get(0), labels));
        report.figure("entropy-vs-energy", entropyVsEnergy(mop, r, bound, labels));
    }

    /** ED_a far minus near, network by network. */
    private static Stat farMinusNear(List<NetworkResult> results) {
        return Stat.of(results, n -> Measure.ED_FAR.value().applyAsDouble(n) - Measure.ED_NEAR.value().applyAsDouble(n));
    }

    private static double meanEnergy(List<NetworkResult> results, EnergyBound bound) {
        double sum = 0;
        long n = 0;
        for (NetworkResult res : results) {
            for (Trajectory t : res.allTests()) {
                for (int s = 0; s < t.stateCount(); s++) {
                    sum += bound.energy(Traces.state(t, s), 0);
                    n++;
                }
            }
        }
        return sum / n;
    }

    private static XYChart trace(Trajectory mop, Trajectory r, EnergyBound bound, List<String> labels) {
        XYChart chart = Figures.lines("Energy along a test trajectory (network 0)", "step", "E(x)");
        for (int k = 0; k < 2; k++) {
            Trajectory t = k == 0 ? mop : r;
            double[] e = new double[t.stateCount()];
            for (int s = 0; s < e.length; s++) {
                e[s] = bound.energy(Traces.state(t, s), 0);
            }
            Figures.addLine(chart, labels.get(k), Traces.steps(e.length), e, null);
        }
        Figures.addLine(chart, "threshold L", new double[] {0, mop.stateCount()}, new double[] {THRESHOLD, THRESHOLD},
                null);
        return chart;
    }

    private static XYChart entropyTrace(Trajectory mop, Trajectory r, List<String> labels) {
        XYChart chart = Figures.lines("Action entropy along a test trajectory (network 0)", "step", "H(A|x) (nats)");
        Figures.addLine(chart, labels.get(0), Traces.steps(mop.lifetime()), Traces.entropies(mop), null);
        Figures.addLine(chart, labels.get(1), Traces.steps(r.lifetime()), Traces.entropies(r), null);
        return chart;
    }

    /** Mean action entropy in bins of the state's energy, every network's test decisions pooled. */
    private static XYChart entropyVsEnergy(List<NetworkResult> mop, List<NetworkResult> r, EnergyBound bound,
            List<String> labels) {
        XYChart chart = Figures.lines("Action entropy against energy", "E(x)", "mean H(A|x) (nats)");
        for (int k = 0; k < 2; k++) {
            List<NetworkResult> res = k == 0 ? mop : r;
            int total = res.stream().flatMap(n -> n.allTests().stream()).mapToInt(Trajectory::lifetime).sum();
            double[] energy = new double[total];
            double[] entropy = new double[total];
            int i = 0;
            for (NetworkResult n : res) {
                for (Trajectory t : n.allTests()) {
                    for (int s = 0; s < t.lifetime(); s++) {
                        energy[i] = THRESHOLD - t.margin(s);
                        entropy[i] = t.entropy(s);
                        i++;
                    }
                }
            }
            double[][] binned = Traces.binnedMean(energy, entropy, total, 0.0, THRESHOLD, 44);
            if (binned[0].length > 0) {
                Figures.addLine(chart, labels.get(k), binned[0], binned[1], null);
            }
        }
        return chart;
    }
}
