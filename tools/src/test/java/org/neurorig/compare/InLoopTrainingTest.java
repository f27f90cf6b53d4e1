package org.neurorig.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.neurorig.testing.SeedSweep;

/**
 * The in-loop learners on reduced sizes (N = 50, 200 episodes): node perturbation learns to balance on
 * the ideal cart-pole in the control loop, from a readout of zeros, and S trained on the nominal model
 * breaks on a hardware with 4 ticks of actuator delay; each claim over 5 seeds (network, starts,
 * noise). What these sizes cannot show is the full run's to measure.
 */
class InLoopTrainingTest {

    private static final CompareSettings QUICK = CompareSettings.quick(1);
    private static final Condition IDEAL = Condition.on(Axis.named("delay"), 0);
    private static final Condition DELAYED = Condition.on(Axis.named("delay"), 4);

    private static double mean(int[] values, int from, int to) {
        return Arrays.stream(values, from, to).average().orElseThrow();
    }

    private static LearnerRun train(Learner learner, int episodes, long seed) {
        InLoopTraining training = new InLoopTraining(QUICK.design(), QUICK.schedule(), QUICK.task());
        SeedPlan plan = SeedPlan.of((int) seed, 1, QUICK.schedule());
        CompareSettings.InLoopRule rule = QUICK.rules().get(learner);
        return training.train(learner, rule.rule(), rule.annealing(), episodes, new float[QUICK.design().units()], IDEAL, plan);
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
    void softwareBreaksOnADelayedHardware() {
        InLoopTraining training = new InLoopTraining(QUICK.design(), QUICK.schedule(), QUICK.task());
        SeedSweep.assertHoldsForAtLeast(4, SeedSweep.seeds(0, 5), "S: steps on the delayed hardware over the ideal", seed -> {
            SeedPlan plan = SeedPlan.of((int) seed, 1, QUICK.schedule());
            var network = QUICK.design().network(plan.networkSeed());
            SoftwareTraining.Result trained = QUICK.software().train(network, QUICK.objective(), plan.softwareSeed());
            LearnerRun ideal = training.deploy(Learner.S, trained, IDEAL, plan);
            LearnerRun delayed = training.deploy(Learner.S, trained, DELAYED, plan);
            assertEquals(ideal.model(), delayed.model(), "the model is the same whatever the hardware");
            assertEquals(ideal.model().steps(), ideal.hardware().steps(), "the ideal hardware is the model");
            double ratio = delayed.hardware().steps() / ideal.hardware().steps();
            return new SeedSweep.Outcome(ideal.hardware().steps() >= 250 && ratio < 0.5, ratio, "ratio",
                    String.format("S on the ideal plant %s; delayed/ideal steps %.2f (needs < 0.5, and >= 250 steps on the ideal)",
                            ideal.hardware(), ratio));
        });
    }
}
