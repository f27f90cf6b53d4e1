package org.neurorig.mop;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.neurorig.neuromop.ControllerKind;
import org.neurorig.neuromop.EnergyBound;
import org.neurorig.neuromop.EpochReport;
import org.neurorig.neuromop.Objective;

/**
 * State entropy (the paper's appendix D): the energy task at rho = 1.2 with beta in {0, 0.8, 1.5},
 * 60 epochs, 50 test trajectories. Expected: equal lifetimes; the std of one-step jumps rises with beta.
 */
final class BetaExperiment implements MopExperiment {

    static final double[] BETAS = {0, 0.8, 1.5};

    @Override
    public String name() {
        return "beta";
    }

    @Override
    public MopSettings defaults(int threads, Path out) {
        MopSettings b = MopExperiment.base(threads, out);
        return b.withTask(b.networks(), 60, b.horizon(), 50).withRho(1.2);
    }

    static String label(double beta) {
        return String.format(Locale.ROOT, "beta=%.1f", beta);
    }

    @Override
    public void run(MopSettings s, ExperimentRunner runner, ExperimentReport report) {
        EnergyBound bound = new EnergyBound(s.n(), EnergyExperiment.THRESHOLD);
        List<Arm> arms = new ArrayList<>();
        for (double beta : BETAS) {
            Objective objective = Objective.actionEntropy(s.gamma()).withBeta(beta);
            arms.add(new Arm(label(beta), i -> RecurrentArms.training(s, i, new RecurrentArms.Setup(ControllerKind.MOP,
                    bound, null, objective, null, 0, s.rho(), null))));
        }
        Map<String, List<NetworkResult>> results = runner.run(arms, s.networks(), s.testTrajectories());
        report.line("beta: energy task (L = %.2f) at rho = %.2f; H(S|x,a) ~ sum_i Phi'(h_i) J_ii (Tr grad f without "
                + "the constant -N/tau)", EnergyExperiment.THRESHOLD, s.rho());
        report.table(results, Measure.STANDARD);
        report.line("");
        report.paperFindings();
        List<Stat> jumps = new ArrayList<>();
        List<Stat> lifetimes = new ArrayList<>();
        List<Stat> eds = new ArrayList<>();
        for (double beta : BETAS) {
            jumps.add(Measure.JUMPS.over(results.get(label(beta))));
            lifetimes.add(Measure.LIFETIME.over(results.get(label(beta))));
            eds.add(Measure.ED_ALL.over(results.get(label(beta))));
        }
        List<NetworkResult> base = results.get(label(BETAS[0]));
        Stat low = Stat.paired(results.get(label(BETAS[1])), base, Measure.JUMPS.value());
        Stat high = Stat.paired(results.get(label(BETAS[2])), base, Measure.JUMPS.value());
        String rises = low.positive().equals("yes") && high.positive().equals("yes") ? "yes"
                : low.positive().equals("NO") || high.positive().equals("NO") ? "NO" : "not resolved (within 2 SEM)";
        report.line("  std of one-step jumps: %s: rises with beta %s (each beta's, paired by network, against beta=%.1f's)",
                joined(jumps, 5), rises, BETAS[0]);
        report.line("  paired by network (same J, K, x0 at every beta), std of jumps minus beta=%.1f's: beta=%.1f %s, "
                + "beta=%.1f %s", BETAS[0], BETAS[1],
                low.formatSigned(5), BETAS[2], high.formatSigned(5));
        report.line("  lifetimes: %s", joined(lifetimes, 1));
        report.line("  ED_a: %s", joined(eds, 2));
        List<String> labels = new ArrayList<>(results.keySet());
        report.figure("jump-std", Figures.bars("Std of one-step jumps", "std of x_i(t+1) - x_i(t)", List.of("jumps"),
                labels, jumps.stream().map(List::of).toList()));
        report.figure("effective-dimensionality", Figures.bars("Effective dimensionality of the actions", "ED_a",
                List.of("ED_a"), labels, eds.stream().map(List::of).toList()));
        List<double[][]> life = new ArrayList<>();
        for (String l : labels) {
            life.add(Traces.perEpoch(results.get(l), EpochReport::lifetime));
        }
        report.figure("lifetime", Figures.perEpoch("Lifetime during training", "lifetime t_end", labels, life));
    }

    private static String joined(List<Stat> stats, int decimals) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < stats.size(); i++) {
            parts.add(label(BETAS[i]) + " " + stats.get(i).format(decimals));
        }
        return String.join(", ", parts);
    }
}
