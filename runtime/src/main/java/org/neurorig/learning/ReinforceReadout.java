package org.neurorig.learning;

import java.util.List;
import java.util.SplittableRandom;
import org.neurorig.network.RateNetwork;

/**
 * REINFORCE on a rate network's readout with Bernoulli-logistic output units: each readout channel k
 * becomes a binary action, {@code y_k ~ Bernoulli(sigmoid(z_k))}, acted on as {@code -1} or {@code +1}
 * ({@link #action}, the rule's own array; scale it to the actuator: a bang-bang force
 * {@code forceMag * action}).
 * The characteristic eligibility is {@code (y_k - p_k) a_j}, so {@code Delta W = eta (R - Rbar) e}
 * follows the gradient of the expected reward (Williams 1992). The reservoir itself is deterministic,
 * so only the readout learns.
 *
 * <p>This is the REINFORCE learner for a controller whose readout drives the plant. (For a continuous
 * command, REINFORCE with Gaussian output units is exactly node perturbation on the readout,
 * {@link NodePerturbation} with {@link WeightGroup#READOUT}: Williams' Gaussian unit.)
 *
 * <p>With learning off, the action is the most likely one, {@code +1} when {@code z_k > 0}, else
 * {@code -1}: a trained policy deployed without exploration.
 */
public final class ReinforceReadout extends TraceRule {

    private final float[] readout;
    private final float[] actions;
    private final float[] fluctuation;
    private final int outputs;
    private final SplittableRandom random;

    public ReinforceReadout(RateNetwork network, Timing timing, RewardBaseline baseline, LearningControls controls, long seed) {
        super(List.of(PlasticLayer.readout(network)), timing, baseline, controls, Float.POSITIVE_INFINITY, network.kernels());
        this.readout = network.readout();
        this.outputs = network.config().outputs();
        this.actions = new float[outputs];
        this.fluctuation = new float[outputs];
        this.random = new SplittableRandom(seed);
        post[0] = fluctuation;
        alpha[0] = 1f;
    }

    @Override
    public String name() {
        return "reinforce-readout";
    }

    /** This tick's actions, -1 or +1, when {@code output} is the network's readout. */
    @Override
    public float[] action(float[] output) {
        return output == readout ? actions : output;
    }

    @Override
    void perturb() {
        // the sampling after the step is the exploration
    }

    @Override
    boolean measure() {
        for (int k = 0; k < outputs; k++) {
            float p = org.neurorig.kernel.Nonlinearity.SIGMOID.apply(readout[k]);
            float y = random.nextFloat() < p ? 1f : 0f;
            fluctuation[k] = y - p;
            actions[k] = 2f * y - 1f;
        }
        return true;
    }

    @Override
    void measureWhileOff() {
        for (int k = 0; k < outputs; k++) {
            actions[k] = readout[k] > 0f ? 1f : -1f;
        }
    }
}
