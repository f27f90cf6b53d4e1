package org.neurorig.learning;

import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.neurorig.kernel.Kernels;
import org.neurorig.network.RateNetwork;

/**
 * Weight perturbation: every plastic weight is perturbed at once for a trial, {@code w -> w + psi},
 * and the trial's return R judges the whole perturbation: {@code Delta w = eta (R - Rbar) psi / sigma^2}
 * (one-sided, with a running baseline), or, two-sided (Cauwenberghs 1993), a trial with {@code +psi}
 * and one with {@code -psi}, then {@code Delta w = eta (R+ - R-) psi / (2 sigma^2)}, which halves the
 * variance and needs no baseline. It needs no access to any unit: the most hardware-friendly rule, and
 * the slowest, since the perturbation's dimension is the number of weights.
 *
 * <p>A trial is an episode: {@link #beginEpisode(int)} perturbs, {@link #reward(float)} adds to the
 * trial's return, {@link #endEpisode()} restores the unperturbed weights (to the bit: they are saved,
 * not subtracted) and applies the update. Nothing happens per tick. For an antithetic pair, start the
 * second trial from the same initial state as the first ({@link #awaitingSecondHalf()} says when).
 * Turning learning off in mid-trial restores the weights at the next tick.
 */
public final class WeightPerturbation implements ThreeFactorRule {

    /** How psi is drawn: Gaussian N(0, sigma^2) per weight, or +-sigma with equal chance. */
    public enum Distribution {
        GAUSSIAN, BINARY
    }

    /**
     * Once or twice per episode, too rarely for C2 to compile a vector kernel: the Vector API boxes every
     * vector (allocates) until it has. Scalar kernels give the same bits and never allocate.
     */
    private static final Kernels RARE_PATH = Kernels.scalar();
    private final PlasticLayer[] layers;
    private final float[][] psi;
    private final float[][] unperturbed;
    private final boolean twoSided;
    private final Distribution distribution;
    private final RewardBaseline baseline;
    private final LearningControls controls;
    private final SplittableRandom random;

    private int context;
    private float trialReturn;
    private float plusReturn;
    private float trialSigma;
    private boolean perturbed;
    private boolean secondHalf;

    public WeightPerturbation(List<PlasticLayer> layers, boolean twoSided, Distribution distribution,
            RewardBaseline baseline, LearningControls controls, long seed, Kernels kernels) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("no plastic weights: a rule needs at least one plastic layer");
        }
        // kernels: the network's; this rule's only work on the weights is per episode, done with RARE_PATH
        this.layers = layers.toArray(PlasticLayer[]::new);
        this.psi = new float[this.layers.length][];
        this.unperturbed = new float[this.layers.length][];
        for (int l = 0; l < this.layers.length; l++) {
            psi[l] = new float[this.layers[l].weights.length];
            unperturbed[l] = new float[this.layers[l].weights.length];
        }
        this.twoSided = twoSided;
        this.distribution = distribution;
        this.baseline = baseline;
        this.controls = controls;
        this.random = new SplittableRandom(seed);
    }

    /** Weight perturbation of the named weights of {@code network}, with the network's kernels. */
    public static WeightPerturbation forNetwork(RateNetwork network, Set<WeightGroup> plastic, boolean twoSided,
            Distribution distribution, RewardBaseline baseline, LearningControls controls, long seed) {
        return new WeightPerturbation(PlasticLayer.of(network, plastic), twoSided, distribution, baseline, controls,
                seed, network.kernels());
    }

    @Override
    public String name() {
        return twoSided ? "weight-perturbation-2" : "weight-perturbation";
    }

    @Override
    public LearningControls controls() {
        return controls;
    }

    public boolean twoSided() {
        return twoSided;
    }

    /** Whether the next trial is the {@code -psi} half of an antithetic pair (start it from the same state). */
    public boolean awaitingSecondHalf() {
        return secondHalf;
    }

    /** The perturbation of the {@code l}-th layer in this trial (for tests and telemetry). */
    public float[] perturbation(int l) {
        return psi[l];
    }

    @Override
    public void beginEpisode(int context) {
        baseline.requireContext(context);
        restore();
        this.context = context;
        trialReturn = 0f;
        if (!controls.enabled()) {
            secondHalf = false;
            return;
        }
        if (!secondHalf) {
            trialSigma = controls.noise();
            if (trialSigma == 0f) {
                return;
            }
            for (float[] p : psi) {
                draw(p, trialSigma);
            }
        }
        float sign = secondHalf ? -1f : 1f;
        for (int l = 0; l < layers.length; l++) {
            float[] w = layers[l].weights;
            System.arraycopy(w, 0, unperturbed[l], 0, w.length);
            RARE_PATH.axpy(sign, psi[l], w, w.length);
        }
        perturbed = true;
    }

    private void draw(float[] p, float sigma) {
        if (distribution == Distribution.GAUSSIAN) {
            for (int k = 0; k < p.length; k++) {
                p[k] = (float) (sigma * random.nextGaussian());
            }
        } else {
            for (int k = 0; k < p.length; k++) {
                p[k] = random.nextBoolean() ? sigma : -sigma;
            }
        }
    }

    @Override
    public void beforeStep() {
        if (perturbed && !controls.enabled()) {
            restore();
            secondHalf = false;
        }
    }

    @Override
    public void afterStep() {
        // the perturbation lasts the whole trial
    }

    @Override
    public void reward(float r) {
        trialReturn += r;
    }

    @Override
    public void endEpisode() {
        if (!perturbed) {
            return;
        }
        restore();
        float eta = controls.learningRate();
        float coefficient;
        if (!twoSided) {
            coefficient = eta * baseline.predictionError(context, trialReturn) / (trialSigma * trialSigma);
            baseline.endEpisode();
        } else if (!secondHalf) {
            plusReturn = trialReturn;
            secondHalf = true;
            return;
        } else {
            coefficient = eta * (plusReturn - trialReturn) / (2f * trialSigma * trialSigma);
            secondHalf = false;
        }
        if (coefficient == 0f || !Float.isFinite(coefficient)) {
            return;
        }
        for (int l = 0; l < layers.length; l++) {
            RARE_PATH.axpy(coefficient, psi[l], layers[l].weights, psi[l].length);
        }
    }

    @Override
    public float rewardPrediction() {
        return baseline.value(context);
    }

    @Override
    public void abandonEpisode() {
        restore();
        secondHalf = false;
        trialReturn = 0f;
    }

    private void restore() {
        if (perturbed) {
            for (int l = 0; l < layers.length; l++) {
                System.arraycopy(unperturbed[l], 0, layers[l].weights, 0, unperturbed[l].length);
            }
            perturbed = false;
        }
    }
}
