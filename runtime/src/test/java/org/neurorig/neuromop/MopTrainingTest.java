package org.neurorig.neuromop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.neurorig.kernel.Kernels;
import org.neurorig.kernel.Nonlinearity;

/** Training's validation: which weights a training ends with, and what validating leaves unchanged. */
class MopTrainingTest {

    private static final RecurrentParameters SMALL = new RecurrentParameters(12, 2, 1.5, 0.1, 1.0, 1.5,
            Nonlinearity.TANH, 5);

    private static MopTraining training(TrainingParameters p) {
        return training(p, 0);
    }

    /** Network 0: J and K of seed 5, value weights of seed 7, trajectories of seed 11; each next one adds 1 to each. */
    private static MopTraining training(TrainingParameters p, long network) {
        RecurrentModel model = new RecurrentModel(SMALL.withSeed(SMALL.seed() + network), Kernels.scalar());
        ValueNetwork value = new ValueNetwork(SMALL.n(), 8, 3, 0.5, 7 + network, Kernels.scalar());
        MopAgent agent = new MopAgent(ControllerKind.MOP, model, new UnitAbove(0.06), null, Objective.actionEntropy(0.9),
                value, null, null, 0);
        return new MopTraining(agent, new float[SMALL.n()], p, null, 0, 11 + network);
    }

    private static final TrainingParameters PLAIN = new TrainingParameters(12, 4, 200, 8, 0.01, 3, 0.5);

    private static float[] weights(MopTraining t) {
        float[][] groups = t.agent().valueNetwork().parameters();
        int n = 0;
        for (float[] g : groups) {
            n += g.length;
        }
        float[] all = new float[n];
        int o = 0;
        for (float[] g : groups) {
            System.arraycopy(g, 0, all, o, g.length);
            o += g.length;
        }
        return all;
    }

    /**
     * Whatever the trajectories, training ends with the weights of the validation that lived longest (the
     * later one on a tie). Which validation that is depends on chaotic trajectories, so it differs between
     * machines; the restore is only exercised when the best is not the last validation and the validations
     * differ. Networks are tried in turn until one shows that, checking the choice on every one on the
     * way (on the development machine 7 of the first 20 did, network 0 among them).
     */
    @Test
    void trainingEndsWithTheWeightsThatLivedLongestInValidation() {
        int every = 3;
        int tries = 20;
        List<String> tried = new ArrayList<>();
        boolean exercised = false;
        for (long network = 0; network < tries && !exercised; network++) {
            MopTraining validated = training(PLAIN.withValidation(every, 10), network);
            List<Integer> epochs = new ArrayList<>();
            List<Double> lifetimes = new ArrayList<>();
            List<float[]> validatedWeights = new ArrayList<>();
            for (int e = 0; e < PLAIN.epochs(); e++) {
                EpochReport r = validated.runEpoch();
                boolean due = (e + 1) % every == 0;
                assertEquals(due, !Double.isNaN(r.validation()), "epoch " + e + ": validated every third epoch");
                if (due) {
                    epochs.add(e);
                    lifetimes.add(r.validation());
                    validatedWeights.add(weights(validated));
                }
            }
            int best = 0;
            for (int v = 1; v < lifetimes.size(); v++) {
                if (lifetimes.get(v) >= lifetimes.get(best)) {
                    best = v;
                }
            }
            String what = "network " + network + ", validation lifetimes " + lifetimes;
            assertEquals(epochs.get(best), validated.keepBest(), what);
            assertEquals(lifetimes.get(best), validated.bestValidation(), what);
            assertArrayEquals(validatedWeights.get(best), weights(validated),
                    what + ": the agent must act with the kept weights");
            boolean allEqual = lifetimes.stream().distinct().count() == 1;
            exercised = !allEqual && best != lifetimes.size() - 1;
            tried.add(what + ", kept epoch " + epochs.get(best));
        }
        System.out.println("validation restore, networks tried:\n  " + String.join("\n  ", tried));
        assertTrue(exercised, "in none of " + tries + " networks was the longest-lived validation an earlier one than "
                + "the last: the restore was not exercised\n  " + String.join("\n  ", tried));
    }

    @Test
    void validatingChangesNoTrainingTrajectoryAndWithoutItTheLastWeightsStay() {
        MopTraining validated = training(PLAIN.withValidation(2, 10));
        MopTraining plain = training(PLAIN);
        for (int e = 0; e < PLAIN.epochs(); e++) {
            EpochReport a = plain.runEpoch();
            EpochReport b = validated.runEpoch();
            assertEquals(a.lifetime(), b.lifetime(), "epoch " + e);
            assertEquals(a.loss(), b.loss(), "epoch " + e);
            assertTrue(Double.isNaN(a.validation()));
        }
        float[] last = weights(plain);
        assertEquals(PLAIN.epochs() - 1, plain.keepBest());
        assertArrayEquals(last, weights(plain));
    }
}
