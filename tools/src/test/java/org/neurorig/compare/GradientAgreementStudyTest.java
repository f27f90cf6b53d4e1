package org.neurorig.compare;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.neurorig.network.RateNetwork;

/**
 * Where to measure the agreement: the cosine at S's weights after 0, 1/4, 1/2 and all of its Adam
 * steps (the default design and S), on the ideal plant and with the actuator delayed 2, 4 and 8 ticks,
 * for 5 seeds. Prints the table (and writes it to {@code target/gradient-agreement.txt}), and holds
 * the trained points to the claim: the ideal plant's cosine exceeds each delay's by more than the sum of
 * their standard errors. The untrained readout (zero: no force, the pole falls left or right as it
 * started) is printed only: its mean gradient over starts is a small remainder of gradients that point
 * opposite ways, and can stay undetermined. Minutes, so not in the suite: run it with
 * {@code ./mvnw -B -o -pl tools test-compile surefire:test@study}.
 */
@Tag("study")
class GradientAgreementStudyTest {

    private static final int SEEDS = Integer.getInteger("agreement.seeds", 5);
    private static final int[] DELAYS = {0, 2, 4, 8};

    static Condition delay(int ticks) {
        return Condition.on(Axis.named("delay"), ticks);
    }

    @Test
    void cosineAlongTheDelayAtFourPointsOfSsTraining() throws IOException {
        CompareSettings settings = CompareSettings.defaults(1);
        SoftwareTraining s = settings.software();
        int[] steps = {0, s.iterations() / 4, s.iterations() / 2, s.iterations()};
        GradientAgreement agreement = new GradientAgreement(settings.design(), settings.objective(),
                GradientAgreement.Settings.defaults());
        List<String> lines = new ArrayList<>();
        lines.add(GradientAgreement.Settings.defaults().describe());
        lines.add(String.format(Locale.ROOT, "%4s %5s %7s %16s %6s %6s %7s %7s %9s %9s %7s %7s", "seed", "steps", "delay",
                "cosine +- SE", "starts", "pairs", "seconds", "model s", "|m|", "|g|", "return", "falls"));
        double[][][] cosines = new double[steps.length][DELAYS.length][SEEDS];
        List<String> failures = new ArrayList<>();
        for (int seed = 0; seed < SEEDS; seed++) {
            SeedPlan plan = SeedPlan.of(seed, settings.baseSeed(), settings.schedule());
            for (int a = 0; a < steps.length; a++) {
                RateNetwork network = settings.design().network(plan.networkSeed());
                if (steps[a] > 0) {
                    new SoftwareTraining(steps[a], s.batch(), s.horizon(), s.rate(), s.clip()).train(network, settings.objective(), plan.softwareSeed());
                }
                GradientAgreement.ModelSample model = agreement.model(network.readoutWeights(), plan);
                GradientAgreement.Result ideal = null;
                for (int b = 0; b < DELAYS.length; b++) {
                    GradientAgreement.Result r = agreement.measure(model, delay(DELAYS[b]), plan);
                    cosines[a][b][seed] = r.cosine();
                    ideal = b == 0 ? r : ideal;
                    if (steps[a] > 0 && b > 0 && !(ideal.cosine() - r.cosine() > ideal.standardError() + r.standardError())) {
                        failures.add(String.format(Locale.ROOT, "seed %d, %d steps, delay %d: %.3f +- %.3f vs ideal %.3f +- %.3f", seed,
                                steps[a], DELAYS[b], r.cosine(), r.standardError(), ideal.cosine(), ideal.standardError()));
                    }
                    String line = String.format(Locale.ROOT, "%4d %5d %7d %7.3f +- %5.3f %6d %6d %7.1f %7.1f %9.3g %9.3g %7.1f %6.0f%%",
                            seed, steps[a], DELAYS[b], r.cosine(), r.standardError(), r.modelStarts(), r.pairs(), r.seconds(),
                            r.modelSeconds(), r.modelNorm(), r.hardwareNorm(), r.hardwareReturn(), 100 * r.hardwareFalls());
                    lines.add(line);
                }
            }
        }
        lines.add("");
        lines.add("mean cosine over the seeds where it is determined (min .. max, seeds)");
        for (int a = 0; a < steps.length; a++) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "steps %3d:", steps[a]));
            for (int b = 0; b < DELAYS.length; b++) {
                double[] determined = Arrays.stream(cosines[a][b]).filter(c -> !Double.isNaN(c)).toArray();
                row.append(String.format(Locale.ROOT, "  delay %d %6.3f (%6.3f .. %6.3f, %d)", DELAYS[b],
                        Arrays.stream(determined).average().orElse(Double.NaN), Arrays.stream(determined).min().orElse(Double.NaN),
                        Arrays.stream(determined).max().orElse(Double.NaN), determined.length));
            }
            lines.add(row.toString());
        }
        lines.forEach(System.out::println);
        Files.writeString(Path.of("target", "gradient-agreement.txt"), String.join("\n", lines) + "\n");
        assertTrue(failures.isEmpty(), "the delayed cosine not below the ideal one by more than their errors: " + failures);
    }
}
