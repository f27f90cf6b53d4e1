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
        RecurrentModel model = new RecurrentModel(SMALL, Kernels.scalar());
        ValueNetwork value = new ValueNetwork(SMALL.n(), 8, 3, 0.5, 7, Kernels.scalar());
        MopAgent agent = new MopAgent(ControllerKind.MOP, model, new UnitAbove(0.06), null, Objective.actionEntropy(0.9),
                value, null, null, 0);
        return new MopTraining(agent, new float[SMALL.n()], p, null, 0, 11);
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

    @Test
    void trainingEndsWithTheWeightsThatLivedLongestInValidation() {
        MopTraining validated = training(PLAIN.withValidation(3, 10));
        List<float[]> after = new ArrayList<>();
        List<EpochReport> reports = new ArrayList<>();
        for (int e = 0; e < PLAIN.epochs(); e++) {
            reports.add(validated.runEpoch());
            after.add(weights(validated));
        }
        int best = -1;
        for (EpochReport r : reports) {
            boolean due = (r.epoch() + 1) % 3 == 0;
            assertEquals(due, !Double.isNaN(r.validation()), "epoch " + r.epoch() + ": validated every third epoch");
            if (due && (best < 0 || r.validation() >= reports.get(best).validation())) {
                best = r.epoch();
            }
        }
        double lowest = reports.stream().filter(r -> !Double.isNaN(r.validation()))
                .mapToDouble(EpochReport::validation).min().orElseThrow();
        assertTrue(lowest < reports.get(best).validation(), "every validation lived as long: the choice is not tested");
        assertTrue(best != PLAIN.epochs() - 1, "the longest-lived weights are the last: the restore is not tested");

        assertEquals(best, validated.keepBest());
        assertEquals(reports.get(best).validation(), validated.bestValidation());
        assertArrayEquals(after.get(best), weights(validated), "the agent must act with the kept weights");
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
