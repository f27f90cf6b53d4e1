package org.neurorig.learning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.neurorig.kernel.Kernels;
import org.neurorig.kernel.Nonlinearity;
import org.neurorig.network.BernoulliNetwork;
import org.neurorig.network.NetworkConfig;
import org.neurorig.network.RateNetwork;

/**
 * The perturbation rules follow the gradient: on a small network with a known differentiable
 * objective, the mean of many single-episode updates, taken at fixed weights, is the true gradient of
 * the expected reward, in direction (cosine at least 0.9) and in size (within 10%). The true gradient
 * comes from the model-based adjoint (itself checked against finite differences in
 * {@link ModelBasedGradientTest}), and for REINFORCE from exact enumeration of every trajectory of a
 * tiny stochastic network, differentiated by finite differences, so it owes nothing to the
 * score-function identity under test. Online node perturbation is also checked against the objective
 * it follows with a running baseline, which is not the return.
 *
 * <p>Sample counts are stated in each test. The seeds are fixed, so every run computes the same
 * figures; the counts were chosen so that both bounds hold with margin, not by a hair.
 */
class UnbiasednessTest {

    private static final int T = 10;
    private static final Set<WeightGroup> ALL = EnumSet.of(WeightGroup.READOUT, WeightGroup.RECURRENT, WeightGroup.INPUT);

    /** An 8-unit network with 2 inputs and 1 readout; objective R = -sum_t (z_t - target_t)^2 over 10 ticks. */
    private static RateNetwork network() {
        NetworkConfig c = NetworkConfig.of(8).withInputs(2).withOutputs(1).withG(1.2).withTiming(0.01, 0.03)
                .withPhi(Nonlinearity.TANH).withSeed(12);
        RateNetwork net = new RateNetwork(c, Kernels.best());
        SplittableRandom r = new SplittableRandom(13);
        for (int i = 0; i < 8; i++) {
            net.readoutWeights()[i] = (float) (r.nextGaussian() / Math.sqrt(8));
        }
        return net;
    }

    private static float input(int t, int q) {
        return (float) (q == 0 ? Math.sin(0.6 * t) : 0.5);
    }

    private static float target(int t) {
        return (float) (0.3 * Math.cos(0.5 * t));
    }

    /** The target of every tick: a slow cosine the network's readout is asked to follow. */
    private static float[] target() {
        float[] y = new float[T];
        for (int t = 0; t < T; t++) {
            y[t] = target(t);
        }
        return y;
    }

    /** The true gradient dE[R]/dw at zero noise of R = -sum_t (z_t - target_t)^2. */
    private static double[] trueGradient(RateNetwork net) {
        double[] each = new double[T];
        java.util.Arrays.fill(each, 1);
        return gradient(net, target(), each);
    }

    /**
     * The gradient at zero noise of {@code R = -sum_t c_t (z_t - y_t)^2}, by the model-based adjoint
     * ({@code R = -2 L} with {@code L = sum_t c_t (z_t - y_t)^2 / 2}).
     */
    private static double[] gradient(RateNetwork net, float[] y, double[] c) {
        NetworkModel m = new NetworkModel(net, T);
        m.reset();
        double[] u = new double[2];
        for (int t = 0; t < T; t++) {
            u[0] = input(t, 0);
            u[1] = input(t, 1);
            m.forwardStep(u);
        }
        m.beginBackward();
        double[] adj = new double[1];
        for (int t = T - 1; t >= 0; t--) {
            adj[0] = c[t] * (m.readout(t)[0] - y[t]);
            m.backwardStep(t, adj, null);
        }
        return concat(scaled(m.readoutGradient(), -2), scaled(m.recurrentGradient(), -2), scaled(m.inputGradient(), -2));
    }

    /** One episode of the rule on the network; the reward of a tick judges the (perturbed) readout. */
    private static void episode(RateNetwork net, ThreeFactorRule rule) {
        episode(net, rule, target());
    }

    private static void episode(RateNetwork net, ThreeFactorRule rule, float[] y) {
        net.resetState();
        rule.beginEpisode();
        for (int t = 0; t < T; t++) {
            net.input()[0] = input(t, 0);
            net.input()[1] = input(t, 1);
            rule.beforeStep();
            net.step(rule.unitNoise());
            rule.afterStep();
            float d = rule.action(net.readout())[0] - y[t];
            rule.reward(-d * d);
        }
        rule.endEpisode();
    }

    /** The mean weight change of {@code samples} episodes, each from the same starting weights. */
    private static double[] meanUpdate(RateNetwork net, ThreeFactorRule rule, int samples, int episodesPerSample) {
        Updates updates = new Updates(net.readoutWeights(), net.recurrentWeights(), net.inputWeights());
        for (int s = 0; s < samples; s++) {
            for (int e = 0; e < episodesPerSample; e++) {
                episode(net, rule);
            }
            updates.addAndRestore();
        }
        return updates.sum;
    }

    /** Sums the change of some live weight arrays since they were captured, then puts them back. */
    private static final class Updates {
        final float[][] live;
        final float[][] start;
        final double[] sum;

        Updates(float[]... live) {
            this.live = live;
            this.start = new float[live.length][];
            int n = 0;
            for (int g = 0; g < live.length; g++) {
                start[g] = live[g].clone();
                n += live[g].length;
            }
            this.sum = new double[n];
        }

        void addAndRestore() {
            int k = 0;
            for (int g = 0; g < live.length; g++) {
                for (int i = 0; i < live[g].length; i++) {
                    sum[k++] += (double) live[g][i] - start[g][i];
                }
                System.arraycopy(start[g], 0, live[g], 0, live[g].length);
            }
        }
    }

    @Test
    void nodePerturbationFollowsTheGradient() {
        RateNetwork net = network();
        double[] truth = trueGradient(net);
        NodePerturbation np = NodePerturbation.forNetwork(net, ALL, Timing.episodic(), RewardBaseline.running(0.9f),
                new LearningControls(1f, 0.05f), 1);
        double[] mean = meanUpdate(net, np, 4000, 1);
        assertEstimates("node perturbation", mean, 4000, truth);
    }

    /**
     * Online, lambda = 1: a reward every tick, {@code Delta w = eta (r_t - b_t) e_t}, each tick's reward
     * credited to all the noise before it. With a baseline per tick of the episode, learned from earlier
     * episodes, the mean update is the gradient of the expected return, in direction and size.
     *
     * <p>The rate is small so that the weights barely move within an episode and the mean update is
     * taken at the starting weights; what a large one does: {@link
     * #aLargeOnlineRateBendsTheEstimateInProportionToThePredictionError}.
     */
    @Test
    void onlineNodePerturbationWithAPerStepBaselineFollowsTheGradient() {
        RateNetwork net = network();
        double[] mean = onlineMeanUpdate(net, Timing.online(1f), RewardBaseline.perStep(1, T, 0.9f), 1e-5f, 8000, 2);
        assertEstimates("online node perturbation, per-step baseline", mean, 8000, trueGradient(net));
    }

    /**
     * The same with the updates applied 4 ticks at a time (after ticks 4, 8 and at the episode's end):
     * the steps within a block run on the block's starting weights (its own seed, so its own samples).
     */
    @Test
    void onlineNodePerturbationUpdatingEvery4TicksFollowsTheGradient() {
        RateNetwork net = network();
        double[] mean = onlineMeanUpdate(net, Timing.online(1f).updatingEvery(4), RewardBaseline.perStep(1, T, 0.9f),
                1e-5f, 8000, 3);
        assertEstimates("online node perturbation every 4 ticks, per-step baseline", mean, 8000, trueGradient(net));
    }

    /**
     * A running baseline updated at every tick holds this episode's earlier rewards, which depend on
     * the noise the trace still holds: with lambda = 1 and decay d, reward k keeps only d^(T-1-k) of
     * its credit, so the rule follows the gradient of {@code sum_k d^(T-1-k) r_k}
     * ({@link RewardBaseline}). The test checks both sides: the estimate is that objective's gradient,
     * and it is not the return's (too short by a third here, the discounted weights' mean).
     */
    @Test
    void onlineNodePerturbationWithARunningBaselineFollowsADiscountedReturn() {
        RateNetwork net = network();
        float decay = 0.9f;
        double[] mean = onlineMeanUpdate(net, Timing.online(1f), RewardBaseline.running(decay), 1e-5f, 8000, 2);
        double[] discounted = new double[T];
        for (int k = 0; k < T; k++) {
            discounted[k] = Math.pow(decay, T - 1 - k);
        }
        assertEstimates("online node perturbation, running baseline, vs the discounted return", mean, 8000,
                gradient(net, target(), discounted));
        double[] truth = trueGradient(net);
        double ratio = norm(mean) / 8000 / norm(truth);
        System.out.printf("  the same vs the return: cosine %.4f, |estimate| / |gradient| %.3f%n", cosine(mean, truth), ratio);
        assertTrue(ratio < 0.8, "a running per-tick baseline should shorten the estimate of the return's gradient: "
                + "|estimate| / |gradient| = " + ratio);
    }

    /**
     * What the learning rate does online: each tick's update moves the weights within the episode, so
     * the episode's later terms are taken at weights its own earlier noise has moved, by
     * {@code eta M e}. How far depends on the prediction error M: with the per-step baseline M is the
     * noise's own effect on the reward, small, and at eta = 1e-3 (eta / sigma^2 = 0.4) the mean update
     * is still the gradient at the starting weights; without a baseline M is the whole reward and the
     * same rate turns the estimate away from the gradient. (A running baseline sits between: its lag
     * adds to M.)
     */
    @Test
    void aLargeOnlineRateBendsTheEstimateInProportionToThePredictionError() {
        RateNetwork net = network();
        double[] truth = trueGradient(net);
        double[] perStep = onlineMeanUpdate(net, Timing.online(1f), RewardBaseline.perStep(1, T, 0.9f), 1e-3f, 8000, 2);
        assertEstimates("online node perturbation at eta 1e-3, per-step baseline", perStep, 8000, truth);
        double[] raw = onlineMeanUpdate(net, Timing.online(1f), RewardBaseline.none(), 1e-3f, 8000, 2);
        double rawCos = cosine(raw, truth);
        System.out.printf("online node perturbation at eta 1e-3, no baseline: cosine %.4f, |estimate| / |gradient| %.3f%n",
                rawCos, norm(raw) / 8000 / norm(truth));
        assertTrue(rawCos < 0.5, "without a baseline, a rate that moves the weights by eta r e within the episode should "
                + "bend the estimate away from the gradient: cosine " + rawCos);
    }

    /**
     * The mean of {@code samples} online episodes' updates, each from the same starting weights,
     * divided by eta: an estimate of the gradient the rule follows. The target is {@link #target()}.
     */
    private static double[] onlineMeanUpdate(RateNetwork net, Timing timing, RewardBaseline baseline, float eta,
            int samples, long seed) {
        NodePerturbation np = NodePerturbation.forNetwork(net, ALL, timing, baseline, new LearningControls(eta, 0.05f), seed);
        double[] mean = meanUpdate(net, np, samples, 1);
        return scaled(mean, 1.0 / eta);
    }

    @Test
    void oneSidedWeightPerturbationFollowsTheGradient() {
        RateNetwork net = network();
        double[] truth = trueGradient(net);
        WeightPerturbation wp = WeightPerturbation.forNetwork(net, ALL, false, WeightPerturbation.Distribution.BINARY,
                RewardBaseline.running(0.9f), new LearningControls(1f, 0.01f), 3);
        double[] mean = meanUpdate(net, wp, 6000, 1);
        assertEstimates("one-sided weight perturbation", mean, 6000, truth);
    }

    @Test
    void twoSidedWeightPerturbationFollowsTheGradient() {
        RateNetwork net = network();
        double[] truth = trueGradient(net);
        WeightPerturbation wp = WeightPerturbation.forNetwork(net, ALL, true, WeightPerturbation.Distribution.GAUSSIAN,
                RewardBaseline.none(), new LearningControls(1f, 0.01f), 4);
        double[] mean = meanUpdate(net, wp, 3000, 2);
        assertEstimates("two-sided weight perturbation", mean, 3000, truth);
    }

    /**
     * The sum of {@code samples} updates at eta = 1 estimates {@code samples} times the gradient: its
     * direction (cosine at least 0.9) and its length (within 10%, so a score scaled by 1/sigma instead of
     * 1/sigma^2 fails by far).
     */
    private static void assertEstimates(String rule, double[] sum, int samples, double[] gradient) {
        double cos = cosine(sum, gradient);
        double ratio = norm(sum) / samples / norm(gradient);
        System.out.printf("%s: cosine %.4f, |estimate| / |gradient| %.3f over %d samples%n", rule, cos, ratio, samples);
        assertTrue(cos >= 0.9, rule + ": cosine(mean update, gradient) = " + cos + " over " + samples + " samples");
        assertEquals(1.0, ratio, 0.1, rule + ": |mean update| / |gradient| over " + samples + " samples");
    }

    // ---- REINFORCE: exact expectation over every trajectory of a 3-unit network, 3 ticks ----

    private static final int RN = 3;
    private static final int RT = 3;
    private static final float[] R_INPUT = {1f, -1f, 0.5f};

    private static float reinforceReward(float[][] y) {
        float r = 0;
        for (int t = 0; t < RT; t++) {
            r += y[t][0] + 0.5f * y[t][1] - y[t][2];
        }
        return r + 2 * y[RT - 1][0] * y[RT - 2][1];
    }

    /** E[R] by summing P(trajectory) R(trajectory) over all 2^(3 * 3) trajectories, in double. */
    private static double expectedReward(double[] w, double[] u, double[] b) {
        double total = 0;
        float[][] y = new float[RT][RN];
        for (int code = 0; code < 1 << (RN * RT); code++) {
            double p = 1;
            double[] prev = new double[RN];
            for (int t = 0; t < RT; t++) {
                for (int i = 0; i < RN; i++) {
                    double s = b[i] + u[i] * R_INPUT[t];
                    for (int j = 0; j < RN; j++) {
                        s += w[i * RN + j] * prev[j];
                    }
                    double pi = 1 / (1 + Math.exp(-s));
                    int yi = (code >> (t * RN + i)) & 1;
                    y[t][i] = yi;
                    p *= yi == 1 ? pi : 1 - pi;
                }
                for (int i = 0; i < RN; i++) {
                    prev[i] = y[t][i];
                }
            }
            total += p * reinforceReward(y);
        }
        return total;
    }

    @Test
    void reinforceFollowsTheExactGradientOfTheExpectedReward() {
        BernoulliNetwork net = new BernoulliNetwork(RN, 1, 1.5, 21, Kernels.best());
        for (int i = 0; i < RN; i++) {
            net.bias()[i] = 0.3f * (i - 1);
        }
        double[][] params = {toDouble(net.weights()), toDouble(net.inputWeights()), toDouble(net.bias())};
        double[] truth = new double[RN * RN + RN + RN];
        int k = 0;
        double h = 1e-5;
        for (double[] group : params) {
            for (int i = 0; i < group.length; i++) {
                double keep = group[i];
                group[i] = keep + h;
                double plus = expectedReward(params[0], params[1], params[2]);
                group[i] = keep - h;
                double minus = expectedReward(params[0], params[1], params[2]);
                group[i] = keep;
                truth[k++] = (plus - minus) / (2 * h);
            }
        }
        Reinforce rule = new Reinforce(net, EnumSet.of(WeightGroup.RECURRENT, WeightGroup.INPUT, WeightGroup.BIAS),
                Timing.episodic(), RewardBaseline.running(0.9f), new LearningControls(1f, 0f), Kernels.best());
        Updates updates = new Updates(net.weights(), net.inputWeights(), net.bias());
        float[][] y = new float[RT][RN];
        int samples = 20_000;
        for (int s = 0; s < samples; s++) {
            net.resetUnits();
            rule.beginEpisode();
            for (int t = 0; t < RT; t++) {
                net.input()[0] = R_INPUT[t];
                rule.beforeStep();
                net.step();
                rule.afterStep();
                System.arraycopy(net.units(), 0, y[t], 0, RN);
            }
            rule.reward(reinforceReward(y));
            rule.endEpisode();
            updates.addAndRestore();
        }
        assertEstimates("REINFORCE vs the exact gradient", updates.sum, samples, truth);
    }

    // ---- helpers ----

    static double cosine(double[] a, double[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        return dot / (norm(a) * norm(b));
    }

    static double norm(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v * v;
        }
        return Math.sqrt(s);
    }

    private static double[] toDouble(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }

    private static double[] scaled(double[] a, double f) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i] * f;
        }
        return d;
    }

    private static double[] concat(double[]... parts) {
        int n = 0;
        for (double[] p : parts) {
            n += p.length;
        }
        double[] d = new double[n];
        int k = 0;
        for (double[] p : parts) {
            System.arraycopy(p, 0, d, k, p.length);
            k += p.length;
        }
        return d;
    }
}
