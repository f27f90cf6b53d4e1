package org.neurorig.compare;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.neurorig.learning.ModelBasedGradient;
import org.neurorig.learning.ModelBasedTrainer;
import org.neurorig.learning.NetworkModel;
import org.neurorig.learning.StageCost;
import org.neurorig.learning.WeightGroup;
import org.neurorig.network.RateNetwork;
import org.neurorig.plant.CartPole;
import org.neurorig.plant.DifferentiablePlant;

/**
 * Learner S, "learning in software": the exact gradient of the objective through a model of the
 * cart-pole and the network (backpropagation through time), Adam steps on the readout, then the weights
 * are deployed unchanged. It never sees the hardware. Its rollouts start where the hardware learners'
 * episodes do (CartPole-v1's draw), and its cost is minus their reward ({@link Objective}).
 *
 * @param iterations Adam steps
 * @param batch      rollouts per step
 * @param horizon    ticks per rollout (a rollout stops early at a terminal state)
 * @param rate       Adam's step size
 * @param clip       gradient norm clip
 */
record SoftwareTraining(int iterations, int batch, int horizon, double rate, double clip) {

    /** Snapshots of the readout along the training, for the cost figure: this many besides the start. */
    static final int SNAPSHOTS = 10;

    /** The readout after {@code rollouts} model rollouts. */
    record Snapshot(int rollouts, float[] readout) {
    }

    /**
     * A trained readout.
     *
     * @param readout    the final readout
     * @param losses     the mean cost per rollout at each step
     * @param snapshots  the readout at the start and every few steps, the last being the final one
     * @param iterations the Adam steps taken
     * @param halfway    the readout after half the steps: where the model's gradient is compared with the
     *                   hardware's ({@link GradientAgreement}), since at the end it is near zero by design
     */
    record Result(float[] readout, double[] losses, List<Snapshot> snapshots, int iterations, float[] halfway) {
    }

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

    /** Trains the readout of {@code network} (in place) on the nominal model for {@code objective}. */
    Result train(RateNetwork network, Objective objective, long seed) {
        return train(network, new org.neurorig.plant.DifferentiableCartPole(ControllerDesign.PLANT), objective.cost(), seed);
    }

    /**
     * Trains the readout of {@code network} (in place) on {@code model} to lower {@code cost}.
     *
     * @param seed seeds the rollouts' initial states
     */
    Result train(RateNetwork network, DifferentiablePlant model, StageCost cost, long seed) {
        NetworkModel networkModel = new NetworkModel(network, horizon);
        ModelBasedGradient gradient = new ModelBasedGradient(networkModel, model, ControllerDesign.SENSOR_SCALE,
                ControllerDesign.COMMAND_SCALE, cost, true);
        ModelBasedTrainer trainer = new ModelBasedTrainer(gradient, EnumSet.of(WeightGroup.READOUT), rate, clip);
        SplittableRandom random = new SplittableRandom(seed);
        double[][] starts = new double[batch][CartPole.STATE_SIZE];
        double[] losses = new double[iterations];
        List<Snapshot> snapshots = new ArrayList<>();
        snapshots.add(new Snapshot(0, network.readoutWeights().clone()));
        int every = Math.max(1, iterations / SNAPSHOTS);
        float[] halfway = network.readoutWeights().clone();
        for (int it = 0; it < iterations; it++) {
            for (double[] s : starts) {
                CartPole.drawInitialState(ControllerDesign.PLANT, random, s);
            }
            losses[it] = trainer.iterate(starts);
            if (it + 1 == iterations / 2) {
                trainer.deployTo(network);
                System.arraycopy(network.readoutWeights(), 0, halfway, 0, halfway.length);
            }
            if ((it + 1) % every == 0 || it + 1 == iterations) {
                trainer.deployTo(network);
                snapshots.add(new Snapshot((it + 1) * batch, network.readoutWeights().clone()));
            }
        }
        trainer.deployTo(network);
        return new Result(network.readoutWeights().clone(), losses, List.copyOf(snapshots), iterations, halfway);
    }

    String describe() {
        return String.format(Locale.ROOT, "S: %d Adam steps (rate %.3g, clip %.3g) of %d rollouts of at most %d ticks on the model, "
                + "from CartPole-v1's starts, cost = minus the hardware's reward, readout only", iterations, rate, clip, batch, horizon);
    }
}
