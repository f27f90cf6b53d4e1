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
import org.neurorig.loop.EpisodeRunner;
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
 *       through time ({@link ModelBasedGradient}), one start at a time. It does not depend on the
 *       hardware: one {@link ModelSample} serves every hardware a seed's readout is measured on.</li>
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
 * positive (the noise still hides the gradient), and its standard error NaN while any delete-one value
 * is. Being a ratio of noisy norms it is not unbiased, and its size errs upward: on the ideal plant,
 * where the truth is 1, it comes out slightly above 1, by less than its standard error, and near -1 it
 * can come out below -1; the excess shrinks as samples are added.
 *
 * <p>Where the pole falls within the horizon the return jumps with the tick of the fall, and the
 * hardware's difference sees those jumps while the model's gradient (of a rollout stopped at the fall)
 * does not; the hardware's gradient is then the larger, and depends on sigma.
 *
 * <p>Single-threaded, plain loops: a caller runs one measurement per task on its own pool. A
 * {@link ModelSample} is immutable and may be shared between those tasks.
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
         * the difference. A model rollout (forward and backward through the whole network) costs far more
         * than a pair of episodes in the loop, so the model's cap is the lower: it bounds a measurement's
         * time where the model's share of the error stays the larger.
         */
        static Settings defaults() {
            return new Settings(200, 0.01, new Budget(64, 16, 256), new Budget(128, 64, 4096), 0.05);
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
     * @param modelSeconds    wall time of every model rollout used, the shared sample's included
     * @param seconds         wall time of this measurement (the shared model sample's not included)
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

    /**
     * S's side of a measurement at one readout: the model's per-start gradients of the loss over the
     * first starts of the model's budget. The model does not depend on the hardware, so one sample
     * serves every hardware a seed is measured on (and the cosines along an axis then share its
     * sampling error, which sharpens their differences). A measurement that needs more starts draws
     * the next ones of the same stream on its own copy, so the result does not depend on what else
     * shares the sample or in which order.
     *
     * @param weights     the readout (not to be changed)
     * @param networkSeed the reservoir's seed
     * @param seed        the seed of the starts' stream
     * @param gradients   dL/dW of each start's rollout (not to be changed)
     * @param loss        the sum of the rollouts' losses
     * @param falls       rollouts that ended in a fall
     * @param nanos       wall time of the rollouts
     */
    record ModelSample(float[] weights, long networkSeed, long seed, List<double[]> gradients, double loss, int falls,
            long nanos) {
    }

    /** Rolls out the model at readout {@code weights} from the first starts of the stream seeded {@code seed}. */
    ModelSample model(float[] weights, long networkSeed, long seed) {
        if (weights.length != design.units()) {
            throw new IllegalArgumentException("readout of " + weights.length + " weights for a network of " + design.units() + " units");
        }
        ModelRollouts rollouts = new ModelRollouts(new ModelSample(weights.clone(), networkSeed, seed, List.of(), 0, 0, 0));
        rollouts.add(settings.model().first());
        return rollouts.sample();
    }

    /** The model's sample at readout {@code weights} of a seed's reservoir, the same for every hardware of that seed. */
    ModelSample model(float[] weights, SeedPlan seeds) {
        // the nominal model is the ideal plant: its name keys the starts' stream
        return model(weights, seeds.networkSeed(), seeds.derive(Condition.on(Axis.named("delay"), 0), Learner.S, "model gradient"));
    }

    /** Measures the agreement of {@code model}'s gradient with {@code condition}'s hardware, seeded from the seed's plan. */
    Result measure(ModelSample model, Condition condition, SeedPlan seeds) {
        return measure(model, condition::hardware, seeds.derive(condition, Learner.S, "gradient agreement"));
    }

    /**
     * Measures the agreement of {@code model}'s gradient with the hardware's at the same readout.
     *
     * @param hardware a new hardware instance for each noise seed
     * @param seed     seeds the hardware's starts, directions and noise
     */
    Result measure(ModelSample model, LongFunction<Plant> hardware, long seed) {
        long start = System.nanoTime();
        ModelRollouts rollouts = new ModelRollouts(model);
        HardwareSample pairs = new HardwareSample(model.weights(), model.networkSeed(), hardware, new SplittableRandom(seed));
        Budget mb = settings.model();
        Budget hb = settings.hardware();
        pairs.add(hb.first());
        Estimate e = estimate(rollouts.gradients, pairs.gradients);
        while (!(e.standardError < settings.targetError()) && (rollouts.count() < mb.max() || pairs.count() < hb.max())) {
            // the sample with the larger share of the variance grows; an undetermined cosine needs more pairs first
            boolean modelFirst = e.modelError > e.hardwareError();
            if (modelFirst && rollouts.count() < mb.max() || pairs.count() >= hb.max()) {
                rollouts.add(Math.min(mb.block(), mb.max() - rollouts.count()));
            } else {
                pairs.add(Math.min(hb.block(), hb.max() - pairs.count()));
            }
            e = estimate(rollouts.gradients, pairs.gradients);
        }
        int k = rollouts.count();
        return new Result(e.cosine, e.standardError, e.modelError, k, pairs.count(), e.modelNorm, e.hardwareNorm,
                -rollouts.loss / k, pairs.returns / (2.0 * pairs.count()), rollouts.falls / (double) k,
                pairs.falls / (2.0 * pairs.count()), rollouts.nanos / 1e9, (System.nanoTime() - start) / 1e9);
    }

    /** A model sample that can grow: the shared gradients copied, further starts drawn on demand. */
    private final class ModelRollouts {
        private final ModelSample from;
        private final List<double[]> gradients;
        private final double[] start = new double[CartPole.STATE_SIZE];
        private final DifferentiableCartPole plant = new DifferentiableCartPole(ControllerDesign.PLANT);
        private SplittableRandom random;
        private NetworkModel network;
        private ModelBasedGradient gradient;
        private double loss;
        private int falls;
        private long nanos;

        ModelRollouts(ModelSample from) {
            this.from = from;
            this.gradients = new ArrayList<>(from.gradients());
            this.loss = from.loss();
            this.falls = from.falls();
            this.nanos = from.nanos();
        }

        int count() {
            return gradients.size();
        }

        void add(int starts) {
            long t0 = System.nanoTime();
            if (gradient == null) {
                // the model and the stream, past the starts already drawn, only when more are needed
                RateNetwork copy = design.network(from.networkSeed());
                System.arraycopy(from.weights(), 0, copy.readoutWeights(), 0, from.weights().length);
                network = new NetworkModel(copy, settings.horizon());
                gradient = new ModelBasedGradient(network, plant, ControllerDesign.SENSOR_SCALE, ControllerDesign.COMMAND_SCALE,
                        objective.cost(), true);
                random = new SplittableRandom(from.seed());
                for (int k = 0; k < gradients.size(); k++) {
                    CartPole.drawInitialState(ControllerDesign.PLANT, random, start);
                }
            }
            for (int k = 0; k < starts; k++) {
                CartPole.drawInitialState(ControllerDesign.PLANT, random, start);
                loss += gradient.rollout(start);
                falls += plant.terminal(gradient.plantState(gradient.ticks() - 1)) ? 1 : 0;
                gradient.backward();
                gradients.add(network.readoutGradient().clone());
            }
            nanos += System.nanoTime() - t0;
        }

        ModelSample sample() {
            return new ModelSample(from.weights(), from.networkSeed(), from.seed(), List.copyOf(gradients), loss, falls, nanos);
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
            try (EpisodeRunner loop = new EpisodeRunner(hardware.apply(noise), new EpisodeRecorder(controller),
                    objective.task(), settings.horizon(), state -> System.arraycopy(start, 0, state, 0, state.length),
                    ActuatorLimits.symmetric(ControllerDesign.COMMAND_SCALE))) {
                EpisodeRunner.Episode episode = loop.runEpisode();
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
