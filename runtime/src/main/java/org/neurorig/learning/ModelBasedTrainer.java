package org.neurorig.learning;

import java.util.EnumSet;
import java.util.Set;
import org.neurorig.network.RateNetwork;

/**
 * Gradient descent on a {@link ModelBasedGradient}: Adam (Kingma and Ba 2015) on the plastic weight
 * groups, with the gradient's norm clipped first. BPTT through an unstable plant produces occasional
 * huge gradients (a rollout that nearly falls); clipping keeps one of them from throwing the weights
 * away, and Adam's per-weight scaling copes with the readout's and the recurrent weights' very
 * different gradient sizes. Train on the model, then {@link #deployTo} the network that runs the rig.
 */
public final class ModelBasedTrainer {

    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;

    private final ModelBasedGradient gradient;
    private final Set<WeightGroup> plastic;
    private final double learningRate;
    private final double clipNorm;
    private final double[][] first;
    private final double[][] second;
    private final WeightGroup[] groups;
    private int iterations;
    private double lastNorm;

    /**
     * @param learningRate Adam's step size, &gt; 0
     * @param clipNorm     largest gradient norm used as is (larger ones are scaled down to it), &gt; 0
     */
    public ModelBasedTrainer(ModelBasedGradient gradient, Set<WeightGroup> plastic, double learningRate, double clipNorm) {
        if (!(learningRate > 0) || !(clipNorm > 0)) {
            throw new IllegalArgumentException("model-based learning rate " + learningRate + " and clip norm " + clipNorm
                    + " must both be > 0");
        }
        if (plastic.contains(WeightGroup.BIAS)) {
            throw new IllegalArgumentException("a rate network has no biases to train");
        }
        this.gradient = gradient;
        this.plastic = EnumSet.copyOf(plastic);
        this.learningRate = learningRate;
        this.clipNorm = clipNorm;
        this.groups = this.plastic.toArray(WeightGroup[]::new);
        this.first = new double[groups.length][];
        this.second = new double[groups.length][];
        for (int g = 0; g < groups.length; g++) {
            first[g] = new double[gradient.weights(groups[g]).length];
            second[g] = new double[first[g].length];
        }
    }

    /** One step: the loss and gradient over {@code initialStates}, then an Adam update. Returns the loss. */
    public double iterate(double[][] initialStates) {
        double loss = gradient.lossAndGradient(initialStates);
        lastNorm = gradient.gradientNorm(plastic);
        if (!Double.isFinite(lastNorm)) {
            return loss; // a rollout blew up; skip the step rather than poison the weights
        }
        double clip = lastNorm > clipNorm ? clipNorm / lastNorm : 1;
        iterations++;
        double c1 = 1 - Math.pow(BETA1, iterations);
        double c2 = 1 - Math.pow(BETA2, iterations);
        for (int g = 0; g < groups.length; g++) {
            double[] w = gradient.weights(groups[g]);
            double[] d = gradient.gradient(groups[g]);
            double[] m = first[g];
            double[] v = second[g];
            for (int i = 0; i < w.length; i++) {
                double gi = clip * d[i];
                m[i] = BETA1 * m[i] + (1 - BETA1) * gi;
                v[i] = BETA2 * v[i] + (1 - BETA2) * gi * gi;
                w[i] -= learningRate * (m[i] / c1) / (Math.sqrt(v[i] / c2) + EPSILON);
            }
        }
        return loss;
    }

    /** The gradient norm of the last iteration, before clipping. */
    public double lastGradientNorm() {
        return lastNorm;
    }

    public int iterations() {
        return iterations;
    }

    /** Copies the trained weights into {@code network} (rounded to float). */
    public void deployTo(RateNetwork network) {
        gradient.network().copyWeightsTo(network);
    }
}
