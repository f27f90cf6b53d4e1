package org.neurorig.network;

import java.util.SplittableRandom;
import org.neurorig.kernel.Kernels;
import org.neurorig.kernel.Nonlinearity;

/**
 * Binary stochastic units for REINFORCE (Williams 1992): {@code y_i in {0, 1}},
 * {@code p_i = sigmoid(sum_j W_ij y_j + sum_k U_ik u_k + b_i)}, {@code y_i ~ Bernoulli(p_i)}.
 *
 * <p>Sampling uses its own generator seeded from the construction seed, so the same seed and the same
 * inputs give the same spike trains. As in {@link RateNetwork}, the accessors return live storage owned
 * by the stepping thread.
 */
public final class BernoulliNetwork {

    private final Kernels kernels;
    private final int n;
    private final int inputs;
    private final SplittableRandom sampler;

    private final float[] weights;      // W, n x n
    private final float[] inputWeights; // U, n x inputs
    private final float[] bias;         // b
    private final float[] units;        // y(t)
    private final float[] previous;     // y(t-1), the presynaptic term of the recurrent eligibility
    private final float[] probability;  // p(t)
    private final float[] summed;       // scratch
    private final float[] input;        // u

    /**
     * @param n      number of units, 1..{@value NetworkConfig#MAX_UNITS}
     * @param inputs number of external inputs, 0..{@value NetworkConfig#MAX_UNITS}
     * @param g      recurrent weights W_ij ~ N(0, g^2/n); input weights U_ik ~ N(0, 1); biases 0
     * @param seed   seeds the weights and, through a split stream, the sampling
     */
    public BernoulliNetwork(int n, int inputs, double g, long seed, Kernels kernels) {
        ParameterRange.count("bernoulli.n", n, 1, NetworkConfig.MAX_UNITS);
        ParameterRange.count("bernoulli.inputs", inputs, 0, NetworkConfig.MAX_UNITS);
        ParameterRange.nonNegative("bernoulli.g", g);
        this.kernels = kernels;
        this.n = n;
        this.inputs = inputs;
        SplittableRandom random = new SplittableRandom(seed);
        this.sampler = random.split();
        this.weights = new float[n * n];
        this.inputWeights = new float[n * inputs];
        this.bias = new float[n];
        this.units = new float[n];
        this.previous = new float[n];
        this.probability = new float[n];
        this.summed = new float[n];
        this.input = new float[inputs];
        double std = g / Math.sqrt(n);
        for (int i = 0; i < weights.length; i++) {
            weights[i] = (float) (std * random.nextGaussian());
        }
        for (int i = 0; i < inputWeights.length; i++) {
            inputWeights[i] = (float) random.nextGaussian();
        }
    }

    /** Computes p from the current units and inputs, then samples new units. */
    public void step() {
        System.arraycopy(units, 0, previous, 0, n);
        kernels.matVec(weights, n, n, units, summed);
        if (inputs > 0) {
            kernels.matVecAdd(inputWeights, n, inputs, input, summed);
        }
        kernels.activate(summed, bias, probability, n, Nonlinearity.SIGMOID);
        for (int i = 0; i < n; i++) {
            units[i] = sampler.nextFloat() < probability[i] ? 1f : 0f;
        }
    }

    /** Sets every unit to 0. */
    public void resetUnits() {
        java.util.Arrays.fill(units, 0f);
        java.util.Arrays.fill(previous, 0f);
        java.util.Arrays.fill(probability, 0f);
    }

    public int size() {
        return n;
    }

    /** External inputs u; write before {@link #step()}. */
    public float[] input() {
        return input;
    }

    /** The sampled units y(t) after the last step. */
    public float[] units() {
        return units;
    }

    /** The units before the last step, y(t-1). */
    public float[] previousUnits() {
        return previous;
    }

    /** The firing probabilities p(t) the last step sampled from. */
    public float[] probabilities() {
        return probability;
    }

    /** W, row-major n x n: row i holds the weights onto unit i. */
    public float[] weights() {
        return weights;
    }

    /** U, row-major n x inputs. */
    public float[] inputWeights() {
        return inputWeights;
    }

    public float[] bias() {
        return bias;
    }
}
