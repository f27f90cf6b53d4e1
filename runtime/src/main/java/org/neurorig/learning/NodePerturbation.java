package org.neurorig.learning;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.neurorig.kernel.Kernels;
import org.neurorig.network.RateNetwork;

/**
 * Node perturbation (Williams 1992's Gaussian units; Fiete and Seung 2006): Gaussian noise
 * {@code xi_i ~ N(0, sigma^2)} is added to each unit's input current (and to each readout channel), a
 * synapse's eligibility correlates that noise with its presynaptic activity,
 * {@code e_ij <- lambda e_ij + xi_i x_j / sigma^2}, and the third factor turns it into a weight change,
 * {@code Delta w_ij = eta (R - Rbar) e_ij}. In expectation this is gradient ascent on the expected reward
 * (to first order in sigma); its variance grows with the number of perturbed units.
 *
 * <p>The noise term is divided by sigma^2 when it is staged, not when the update is applied, so
 * changing the noise level mid-episode (through {@link LearningControls#setNoise}) keeps every term
 * correctly scaled. The learning rate therefore has units of weight per (reward x score).
 *
 * <p>The noise is the rule's own: the noise on the unit currents is drawn in {@code beforeStep()} and
 * handed to the step ({@link #unitNoise()}, read by {@link RateNetwork#step(float[])}), so a
 * controller that writes currents of its own (NeuroMOP) keeps them untouched; the readout's noise is
 * drawn in {@code afterStep()} and added to a copy of the readout, the {@link #action} the commands
 * are made of.
 */
public final class NodePerturbation extends TraceRule {

    /** The noise of the layers whose rows perturb one vector (the units' currents, or an output). */
    private static final class NoiseSite {
        /** The clean vector: read, never written. */
        final float[] target;
        final PlasticLayer.Site site;
        final int length;
        final float[] noise;
        /** OUTPUT: target + noise, this tick's action; null for UNIT_CURRENT. */
        final float[] perturbed;

        NoiseSite(PlasticLayer layer) {
            this.target = layer.target;
            this.site = layer.site;
            this.length = layer.rows;
            this.noise = new float[length];
            this.perturbed = site == PlasticLayer.Site.OUTPUT ? new float[length] : null;
        }
    }

    private final NoiseSite[] sites;
    /** The site of the units' currents, or null when no layer perturbs them. */
    private final NoiseSite currents;
    private final int[] siteOfLayer;
    private final SplittableRandom random;
    private float tickSigma;

    /**
     * Node perturbation on any plastic layers (each with a noise site).
     *
     * @param seed seeds the noise; the same seed and the same inputs give the same run
     */
    public NodePerturbation(List<PlasticLayer> layers, Timing timing, RewardBaseline baseline,
            LearningControls controls, long seed, Kernels kernels) {
        super(layers, timing, baseline, controls, Float.POSITIVE_INFINITY, kernels);
        List<NoiseSite> found = new ArrayList<>();
        this.siteOfLayer = new int[this.layers.length];
        for (int l = 0; l < this.layers.length; l++) {
            PlasticLayer layer = this.layers[l];
            if (layer.site == PlasticLayer.Site.NONE) {
                throw new IllegalArgumentException(layer.name + " has no place to inject noise: node perturbation needs unit currents or outputs");
            }
            int index = -1;
            for (int s = 0; s < found.size(); s++) {
                if (found.get(s).target == layer.target) {
                    index = s;
                }
            }
            if (index < 0) {
                found.add(new NoiseSite(layer));
                index = found.size() - 1;
            }
            siteOfLayer[l] = index;
            post[l] = found.get(index).noise;
        }
        this.sites = found.toArray(NoiseSite[]::new);
        NoiseSite unitSite = null;
        for (NoiseSite s : sites) {
            if (s.site == PlasticLayer.Site.UNIT_CURRENT) {
                if (unitSite != null) {
                    throw new IllegalArgumentException("node perturbation perturbs the currents of one network; "
                            + "these layers belong to two");
                }
                unitSite = s;
            }
        }
        this.currents = unitSite;
        this.random = new SplittableRandom(seed);
    }

    /** Node perturbation on the named weights of {@code network}, with the network's kernels. */
    public static NodePerturbation forNetwork(RateNetwork network, Set<WeightGroup> plastic, Timing timing,
            RewardBaseline baseline, LearningControls controls, long seed) {
        return new NodePerturbation(PlasticLayer.of(network, plastic), timing, baseline, controls, seed, network.kernels());
    }

    @Override
    public String name() {
        return "node-perturbation";
    }

    /** The noise drawn at this tick for the {@code l}-th layer's rows (for telemetry and tests). */
    public float[] noise(int l) {
        return sites[siteOfLayer[l]].noise;
    }

    @Override
    public float[] unitNoise() {
        return tickEnabled && currents != null ? currents.noise : null;
    }

    @Override
    public float[] action(float[] output) {
        for (NoiseSite s : sites) {
            if (s.target == output && s.perturbed != null) {
                return tickEnabled ? s.perturbed : output;
            }
        }
        return output;
    }

    @Override
    void perturb() {
        tickSigma = controls.noise();
        if (currents != null) {
            draw(currents);
        }
    }

    @Override
    boolean measure() {
        for (NoiseSite s : sites) {
            if (s.perturbed != null) {
                draw(s);
                System.arraycopy(s.target, 0, s.perturbed, 0, s.length);
                kernels.axpy(1f, s.noise, s.perturbed, s.length);
            }
        }
        if (tickSigma == 0f) {
            return false;
        }
        float score = 1f / (tickSigma * tickSigma);
        java.util.Arrays.fill(alpha, score);
        return Float.isFinite(score);
    }

    private void draw(NoiseSite s) {
        float sigma = tickSigma;
        float[] xi = s.noise;
        if (sigma == 0f) {
            java.util.Arrays.fill(xi, 0f);
            return;
        }
        for (int i = 0; i < s.length; i++) {
            xi[i] = (float) (sigma * random.nextGaussian());
        }
    }
}
