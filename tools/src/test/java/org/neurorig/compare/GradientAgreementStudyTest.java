package org.neurorig.compare;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.neurorig.network.RateNetwork;
import org.neurorig.plant.nonideal.Effect;
import org.neurorig.plant.nonideal.NonIdealities;

/**
 * Where to measure the agreement: the cosine at S's weights after 0, 1/4, 1/2 and all of its Adam
 * steps (the default design and S), on the ideal plant and with the actuator delayed 2, 4 and 8 ticks,
 * for 5 seeds. Prints the table (and writes it to {@code target/gradient-agreement.txt}); it asserts
 * only that every cell was measured. Minutes: run it alone with
 * {@code ./mvnw -B -o -pl tools test-compile surefire:test@soak -Dtest=GradientAgreementStudyTest}.
 */
@Tag("soak")
class GradientAgreementStudyTest {

    private static final int SEEDS = Integer.getInteger("agreement.seeds", 5);
    private static final int[] DELAYS = {0, 2, 4, 8};

    static Condition delay(int ticks) {
        return new Condition("delay " + ticks, Double.NaN, Effect.DELAY, NonIdealities.none().with("delay_ticks", ticks));
    }

    @Test
    void cosineAlongTheDelayAtFourPointsOfSsTraining() throws IOException {
        CompareSettings settings = CompareSettings.defaults(1);
        SoftwareTraining s = settings.software();
        int[] steps = {0, s.iterations() / 4, s.iterations() / 2, s.iterations()};
        GradientAgreement agreement = new GradientAgreement(settings.design(), Objective.of(settings),
                GradientAgreement.Settings.defaults());
        List<String> lines = new ArrayList<>();
        lines.add(GradientAgreement.Settings.defaults().describe());
        lines.add(String.format(Locale.ROOT, "%4s %5s %7s %16s %6s %6s %7s %7s %9s %9s %7s %7s", "seed", "steps", "delay",
                "cosine +- SE", "starts", "pairs", "seconds", "model s", "|m|", "|g|", "return", "falls"));
        double[][][] cosines = new double[steps.length][DELAYS.length][SEEDS];
        int measured = 0;
        for (int seed = 0; seed < SEEDS; seed++) {
            SeedPlan plan = SeedPlan.of(seed, settings.baseSeed(), settings.schedule());
            for (int a = 0; a < steps.length; a++) {
                RateNetwork network = settings.design().network(plan.networkSeed());
                if (steps[a] > 0) {
                    new SoftwareTraining(steps[a], s.batch(), s.horizon(), s.rate(), s.clip()).train(network, plan.softwareSeed());
                }
                GradientAgreement.ModelSample model = agreement.model(network.readoutWeights(), plan);
                for (int b = 0; b < DELAYS.length; b++) {
                    GradientAgreement.Result r = agreement.measure(model, delay(DELAYS[b]), plan);
                    cosines[a][b][seed] = r.cosine();
                    measured += Double.isNaN(r.cosine()) ? 0 : 1;
                    String line = String.format(Locale.ROOT, "%4d %5d %7d %7.3f +- %5.3f %6d %6d %7.1f %7.1f %9.3g %9.3g %7.1f %6.0f%%",
                            seed, steps[a], DELAYS[b], r.cosine(), r.standardError(), r.modelStarts(), r.pairs(), r.seconds(),
                            r.modelSeconds(), r.modelNorm(), r.hardwareNorm(), r.hardwareReturn(), 100 * r.hardwareFalls());
                    System.out.println(line);
                    lines.add(line);
                }
            }
        }
        lines.add("");
        lines.add("mean cosine over seeds (min .. max)");
        for (int a = 0; a < steps.length; a++) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "steps %3d:", steps[a]));
            for (int b = 0; b < DELAYS.length; b++) {
                double sum = 0;
                double lo = Double.POSITIVE_INFINITY;
                double hi = Double.NEGATIVE_INFINITY;
                for (double c : cosines[a][b]) {
                    sum += c;
                    lo = Math.min(lo, c);
                    hi = Math.max(hi, c);
                }
                row.append(String.format(Locale.ROOT, "  delay %d %6.3f (%6.3f .. %6.3f)", DELAYS[b], sum / SEEDS, lo, hi));
            }
            lines.add(row.toString());
        }
        String table = String.join("\n", lines);
        System.out.println(table);
        Files.writeString(Path.of("target", "gradient-agreement.txt"), table + "\n");
        assertTrue(measured == steps.length * DELAYS.length * SEEDS, "every cell measured: " + measured);
    }
}
