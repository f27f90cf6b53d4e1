package org.neurorig.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.neurorig.testing.SeedSweep;

/**
 * The in-loop learners on reduced sizes (N = 50, 200 episodes): each learns to balance on the ideal
 * cart-pole in the control loop, from a readout of zeros, and S trained on the model is worse on the
 * strong hardware than on the ideal one; each claim over 5 seeds (network, starts, noise). What these sizes cannot show (reaching the criterion at every
 * severity) is the full run's to measure.
 */
class InLoopTrainingTest {

    private static final CompareSettings QUICK = CompareSettings.quick(1);
    private static final Condition IDEAL = Condition.severity(0);
    private static final Condition STRONG = Condition.severity(1);

    private static double mean(int[] values, int from, int to) {
        return Arrays.stream(values, from, to).average().orElseThrow();
    }

    private static LearnerRun train(Learner learner, int episodes, long seed) {
        InLoopTraining training = new InLoopTraining(QUICK.design(), QUICK.schedule(), QUICK.task());
        SeedPlan plan = SeedPlan.of((int) seed, 1, QUICK.schedule());
        return training.train(learner, QUICK.rules().get(learner), episodes, new float[QUICK.design().units()], IDEAL, plan);
    }

    @Test
    void nodePerturbationLearnsToBalanceInTheLoop() {
        SeedSweep.assertHoldsForAtLeast(4, SeedSweep.seeds(0, 5), "NP in the loop: last 40 episodes over first 40", seed -> {
            LearnerRun np = train(Learner.NP, 200, seed);
            assertEquals(200, np.lengths().length);
            double first = mean(np.lengths(), 0, 40);
            double last = mean(np.lengths(), 160, 200);
            boolean greedyBetter = np.hardware().steps() > 3 * first;
            SeedSweep.Outcome grew = SeedSweep.Outcome.atLeast(last / first, 3, "growth");
            return new SeedSweep.Outcome(grew.holds() && greedyBetter, grew.figure(), grew.figureName(),
                    grew.description() + String.format("; with learning off %.0f steps vs %.1f untrained%s",
                            np.hardware().steps(), first, greedyBetter ? "" : " (needs 3x)"));
        });
    }

    @Test
    void softwareDegradesOnTheStrongHardware() {
        InLoopTraining training = new InLoopTraining(QUICK.design(), QUICK.schedule(), QUICK.task());
        SeedSweep.assertHoldsForAtLeast(4, SeedSweep.seeds(0, 5), "S: RMS angle on the strong hardware over the ideal",
                seed -> {
                    SeedPlan plan = SeedPlan.of((int) seed, 1, QUICK.schedule());
                    var network = QUICK.design().network(plan.networkSeed());
                    QUICK.software().train(network, plan.softwareSeed());
                    float[] weights = network.readoutWeights().clone();
                    LearnerRun ideal = training.deploy(weights, IDEAL, plan);
                    LearnerRun strong = training.deploy(weights, STRONG, plan);
                    assertEquals(ideal.model(), strong.model(), "the model is the same whatever the hardware");
                    assertEquals(ideal.model().steps(), ideal.hardware().steps(), "the ideal hardware is the model");
                    boolean balances = ideal.hardware().steps() == 500 && ideal.reached();
                    double ratio = strong.hardware().rmsAngleDeg() / ideal.hardware().rmsAngleDeg();
                    return new SeedSweep.Outcome(balances && ratio > 2, ratio, "ratio",
                            String.format("S on the ideal plant %s; strong/ideal RMS angle %.2f (needs > 2)",
                                    ideal.hardware(), ratio));
                });
    }
}
