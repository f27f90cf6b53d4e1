package org.neurorig.learning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.neurorig.testing.SeedSweep;
import org.neurorig.kernel.Kernels;
import org.neurorig.network.NetworkConfig;
import org.neurorig.network.RateNetwork;

/**
 * Online rules that apply their updates K ticks at a time ({@link Timing#updatingEvery(int)}) make the
 * weights the per-tick rule makes. The forward pass here does not depend on the weights (a linear
 * layer fed fixed presynaptic vectors, rewards drawn from their own generator), so the two rules see
 * the same noise, the same inputs and the same rewards, and must end with the same weights:
 * <ul>
 *   <li>bit for bit against the per-tick rule as it was built before deferral (the trace's
 *       {@code decay()} and fused {@code accumulateAndAddTo} every tick);
 *   <li>within float rounding against the definition in double precision,
 *       {@code e_t = lambda e_(t-1) + xi_t x_t^T / sigma^2}, {@code W += eta (r_t - rbar_t) e_t}.
 * </ul>
 */
class DeferredUpdatesTest {

    private static final int ROWS = 5;
    private static final int COLS = 7;
    private static final float SIGMA = 0.3f;
    private static final float ETA = 0.01f;

    @TempDir
    Path dir;

    /** The per-tick rule, written with the trace's tick-by-tick methods, and the definition in doubles. */
    private static final class PerTickReference {
        final EligibilityTrace trace;
        final RewardBaseline baseline = RewardBaseline.running(0.9f);
        final float[] w;
        final double[] eExact = new double[ROWS * COLS];
        final double[] wExact;
        final float lambda;

        PerTickReference(float[] w0, float lambda) {
            this.trace = new EligibilityTrace(ROWS, COLS, lambda, Kernels.best());
            this.w = w0.clone();
            this.wExact = new double[w0.length];
            for (int k = 0; k < w0.length; k++) {
                wExact[k] = w0[k];
            }
            this.lambda = lambda;
        }

        void beginEpisode() {
            trace.clear();
            java.util.Arrays.fill(eExact, 0);
        }

        /** One enabled tick: decay, this tick's term, and the update when a reward came. */
        void tick(float[] xi, float[] x, boolean rewarded, float r) {
            trace.decay();
            float beta = rewarded ? ETA * baseline.predictionError(0, r) : 0f;
            float score = 1f / (SIGMA * SIGMA);
            if (beta != 0f) {
                trace.accumulateAndAddTo(score, xi, x, w, beta);
            } else {
                trace.accumulate(score, xi, x);
            }
            for (int i = 0; i < ROWS; i++) {
                for (int j = 0; j < COLS; j++) {
                    int k = i * COLS + j;
                    eExact[k] = lambda * eExact[k] + (double) xi[i] * x[j] / ((double) SIGMA * SIGMA);
                    wExact[k] += beta * eExact[k];
                }
            }
        }
    }

    /**
     * With nothing pending the weights are the per-tick rule's, to the bit; with ticks pending they are
     * still those of the last update (they change only when a block is applied).
     */
    private static void checkWeights(NodePerturbation rule, PerTickReference ref, float[] w, float[] atLastUpdate, int k,
            String where) {
        int pending = rule.pendingTicks();
        assertTrue(pending <= k, "K=" + k + ": " + pending + " ticks pending at " + where);
        if (pending == 0) {
            assertArrayEquals(ref.w, w, "K=" + k + ": weights at " + where);
            System.arraycopy(w, 0, atLastUpdate, 0, w.length);
        } else {
            assertArrayEquals(atLastUpdate, w, "K=" + k + ": weights moved between updates, at " + where);
        }
    }

    /**
     * With {@link Timing#spread()}: with nothing pending the weights are the per-tick rule's, to the
     * bit; otherwise each row is that rule's row as it was at most 2K ticks ago ({@code history} holds
     * its weights after each of the last ticks, newest first).
     */
    private static void checkSpreadWeights(NodePerturbation rule, PerTickReference ref, float[] w,
            java.util.ArrayDeque<float[]> history, int k, String where) {
        int pending = rule.pendingTicks();
        assertTrue(pending <= 2 * k, "K=" + k + ": " + pending + " ticks pending at " + where);
        if (pending == 0) {
            assertArrayEquals(ref.w, w, "K=" + k + " spread: weights at " + where);
            return;
        }
        for (int i = 0; i < ROWS; i++) {
            boolean found = false;
            for (float[] then : history) {
                found |= java.util.Arrays.equals(w, i * COLS, (i + 1) * COLS, then, i * COLS, (i + 1) * COLS);
            }
            assertTrue(found, "K=" + k + " spread: row " + i + " is none of the per-tick rule's last " + history.size()
                    + " rows, at " + where);
        }
    }

    private static float[] initialWeights() {
        float[] w = new float[ROWS * COLS];
        SplittableRandom r = new SplittableRandom(4);
        for (int k = 0; k < w.length; k++) {
            w[k] = (float) r.nextGaussian();
        }
        return w;
    }

    /**
     * 300 ticks in three episodes, with learning switched off for ticks 100 to 104 and a reward missing
     * at every 13th tick. lambda = 0.7 crosses the trace's renormalization (every 39 ticks) inside blocks,
     * lambda = 0 clears the trace every tick, lambda = 1 never decays; K = 5 leaves partial blocks at the
     * episodes' ends.
     */
    @ParameterizedTest(name = "K={0} lambda={1} spread={2}")
    @CsvSource({"1, 0.7, false", "4, 0.7, false", "5, 0.7, false", "8, 0.7, false", "16, 0.7, false", "8, 0, false",
            "8, 1, false", "1, 0.7, true", "2, 0.7, true", "4, 0.7, true", "5, 0.7, true", "16, 0.7, true", "8, 0, true"})
    void deferredBlocksMakeThePerTickWeightsToTheBit(int k, float lambda, boolean spread) {
        float[] w = initialWeights();
        float[] x = new float[COLS];
        float[] y = new float[ROWS];
        LearningControls controls = new LearningControls(ETA, SIGMA);
        Timing timing = Timing.online(lambda).updatingEvery(k);
        NodePerturbation rule = new NodePerturbation(List.of(PlasticLayer.linear("W", w, ROWS, COLS, x, y)),
                spread ? timing.spread() : timing, RewardBaseline.running(0.9f), controls, 11, Kernels.best());
        PerTickReference ref = new PerTickReference(w, lambda);
        SplittableRandom inputs = new SplittableRandom(12);
        SplittableRandom rewards = new SplittableRandom(13);
        float[] atLastUpdate = w.clone();
        java.util.ArrayDeque<float[]> history = new java.util.ArrayDeque<>();
        history.push(w.clone());
        for (int t = 0; t < 300; t++) {
            if (t % 100 == 0) {
                rule.beginEpisode();
                ref.beginEpisode();
            }
            controls.setEnabled(t < 100 || t >= 105);
            for (int j = 0; j < COLS; j++) {
                x[j] = (float) inputs.nextGaussian();
            }
            float[] before = w.clone();
            rule.beforeStep();
            if (spread && controls.enabled()) { // a share of the rows per tick, never the whole pass at once
                int changed = 0;
                for (int i = 0; i < ROWS; i++) {
                    changed += java.util.Arrays.equals(w, i * COLS, (i + 1) * COLS, before, i * COLS, (i + 1) * COLS) ? 0 : 1;
                }
                assertTrue(changed <= (ROWS + k - 1) / k, "K=" + k + ": " + changed + " rows changed in one tick at " + t);
            }
            if (!controls.enabled()) {
                assertEquals(0, rule.pendingTicks(), "switching learning off applies what is pending");
            }
            if (spread) {
                checkSpreadWeights(rule, ref, w, history, k, "beforeStep " + t);
            } else {
                checkWeights(rule, ref, w, atLastUpdate, k, "beforeStep " + t);
            }
            java.util.Arrays.fill(y, 0f); // the layer's output does not depend on the weights here
            rule.afterStep();
            if (controls.enabled()) {
                float r = (float) rewards.nextGaussian();
                boolean rewarded = t % 13 != 12;
                if (rewarded) {
                    rule.reward(r);
                }
                ref.tick(rule.noise(0), x, rewarded, r);
            }
            history.push(ref.w.clone());
            while (history.size() > 2 * k + 1) {
                history.removeLast();
            }
            if (spread) {
                checkSpreadWeights(rule, ref, w, history, k, "tick " + t);
            } else {
                checkWeights(rule, ref, w, atLastUpdate, k, "tick " + t);
            }
            if (t % 100 == 99) {
                rule.endEpisode();
                if (spread) { // the passes go on into the next episode
                    checkSpreadWeights(rule, ref, w, history, k, "end of episode " + t / 100);
                } else {
                    assertEquals(0, rule.pendingTicks(), "the episode's end applies what is pending");
                    checkWeights(rule, ref, w, atLastUpdate, k, "end of episode " + t / 100);
                }
            }
        }
        rule.applyPendingUpdates();
        assertArrayEquals(ref.w, w, "K=" + k + " spread=" + spread + ": weights at the end");
        for (int i = 0; i < w.length; i++) {
            double exact = ref.wExact[i];
            assertEquals(exact, w[i], 1e-4 * (1 + Math.abs(exact)), "K=" + k + ": weight " + i + " against the definition");
        }
    }

    @Test
    void aCheckpointHoldsThePendingUpdates() throws Exception {
        RateNetwork net = new RateNetwork(NetworkConfig.of(16).withInputs(2).withOutputs(1).withSeed(3), Kernels.best());
        NodePerturbation rule = NodePerturbation.forNetwork(net, EnumSet.of(WeightGroup.RECURRENT, WeightGroup.READOUT),
                Timing.online(0.9f).updatingEvery(8), RewardBaseline.running(0.9f), new LearningControls(0.05f, 0.1f), 5);
        rule.beginEpisode();
        float[] start = net.recurrentWeights().clone();
        for (int t = 0; t < 3; t++) {
            net.input()[0] = 0.5f;
            rule.beforeStep();
            net.step(rule.unitNoise());
            rule.afterStep();
            rule.reward(t);
        }
        assertEquals(3, rule.pendingTicks());
        assertArrayEquals(start, net.recurrentWeights(), "nothing applied yet");
        Path file = dir.resolve("w.nrck");
        Checkpoint.save(file, net, rule);
        assertEquals(0, rule.pendingTicks(), "saving applied the pending ticks");
        assertTrue(!java.util.Arrays.equals(start, net.recurrentWeights()), "and they changed the weights");
        RateNetwork copy = new RateNetwork(NetworkConfig.of(16).withInputs(2).withOutputs(1).withSeed(99), Kernels.best());
        Checkpoint.restore(file, copy);
        assertArrayEquals(net.recurrentWeights(), copy.recurrentWeights());
        assertArrayEquals(net.readoutWeights(), copy.readoutWeights());
    }

    @Test
    void onlyUnclippedOnlineRulesDefer() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Timing.episodic().updatingEvery(4));
        assertEquals("update every = 4 ticks applies to online learning; an episodic rule updates once, at the episode's end",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Timing.online(0.9f).updatingEvery(0));
        assertEquals("update every = 0 ticks is out of range: expected 1 to 1024", e.getMessage());
        RateNetwork net = new RateNetwork(NetworkConfig.of(8).withInputs(1).withOutputs(1), Kernels.best());
        e = assertThrows(IllegalArgumentException.class, () -> new MiconiPerturbation(net, EnumSet.of(WeightGroup.RECURRENT),
                Timing.online(0.9f).updatingEvery(4), RewardBaseline.running(0.75f), new LearningControls(0.05f, 2f),
                MiconiPerturbation.Settings.paper(), 1));
        assertEquals("update every = 4 ticks: a clipped update cannot be deferred (each tick's update is clipped on its own); use 1",
                e.getMessage());
    }

    @Test
    void aTraceWithDeferredTicksRefusesTickByTickUse() {
        EligibilityTrace trace = new EligibilityTrace(2, 3, 0.9f, 2, Kernels.best());
        float[] w = new float[6];
        trace.deferTick(1f, new float[] {1, 2}, new float[] {1, 2, 3});
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> trace.get(0, 0));
        assertEquals("1 deferred ticks are not yet in the trace: apply them (applyDeferred) first", e.getMessage());
        trace.deferTick(1f, new float[] {1, 2}, new float[] {1, 2, 3});
        assertThrows(IllegalStateException.class, () -> trace.deferTick(1f, new float[2], new float[3]));
        trace.deferReward(w, 0.5f);
        trace.applyDeferred(w);
        // e = 0.9 * (1 u v^T) + u v^T = 1.9 u v^T; only the second tick was rewarded
        assertEquals(1.9f * 2 * 3, trace.get(1, 2), 1e-5f);
        assertEquals(0.5f * 1.9f * 2 * 3, w[5], 1e-5f);
    }

    /**
     * Online NP on a stream of regression samples, one per tick, lambda = 0 and the unperturbed error as
     * the baseline: the per-tick rule and the same rule applied 8 ticks at a time both learn the teacher,
     * on 5 seeds (teacher, inputs and noise).
     */
    @ParameterizedTest(name = "K={0}")
    @CsvSource({"1", "8"})
    void onlineNodePerturbationLearnsWithDeferredUpdates(int k) {
        SeedSweep.assertHoldsForAtLeast(4, SeedSweep.seeds(1, 5), "online NP regression, K = " + k, seed -> {
            int m = 3;
            int n = 10;
            SplittableRandom r = new SplittableRandom(seed);
            float[] teacher = new float[m * n];
            for (int i = 0; i < teacher.length; i++) {
                teacher[i] = (float) (r.nextGaussian() / Math.sqrt(n));
            }
            float[] student = new float[m * n];
            float[] x = new float[n];
            float[] y = new float[m];
            float[] target = new float[m];
            NodePerturbation np = new NodePerturbation(List.of(PlasticLayer.linear("student W", student, m, n, x, y)),
                    Timing.online(0f).updatingEvery(k), RewardBaseline.none(), new LearningControls(0.005f, 0.1f),
                    seed + 1000, Kernels.best());
            double before = distance(student, teacher);
            np.beginEpisode();
            for (int t = 0; t < 3000; t++) {
                for (int j = 0; j < n; j++) {
                    x[j] = (float) r.nextGaussian();
                }
                Kernels.best().matVec(teacher, m, n, x, target);
                np.beforeStep();
                Kernels.best().matVec(student, m, n, x, y);
                np.afterStep();
                np.reward(squaredError(y, target) - squaredError(np.action(y), target));
            }
            np.endEpisode();
            return SeedSweep.Outcome.fallsBy(before, distance(student, teacher), 20);
        });
    }

    private static float squaredError(float[] a, float[] b) {
        float e = 0;
        for (int i = 0; i < a.length; i++) {
            e += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return e;
    }

    private static double distance(float[] a, float[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d += (double) (a[i] - b[i]) * (a[i] - b[i]);
        }
        return d;
    }
}
