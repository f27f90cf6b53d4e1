package org.neurorig.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.LongFunction;
import org.neurorig.control.EpisodeRecorder;
import org.neurorig.control.NetworkController;
import org.neurorig.device.Plant;
import org.neurorig.learning.ModelBasedGradient;
import org.neurorig.learning.NetworkModel;
import org.neurorig.loop.ActuatorLimits;
import org.neurorig.loop.LockstepEpisodes;
import org.neurorig.network.RateNetwork;
import org.neurorig.plant.CartPole;
import org.neurorig.plant.DifferentiableCartPole;

/**
 * How far the model's gradient points where the hardware's does, at given readout weights: the cosine
 * between learner S's direction of steepest ascent of the {@link Objective}'s return on the nominal
 * model and the gradient of the same return on the hardware, both averaged over episodes of
 * {@code horizon} ticks from CartPole-v1's starts. Near 1 the model says what the hardware would;
 * near 0 its gradient is no guide there; below 0 it points the wrong way.
 *
 * <ul>
 *   <li>The model's gradient m of the mean loss (minus the return) over K starts, by backpropagation
 *       through time ({@link ModelBasedGradient}), one start at a time.</li>
 *   <li>The hardware's gradient g of the mean return by two-sided weight perturbation with common random
 *       numbers: pair i draws a start s_i, a direction e_i ~ N(0, I) and a noise seed n_i, and runs
 *       w + sigma e_i and w - sigma e_i from s_i, each on a new hardware seeded n_i, through the control
 *       loop with learning off; g_i = (J+ - J-) / (2 sigma) e_i.</li>
 *   <li>The cosine between -m and g. The squared norm of a mean of noisy vectors is biased upward by
 *       their variance (in 200 dimensions, by a lot), so both norms are estimated without that bias:
 *       {@code |g|^2 = (|sum g_i|^2 - sum |g_i|^2) / (P (P - 1))}, the mean of g_i . g_j over distinct
 *       pairs, and the same for m over its K starts. The dot product of the two independent means needs
 *       no correction.</li>
 *   <li>Its standard error: the delete-one jackknife over the hardware's pairs (m fixed) and over the
 *       model's starts (g fixed), the two variances added, since the two samples are independent. The
 *       jackknife errs on the large side here, so the target is met a little later than it need be.</li>
 * </ul>
 * Samples are added in blocks until the standard error is below the target or both caps are hit: pairs,
 * or model starts when the model's share of the variance is the larger (away from a cosine of +-1 the
 * direction of a noisy m matters as much as g's). The cosine is NaN while either corrected norm is not
 * positive (the noise still hides the gradient). Being a ratio of noisy norms it is not unbiased: on the
 * ideal plant, where the truth is 1, it comes out slightly above 1, by less than its standard error,
 * and the excess shrinks as pairs are added.
 *
 * <p>Where the pole falls within the horizon the return jumps with the tick of the fall, and the
 * hardware's difference sees those jumps while the model's gradient (of a rollout stopped at the fall)
 * does not; the hardware's gradient is then the larger, and depends on sigma.
 *
 * <p>Single-threaded, plain loops: a caller runs one measurement per task on its own pool.
 */
final class GradientAgreement {

    /**
     * How many samples of one kind to take: {@code first}, then {@code block} at a time, at most {@code max}.
     *
     * @param first samples before the first check of the standard error, at least 3
     * @param block samples added per round
     * @param max   the cap
     */
    record Budget(int first, int block, int max) {

        Budget {
            if (first < 3 || block < 1 || max < first) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "gradient agreement budget: first %d, block %d, max %d: expected first >= 3, block >= 1, max >= first",
                        first, block, max));
            }
        }
    }

    /**
     * @param horizon     ticks per episode, on the model and on the hardware (an episode stops earlier at a fall)
     * @param sigma       the weight perturbation's size (standard deviation per weight)
     * @param model       the model's rollouts (starts)
     * @param hardware    the hardware's pairs
     * @param targetError the standard error at which to stop
     */
    record Settings(int horizon, double sigma, Budget model, Budget hardware, double targetError) {

        Settings {
            if (horizon < 1 || !(sigma > 0) || !(targetError > 0)) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "gradient agreement: horizon %d, sigma %g, "
                        + "target error %g: expected horizon >= 1, sigma and target > 0", horizon, sigma, targetError));
            }
        }

        /**
         * Episodes of S's horizon. Sigma is small enough that the two-sided difference measures the local
         * gradient (on the ideal plant the cosine comes out near 1, and does not move when sigma is a
         * third or three times this), and large enough that the float network's rounding does not swamp
         * the difference.
         */
        static Settings defaults() {
            return new Settings(200, 0.01, new Budget(64, 16, 1024), new Budget(128, 64, 4096), 0.05);
        }

        String describe() {
            return String.format(Locale.ROOT, "episodes of %d ticks from CartPole-v1 starts; model: %d to %d rollouts; hardware: "
                    + "two-sided weight perturbation, sigma %.3g, %d to %d pairs; until the standard error is below %.3g",
                    horizon, model.first(), model.max(), sigma, hardware.first(), hardware.max(), targetError);
        }
    }

    /**
     * @param cosine          between the model's ascent direction -m and the hardware's gradient g (NaN: undetermined)
     * @param standardError   its standard error (NaN when undetermined)
     * @param modelError      the part of the standard error that is the model's sampling ({@code modelStarts})
     * @param modelStarts     rollouts run on the model
     * @param pairs           weight-perturbation pairs run on the hardware
     * @param modelNorm       |m|, without the sampling bias (NaN when not positive)
     * @param hardwareNorm    |g|, without the sampling bias (NaN when not positive)
     * @param modelReturn     the mean return on the model (minus the mean loss)
     * @param hardwareReturn  the mean return on the hardware over every perturbed episode
     * @param modelFalls      fraction of the model's rollouts that ended in a fall
     * @param hardwareFalls   fraction of the hardware's episodes that ended in a fall
     * @param modelSeconds    wall time of the model's gradient
     * @param seconds         wall time of the measurement, the model's included
     */
    record Result(double cosine, double standardError, double modelError, int modelStarts, int pairs, double modelNorm,
            double hardwareNorm, double modelReturn, double hardwareReturn, double modelFalls, double hardwareFalls,
            double modelSeconds, double seconds) {

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "cosine %.3f +- %.3f (model's part %.3f; %d starts, %d pairs; %.1f s, model %.1f s); "
                    + "|m| %.3g |g| %.3g; return on the model %.1f, on the hardware %.1f; falls %.0f%% / %.0f%%", cosine,
                    standardError, modelError, modelStarts, pairs, seconds, modelSeconds, modelNorm, hardwareNorm, modelReturn,
                    hardwareReturn, 100 * modelFalls, 100 * hardwareFalls);
        }
    }

    private final ControllerDesign design;
    private final Objective objective;
    private final Settings settings;

    GradientAgreement(ControllerDesign design, Objective objective, Settings settings) {
        this.design = design;
        this.objective = objective;
        this.settings = settings;
    }

    /** Measures the agreement at readout {@code weights} of a seed's reservoir on {@code condition}'s hardware. */
    Result measure(float[] weights, Condition condition, SeedPlan seeds) {
        return measure(weights, seeds.networkSeed(), condition::hardware, seeds.derive(condition, Learner.S, "gradient agreement"));
    }

    /**
     * Measures the agreement at readout {@code weights} of the reservoir seeded {@code networkSeed}.
     *
     * @param hardware a new hardware instance for each noise seed
     * @param seed     seeds the starts, the directions and the hardware's noise
     */
    Result measure(float[] weights, long networkSeed, LongFunction<Plant> hardware, long seed) {
        if (weights.length != design.units()) {
            throw new IllegalArgumentException("readout of " + weights.length + " weights for a network of " + design.units() + " units");
        }
        long start = System.nanoTime();
        SplittableRandom random = new SplittableRandom(seed);
        ModelSample model = new ModelSample(weights, networkSeed, random.split());
        HardwareSample pairs = new HardwareSample(weights, networkSeed, hardware, random.split());
        Budget mb = settings.model();
        Budget hb = settings.hardware();
        model.add(mb.first());
        pairs.add(hb.first());
        Estimate e = estimate(model.gradients, pairs.gradients);
        while (!(e.standardError < settings.targetError()) && (model.count() < mb.max() || pairs.count() < hb.max())) {
            // the sample with the larger share of the variance grows; an undetermined cosine needs more pairs first
            boolean modelFirst = e.modelError > e.hardwareError();
            if (modelFirst && model.count() < mb.max() || pairs.count() >= hb.max()) {
                model.add(Math.min(mb.block(), mb.max() - model.count()));
            } else {
                pairs.add(Math.min(hb.block(), hb.max() - pairs.count()));
            }
            e = estimate(model.gradients, pairs.gradients);
        }
        return new Result(e.cosine, e.standardError, e.modelError, model.count(), pairs.count(), e.modelNorm, e.hardwareNorm,
                -model.loss / model.count(), pairs.returns / (2.0 * pairs.count()), model.falls / (double) model.count(),
                pairs.falls / (2.0 * pairs.count()), model.nanos / 1e9, (System.nanoTime() - start) / 1e9);
    }

    /** The model's per-start gradients of the loss with respect to the readout. */
    private final class ModelSample {
        private final SplittableRandom random;
        private final NetworkModel network;
        private final DifferentiableCartPole plant = new DifferentiableCartPole(ControllerDesign.PLANT);
        private final ModelBasedGradient gradient;
        private final List<double[]> gradients = new ArrayList<>();
        private final double[] start = new double[CartPole.STATE_SIZE];
        private double loss;
        private int falls;
        private long nanos;

        ModelSample(float[] weights, long networkSeed, SplittableRandom random) {
            this.random = random;
            RateNetwork copy = design.network(networkSeed);
            System.arraycopy(weights, 0, copy.readoutWeights(), 0, weights.length);
            this.network = new NetworkModel(copy, settings.horizon());
            this.gradient = new ModelBasedGradient(network, plant, ControllerDesign.SENSOR_SCALE, ControllerDesign.COMMAND_SCALE,
                    objective.cost(), true);
        }

        int count() {
            return gradients.size();
        }

        void add(int starts) {
            long t0 = System.nanoTime();
            for (int k = 0; k < starts; k++) {
                CartPole.drawInitialState(ControllerDesign.PLANT, random, start);
                loss += gradient.rollout(start);
                falls += plant.terminal(gradient.plantState(gradient.ticks() - 1)) ? 1 : 0;
                gradient.backward();
                gradients.add(network.readoutGradient().clone());
            }
            nanos += System.nanoTime() - t0;
        }
    }

    /** The hardware's per-pair gradients of the return, g_i. */
    private final class HardwareSample {
        private final float[] weights;
        private final LongFunction<Plant> hardware;
        private final SplittableRandom random;
        private final RateNetwork network;
        private final NetworkController controller;
        private final List<double[]> gradients = new ArrayList<>();
        private final double[] start = new double[CartPole.STATE_SIZE];
        private double returns;
        private int falls;

        HardwareSample(float[] weights, long networkSeed, LongFunction<Plant> hardware, SplittableRandom random) {
            this.weights = weights.clone();
            this.hardware = hardware;
            this.random = random;
            this.network = design.network(networkSeed);
            this.controller = new NetworkController(network, ControllerDesign.SCALING);
        }

        int count() {
            return gradients.size();
        }

        void add(int pairs) {
            double sigma = settings.sigma();
            for (int p = 0; p < pairs; p++) {
                CartPole.drawInitialState(ControllerDesign.PLANT, random, start);
                double[] e = new double[weights.length];
                for (int j = 0; j < e.length; j++) {
                    e[j] = random.nextGaussian();
                }
                long noise = random.nextLong();
                double slope = (episode(e, sigma, noise) - episode(e, -sigma, noise)) / (2 * sigma);
                for (int j = 0; j < e.length; j++) {
                    e[j] *= slope;
                }
                gradients.add(e);
            }
        }

        /** The return of one episode at {@code w + step e} from the pair's start, on a new hardware seeded {@code noise}. */
        private double episode(double[] e, double step, long noise) {
            float[] w = network.readoutWeights();
            for (int j = 0; j < w.length; j++) {
                w[j] = (float) (weights[j] + step * e[j]);
            }
            network.resetState();
            try (LockstepEpisodes loop = new LockstepEpisodes(hardware.apply(noise), new EpisodeRecorder(controller),
                    objective.task(), settings.horizon(), state -> System.arraycopy(start, 0, state, 0, state.length),
                    ActuatorLimits.symmetric(ControllerDesign.COMMAND_SCALE))) {
                LockstepEpisodes.Episode episode = loop.runEpisode();
                returns += episode.episodeReturn();
                falls += episode.terminal() ? 1 : 0;
                return episode.episodeReturn();
            }
        }
    }

    private record Estimate(double cosine, double standardError, double modelError, double modelNorm, double hardwareNorm) {

        /** The hardware's part of the standard error (infinite while the cosine is undetermined). */
        double hardwareError() {
            return Double.isNaN(standardError) ? Double.POSITIVE_INFINITY
                    : Math.sqrt(Math.max(0, standardError * standardError - modelError * modelError));
        }
    }

    /**
     * The cosine from sums: {@code -(M/K) . (S/P) / sqrt(Um Ug)} with M, S the sums of the model's and the
     * hardware's per-sample gradients and Um, Ug their squared norms without the sampling bias; and the
     * jackknife over each sample with the other fixed.
     */
    private static Estimate estimate(List<double[]> model, List<double[]> hardware) {
        double[][] m = model.toArray(new double[0][]);
        double[][] g = hardware.toArray(new double[0][]);
        int k = m.length;
        int p = g.length;
        Sums ms = Sums.of(m);
        Sums hs = Sums.of(g);
        double mDotS = dot(ms.sum, hs.sum);
        double cosine = cosine(-mDotS, ms.sumSquared, ms.squares, k, hs.sumSquared, hs.squares, p);

        // delete one hardware pair: its sums less that pair's share
        double[] hardwareOut = new double[p];
        for (int i = 0; i < p; i++) {
            double gi2 = dot(g[i], g[i]);
            double sg = dot(hs.sum, g[i]);
            hardwareOut[i] = cosine(-(mDotS - dot(ms.sum, g[i])), ms.sumSquared, ms.squares, k,
                    hs.sumSquared - 2 * sg + gi2, hs.squares - gi2, p - 1);
        }
        double[] modelOut = new double[k];
        for (int i = 0; i < k; i++) {
            double[] mi = m[i];
            double mi2 = dot(mi, mi);
            double sm = dot(ms.sum, mi);
            modelOut[i] = cosine(-(mDotS - dot(mi, hs.sum)), ms.sumSquared - 2 * sm + mi2, ms.squares - mi2, k - 1,
                    hs.sumSquared, hs.squares, p);
        }
        double modelVariance = jackknifeVariance(modelOut);
        double variance = jackknifeVariance(hardwareOut) + modelVariance;
        boolean undetermined = Double.isNaN(cosine);
        return new Estimate(cosine, undetermined ? Double.NaN : Math.sqrt(variance),
                undetermined ? Double.NaN : Math.sqrt(modelVariance), unbiasedNorm(ms.sumSquared, ms.squares, k),
                unbiasedNorm(hs.sumSquared, hs.squares, p));
    }

    /** Sum of vectors, its squared norm, and the sum of their squared norms. */
    private record Sums(double[] sum, double sumSquared, double squares) {
        static Sums of(double[][] vectors) {
            double[] sum = new double[vectors[0].length];
            double squares = 0;
            for (double[] v : vectors) {
                for (int j = 0; j < sum.length; j++) {
                    sum[j] += v[j];
                }
                squares += dot(v, v);
            }
            return new Sums(sum, dot(sum, sum), squares);
        }
    }

    /** The cosine from the dot product of two sums and each sum's statistics; NaN while a corrected norm is not positive. */
    private static double cosine(double sumDot, double mSumSquared, double mSquares, int k, double gSumSquared, double gSquares,
            int p) {
        double m2 = (mSumSquared - mSquares) / ((double) k * (k - 1));
        double g2 = (gSumSquared - gSquares) / ((double) p * (p - 1));
        if (!(m2 > 0 && g2 > 0)) {
            return Double.NaN;
        }
        return sumDot / ((double) k * p) / Math.sqrt(m2 * g2);
    }

    private static double unbiasedNorm(double sumSquared, double squares, int n) {
        double v = (sumSquared - squares) / ((double) n * (n - 1));
        return v > 0 ? Math.sqrt(v) : Double.NaN;
    }

    /** {@code (n - 1)/n sum (x_i - mean)^2} over the delete-one values; NaN if any is. */
    private static double jackknifeVariance(double[] out) {
        double mean = 0;
        for (double v : out) {
            mean += v;
        }
        mean /= out.length;
        double s = 0;
        for (double v : out) {
            s += (v - mean) * (v - mean);
        }
        return (out.length - 1.0) / out.length * s;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
