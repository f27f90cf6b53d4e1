package org.neurorig.learning;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.neurorig.kernel.Kernels;
import org.neurorig.network.BernoulliNetwork;

/**
 * REINFORCE for Bernoulli-logistic units (Williams 1992): each unit fires with
 * {@code p_i = sigmoid(s_i)}, and the characteristic eligibility of a weight onto it is
 * {@code d ln P(y_i) / d w_ij = (y_i - p_i) x_j}, which has mean zero. The update
 * {@code Delta w_ij = eta (r - b) e_ij} follows the gradient of the expected reward for any baseline b
 * that does not depend on this trial's y.
 *
 * <p>With {@link Timing#episodic()} it is Williams' recurrent, episodic form (his section 5):
 * {@code Delta w_ij = eta (R - b) sum_t (y_i(t) - p_i(t)) x_j(t-1)}, where the presynaptic term of the
 * recurrent weights is the units' previous state {@code y_j(t-1)}, of the input weights the input
 * {@code u_j(t)}, and of the biases 1. With {@link Timing#online(float)}, the sum becomes a decaying
 * trace and every reward updates at once.
 *
 * <p>The units draw their own randomness, so there is no perturbation to inject and the noise control
 * is not used.
 */
public final class Reinforce extends TraceRule {

    private static final float[] ONE = {1f};

    private final BernoulliNetwork network;
    private final float[] fluctuation;
    private final int n;

    /**
     * @param plastic a subset of {RECURRENT, INPUT, BIAS}
     */
    public Reinforce(BernoulliNetwork network, Set<WeightGroup> plastic, Timing timing, RewardBaseline baseline,
            LearningControls controls, Kernels kernels) {
        super(layers(network, plastic), timing, baseline, controls, Float.POSITIVE_INFINITY, kernels);
        this.network = network;
        this.n = network.size();
        this.fluctuation = new float[n];
        for (int l = 0; l < layers.length; l++) {
            post[l] = fluctuation;
            alpha[l] = 1f;
        }
    }

    private static List<PlasticLayer> layers(BernoulliNetwork network, Set<WeightGroup> plastic) {
        if (plastic.isEmpty() || plastic.contains(WeightGroup.READOUT)) {
            throw new IllegalArgumentException("a Bernoulli network's plastic weights are recurrent, input and bias; it has no readout");
        }
        int n = network.size();
        int inputs = network.input().length;
        List<PlasticLayer> layers = new ArrayList<>();
        if (plastic.contains(WeightGroup.RECURRENT)) {
            layers.add(new PlasticLayer("recurrent W", WeightGroup.RECURRENT, network.weights(), n, n,
                    network.previousUnits(), null, null, PlasticLayer.Site.NONE));
        }
        if (plastic.contains(WeightGroup.INPUT)) {
            if (inputs == 0) {
                throw new IllegalArgumentException("the input weights cannot be plastic: the network has no inputs");
            }
            layers.add(new PlasticLayer("input U", WeightGroup.INPUT, network.inputWeights(), n, inputs,
                    new float[inputs], network.input(), null, PlasticLayer.Site.NONE));
        }
        if (plastic.contains(WeightGroup.BIAS)) {
            layers.add(new PlasticLayer("bias b", WeightGroup.BIAS, network.bias(), n, 1, ONE, null, null,
                    PlasticLayer.Site.NONE));
        }
        return layers;
    }

    @Override
    public String name() {
        return "reinforce";
    }

    @Override
    void perturb() {
        // Bernoulli units are their own perturbation.
    }

    @Override
    boolean measure() {
        float[] y = network.units();
        float[] p = network.probabilities();
        for (int i = 0; i < n; i++) {
            fluctuation[i] = y[i] - p[i];
        }
        return true;
    }
}
