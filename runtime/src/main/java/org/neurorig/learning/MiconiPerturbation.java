package org.neurorig.learning;

import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.neurorig.kernel.Kernels;
import org.neurorig.network.RateNetwork;

/**
 * Miconi (2017, eLife 6:e20899)'s node perturbation, which needs no access to the noise itself:
 * <ul>
 *   <li>perturbation: at each tick each unit, with probability {@code p} (0.003 in the paper), gets a
 *       kick {@code m_i ~ U(-A, A)} in its input current (A = 16 there; A is this rule's noise level);
 *   <li>fluctuation: {@code dx_i = x_i - xbar_i}, taken before the running average
 *       {@code xbar <- k xbar + (1 - k) x} is updated (k = 0.05);
 *   <li>eligibility: {@code e_ij += S(r_j(t-1) dx_i(t))} with the supralinear, sign-preserving
 *       {@code S(z) = z^3}. Because {@code (a b)^3 = a^3 b^3}, this is the rank-1 term
 *       {@code dx^3 (r^3)^T}, so it runs on the same SIMD kernel as every other rule;
 *   <li>update at the trial's end: {@code Delta J_ij = eta e_ij (R - Rbar)}, each element clipped to
 *       +-3e-4, with a per-trial-type baseline {@code Rbar <- 0.75 Rbar + 0.25 R}.
 * </ul>
 * The paper writes the update with an error E and a minus sign; here R is a reward, so the sign is +.
 *
 * <p>It works on the units' weights: the recurrent J and the input weights B (the postsynaptic
 * fluctuation is a unit's state; a linear readout has none).
 */
public final class MiconiPerturbation extends TraceRule {

    /**
     * Miconi's constants.
     *
     * @param probability       chance per unit per tick of a kick, in (0, 1]
     * @param averageKeep       k of the running average {@code xbar <- k xbar + (1 - k) x}, in [0, 1)
     * @param clip              largest change of one weight in one update, &gt; 0
     */
    public record Settings(double probability, float averageKeep, float clip) {

        public Settings {
            if (!(probability > 0 && probability <= 1)) {
                throw new IllegalArgumentException("miconi.probability = " + probability + " is out of range: expected 0 < p <= 1");
            }
            if (!(averageKeep >= 0f && averageKeep < 1f)) {
                throw new IllegalArgumentException("miconi.averageKeep = " + averageKeep + " is out of range: expected 0 <= k < 1");
            }
            if (!(clip > 0f)) {
                throw new IllegalArgumentException("miconi.clip = " + clip + " is out of range: expected a number > 0");
            }
        }

        /** The paper's values: p = 0.003, k = 0.05, clip 3e-4. */
        public static Settings paper() {
            return new Settings(0.003, 0.05f, 3e-4f);
        }
    }

    private final Settings settings;
    private final float[] state;
    private final float[] kicks;
    private final float[] average;
    private final float[] fluctuation;
    private final double logMiss;
    private final int n;
    private final SplittableRandom random;
    private boolean averagePrimed;

    /**
     * @param network the network whose recurrent and/or input weights learn
     * @param plastic a subset of {RECURRENT, INPUT}
     */
    public MiconiPerturbation(RateNetwork network, Set<WeightGroup> plastic, Timing timing, RewardBaseline baseline,
            LearningControls controls, Settings settings, long seed) {
        super(unitLayers(network, plastic), timing, baseline, controls, settings.clip(), network.kernels());
        this.settings = settings;
        this.n = network.size();
        this.state = network.state();
        this.kicks = new float[n];
        this.average = new float[n];
        this.fluctuation = new float[n];
        this.logMiss = Math.log1p(-settings.probability());
        this.random = new SplittableRandom(seed);
        for (int l = 0; l < layers.length; l++) {
            post[l] = fluctuation;
            alpha[l] = 1f;
        }
    }

    private static List<PlasticLayer> unitLayers(RateNetwork network, Set<WeightGroup> plastic) {
        if (plastic.contains(WeightGroup.READOUT) || plastic.contains(WeightGroup.BIAS)) {
            throw new IllegalArgumentException("Miconi's rule learns the units' weights (recurrent, input); "
                    + "its fluctuation is a unit's state, which a readout does not have");
        }
        return PlasticLayer.of(network, plastic);
    }

    @Override
    public String name() {
        return "miconi";
    }

    public Settings settings() {
        return settings;
    }

    @Override
    public void beginEpisode(int context) {
        super.beginEpisode(context);
        averagePrimed = false;
    }

    /** This tick's kicks, for the step to add to the units' currents. */
    @Override
    public float[] unitNoise() {
        return tickEnabled ? kicks : null;
    }

    @Override
    void perturb() {
        // -0 is the exact additive identity (+0 is not, for a current of -0): an unkicked unit's current stays as it is
        java.util.Arrays.fill(kicks, -0f);
        float amplitude = controls.noise();
        if (amplitude == 0f) {
            return;
        }
        // Geometric gaps between kicked units: about p N draws per tick instead of N.
        int i = nextGap();
        while (i < n) {
            kicks[i] = (float) (amplitude * (2 * random.nextDouble() - 1));
            i += 1 + nextGap();
        }
    }

    private int nextGap() {
        if (logMiss == Double.NEGATIVE_INFINITY) { // p = 1: every unit
            return 0;
        }
        double gap = Math.floor(Math.log(1 - random.nextDouble()) / logMiss);
        return gap >= n ? n : (int) gap;
    }

    @Override
    boolean measure() {
        if (!averagePrimed) {
            System.arraycopy(state, 0, average, 0, n); // a first fluctuation against 0 would be the whole state
            averagePrimed = true;
        }
        float keep = settings.averageKeep();
        for (int i = 0; i < n; i++) {
            float dx = state[i] - average[i];
            fluctuation[i] = dx * dx * dx;
            average[i] = keep * average[i] + (1f - keep) * state[i];
        }
        for (PlasticLayer layer : layers) {
            float[] pre = layer.pre; // a snapshot taken before the step: cube it in place
            for (int j = 0; j < layer.cols; j++) {
                float v = pre[j];
                pre[j] = v * v * v;
            }
        }
        return true;
    }
}
