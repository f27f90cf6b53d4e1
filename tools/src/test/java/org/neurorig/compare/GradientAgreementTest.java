package org.neurorig.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neurorig.network.RateNetwork;
import org.neurorig.testing.SeedSweep;

/**
 * The cosine between S's model gradient and the hardware's, at S's weights halfway through its
 * training (the default design and S), over 5 seeds: on the ideal plant, where the hardware is the
 * model, the two must agree (which validates the weight perturbation's sigma and the estimator); with
 * the actuator 4 ticks late they must not.
 */
class GradientAgreementTest {

    private static final CompareSettings SETTINGS = CompareSettings.defaults(1);
    private static final GradientAgreement AGREEMENT = new GradientAgreement(SETTINGS.design(), SETTINGS.objective(),
            GradientAgreement.Settings.defaults());
    private static final Map<Long, float[]> HALFWAY = new HashMap<>();
    private static final Map<Long, GradientAgreement.Result> IDEAL = new HashMap<>();

    /** S's readout after half of its Adam steps, for a seed's plan. */
    private static synchronized float[] halfway(SeedPlan plan) {
        return HALFWAY.computeIfAbsent((long) plan.index(), k -> {
            SoftwareTraining s = SETTINGS.software();
            RateNetwork network = SETTINGS.design().network(plan.networkSeed());
            new SoftwareTraining(s.iterations() / 2, s.batch(), s.horizon(), s.rate(), s.clip()).train(network, SETTINGS.objective(), plan.softwareSeed());
            return network.readoutWeights().clone();
        });
    }

    /** The agreement on the ideal plant at {@link #halfway}, measured once per seed for both tests. */
    private static synchronized GradientAgreement.Result ideal(long seed) {
        return IDEAL.computeIfAbsent(seed, k -> AGREEMENT.measure(AGREEMENT.model(halfway(plan(seed)), plan(seed)),
                Condition.on(Axis.named("severity"), 0), plan(seed)));
    }

    private static SeedPlan plan(long seed) {
        return SeedPlan.of((int) seed, SETTINGS.baseSeed(), SETTINGS.schedule());
    }

    @Test
    void onTheIdealPlantTheModelsGradientIsTheHardwares() {
        SeedSweep.assertHoldsForAtLeast(5, SeedSweep.seeds(0, 5), "cosine on the ideal plant", seed -> {
            GradientAgreement.Result r = ideal(seed);
            boolean settled = r.standardError() < 0.05;
            // 1 is the truth here; 0.85 is three times the largest standard error below it
            SeedSweep.Outcome high = SeedSweep.Outcome.atLeast(r.cosine(), 0.85, "cosine");
            return new SeedSweep.Outcome(high.holds() && settled, r.cosine(), "cosine", r + (settled ? "" : " (SE not below 0.05)"));
        });
    }

    @Test
    void aLateActuatorTurnsTheHardwaresGradientAwayFromTheModels() {
        Condition late = GradientAgreementStudyTest.delay(4);
        // a gap this wide needs no tight error: capped lower, so that a seed whose pole falls costs seconds, not tens
        GradientAgreement.Settings d = GradientAgreement.Settings.defaults();
        GradientAgreement quicker = new GradientAgreement(SETTINGS.design(), SETTINGS.objective(), new GradientAgreement.Settings(
                d.horizon(), d.sigma(), new GradientAgreement.Budget(64, 16, 256), new GradientAgreement.Budget(128, 64, 1024), 0.1));
        SeedSweep.assertHoldsForAtLeast(5, SeedSweep.seeds(0, 5), "cosine, ideal over 4 ticks late", seed -> {
            GradientAgreement.Result ideal = ideal(seed);
            GradientAgreement.Result delayed = quicker.measure(quicker.model(halfway(plan(seed)), plan(seed)), late, plan(seed));
            SeedSweep.Outcome lower = SeedSweep.Outcome.exceeds(ideal.cosine(), delayed.cosine(),
                    ideal.standardError() + delayed.standardError(), "cosine ideal vs late");
            return new SeedSweep.Outcome(lower.holds(), lower.figure(), lower.figureName(), lower.description() + "; late: " + delayed);
        });
    }

    /**
     * The same seeds give the same figures, whatever else shared the model's sample: compare's runs
     * repeat exactly, in whatever order its pool runs them.
     */
    @Test
    void aMeasurementRepeatsExactly() {
        CompareSettings quick = CompareSettings.quick(1);
        GradientAgreement small = new GradientAgreement(quick.design(), quick.objective(), new GradientAgreement.Settings(100, 0.01,
                new GradientAgreement.Budget(8, 8, 64), new GradientAgreement.Budget(64, 32, 512), 0.05));
        RateNetwork network = quick.design().network(4);
        quick.software().train(network, quick.objective(), 5);
        float[] weights = network.readoutWeights().clone();
        GradientAgreement.ModelSample model = small.model(weights, 4, 8);
        GradientAgreement.Result a = small.measure(model, Condition.on(Axis.named("severity"), 0.5)::hardware, 9);
        // after another measurement on the same sample, and on a sample drawn afresh: the same figures
        small.measure(model, Condition.on(Axis.named("severity"), 1)::hardware, 10);
        GradientAgreement.Result b = small.measure(model, Condition.on(Axis.named("severity"), 0.5)::hardware, 9);
        GradientAgreement.Result c = small.measure(small.model(weights, 4, 8), Condition.on(Axis.named("severity"), 0.5)::hardware, 9);
        assertEquals(a.cosine(), b.cosine(), 0.0);
        assertEquals(a.standardError(), b.standardError(), 0.0);
        assertEquals(a.pairs(), b.pairs());
        assertEquals(a.modelStarts(), b.modelStarts());
        assertEquals(a.cosine(), c.cosine(), 0.0);
        assertTrue(a.modelStarts() > 8, "the measurement grew the model's sample: " + a);
    }

    @Test
    void aReadoutOfTheWrongSizeIsRefusedNamingBothSizes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AGREEMENT.model(new float[10], plan(0)));
        assertEquals("readout of 10 weights for a network of 200 units", e.getMessage());
    }
}
