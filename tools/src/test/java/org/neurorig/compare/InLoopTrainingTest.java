package org.neurorig.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The in-loop learners on reduced sizes (N = 50, 200 episodes): each learns to balance on the ideal
 * cart-pole in the control loop, from a readout of zeros, and S trained on the model is worse on the
 * strong hardware than on the ideal one. What these sizes cannot show (reaching the criterion at every
 * severity) is the full run's to measure.
 */
class InLoopTrainingTest {

    private static final CompareSettings QUICK = CompareSettings.quick(1);
    private static final Condition IDEAL = Condition.severity(0);
    private static final Condition STRONG = Condition.severity(1);

    private static double mean(int[] values, int from, int to) {
        return Arrays.stream(values, from, to).average().orElseThrow();
    }

    private static LearnerRun train(Learner learner, int episodes) {
        InLoopTraining training = new InLoopTraining(QUICK.design(), QUICK.protocol(), QUICK.task());
        SeedPlan plan = SeedPlan.of(0, 1, QUICK.protocol());
        return training.train(learner, QUICK.rules().get(learner), episodes, new float[QUICK.design().units()], IDEAL, plan);
    }

    @Test
    void nodePerturbationLearnsToBalanceInTheLoop() {
        LearnerRun np = train(Learner.NP, 200);
        assertEquals(200, np.lengths().length);
        double first = mean(np.lengths(), 0, 40);
        double last = mean(np.lengths(), 160, 200);
        assertTrue(last > 3 * first, "episodes grow: first 40 " + first + ", last 40 " + last);
        assertTrue(np.hardware().steps() > 3 * first, "with learning off it balances longer than it did untrained: "
                + np.hardware() + " vs " + first);
    }

    @Test
    void softwareDegradesOnTheStrongHardware() {
        InLoopTraining training = new InLoopTraining(QUICK.design(), QUICK.protocol(), QUICK.task());
        for (int seed = 0; seed < 2; seed++) {
            SeedPlan plan = SeedPlan.of(seed, 1, QUICK.protocol());
            var network = QUICK.design().network(plan.networkSeed());
            QUICK.software().train(network, plan.softwareSeed());
            float[] weights = network.readoutWeights().clone();
            LearnerRun ideal = training.deploy(weights, IDEAL, plan);
            LearnerRun strong = training.deploy(weights, STRONG, plan);
            assertEquals(ideal.model(), strong.model(), "the model is the same whatever the hardware");
            assertEquals(ideal.model().steps(), ideal.hardware().steps(), "the ideal hardware is the model");
            assertTrue(ideal.hardware().steps() == 500 && ideal.reached(), "S balances the ideal cart-pole: " + ideal.hardware());
            assertTrue(strong.hardware().rmsAngleDeg() > 2 * ideal.hardware().rmsAngleDeg(),
                    "S holds the pole less still on the strong hardware: " + strong.hardware() + " vs " + ideal.hardware());
        }
    }
}
