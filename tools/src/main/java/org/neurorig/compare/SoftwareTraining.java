package org.neurorig.compare;

import java.util.EnumSet;
import java.util.Locale;
import java.util.SplittableRandom;
import org.neurorig.learning.ModelBasedGradient;
import org.neurorig.learning.ModelBasedTrainer;
import org.neurorig.learning.NetworkModel;
import org.neurorig.learning.StageCost;
import org.neurorig.learning.WeightGroup;
import org.neurorig.network.RateNetwork;
import org.neurorig.plant.DifferentiableCartPole;

/**
 * Learner S, "learning in software": the exact gradient of the balancing cost through the nominal
 * cart-pole model and the network (backpropagation through time), Adam steps on the readout, then the
 * weights are deployed unchanged. It never sees the hardware.
 *
 * @param iterations Adam steps
 * @param batch      rollouts per step, each from a state drawn uniformly in +-{@link #START_HALF_WIDTH}
 * @param horizon    ticks per rollout (a rollout stops early at a terminal state)
 * @param rate       Adam's step size
 * @param clip       gradient norm clip
 */
record SoftwareTraining(int iterations, int batch, int horizon, double rate, double clip) {

    /** Rollouts start wider than CartPole-v1's +-0.05, so the controller learns to correct. */
    static final double START_HALF_WIDTH = 0.1;

    SoftwareTraining {
        if (iterations < 1 || batch < 1 || horizon < 1 || !(rate > 0) || !(clip > 0)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "S settings: iterations %d, batch %d, horizon %d, rate %g, clip %g: expected counts >= 1 and rate, clip > 0",
                    iterations, batch, horizon, rate, clip));
        }
    }

    /** The model rollouts it uses: iterations x batch. */
    int rollouts() {
        return iterations * batch;
    }

    /**
     * Trains the readout of {@code network} (in place) on the nominal model; returns the loss of each
     * iteration (the mean cost per rollout).
     */
    double[] train(RateNetwork network, long seed) {
        NetworkModel model = new NetworkModel(network, horizon);
        ModelBasedGradient gradient = new ModelBasedGradient(model, new DifferentiableCartPole(ControllerDesign.PLANT),
                ControllerDesign.SENSOR_SCALE, ControllerDesign.COMMAND_SCALE, StageCost.cartPoleBalance(
                        ControllerDesign.PLANT.xThreshold(), ControllerDesign.PLANT.thetaThreshold(),
                        ControllerDesign.PLANT.forceMag()), true);
        ModelBasedTrainer trainer = new ModelBasedTrainer(gradient, EnumSet.of(WeightGroup.READOUT), rate, clip);
        SplittableRandom random = new SplittableRandom(seed);
        double[][] starts = new double[batch][4];
        double[] losses = new double[iterations];
        for (int it = 0; it < iterations; it++) {
            for (double[] s : starts) {
                for (int i = 0; i < s.length; i++) {
                    s[i] = random.nextDouble(-START_HALF_WIDTH, START_HALF_WIDTH);
                }
            }
            losses[it] = trainer.iterate(starts);
        }
        trainer.deployTo(network);
        return losses;
    }

    String describe() {
        return String.format(Locale.ROOT, "S: %d Adam steps (rate %.3g, clip %.3g) of %d rollouts of at most %d ticks on the nominal "
                + "model from states in +-%.2f, StageCost.cartPoleBalance, readout only", iterations, rate, clip, batch, horizon,
                START_HALF_WIDTH);
    }
}
