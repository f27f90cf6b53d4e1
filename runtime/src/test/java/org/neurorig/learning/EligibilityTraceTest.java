package org.neurorig.learning;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.neurorig.kernel.Kernels;

/** The trace holds exactly {@code sum_s lambda^(t-s) alpha_s u_s v_s^T}, whatever its lazy bookkeeping does. */
class EligibilityTraceTest {

    @Test
    void theLazyDecayEqualsTheEagerDefinitionAcrossRenormalizations() {
        float lambda = 0.7f; // renormalizes every 39 ticks (0.7^39 < 2^-20)
        EligibilityTrace trace = new EligibilityTrace(3, 5, lambda, Kernels.best());
        double[] eager = new double[15];
        SplittableRandom r = new SplittableRandom(1);
        float[] u = new float[3];
        float[] v = new float[5];
        for (int t = 0; t < 200; t++) {
            trace.decay();
            for (int k = 0; k < 15; k++) {
                eager[k] *= lambda;
            }
            for (int i = 0; i < 3; i++) {
                u[i] = (float) r.nextGaussian();
            }
            for (int j = 0; j < 5; j++) {
                v[j] = (float) r.nextGaussian();
            }
            trace.accumulate(0.5f, u, v);
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 5; j++) {
                    eager[i * 5 + j] += 0.5 * u[i] * v[j];
                }
            }
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 5; j++) {
                    double e = eager[i * 5 + j];
                    assertEquals(e, trace.get(i, j), 1e-5 * (1 + Math.abs(e)), "tick " + t + " (" + i + ", " + j + ")");
                }
            }
        }
        float[] w = new float[15];
        trace.addTo(w, 2f);
        for (int k = 0; k < 15; k++) {
            assertEquals(2 * eager[k], w[k], 1e-5 * (1 + Math.abs(eager[k])));
        }
    }

    /**
     * Node perturbation on a feedforward layer over several steps of one episode: the eligibility is
     * {@code sum_t xi_t x_t^T / sigma^2}, with each step's own input, even though the caller writes the
     * next input before the rule has added the previous step's term.
     */
    @Test
    void nodePerturbationCreditsEachStepsNoiseToThatStepsInput() {
        int m = 2;
        int n = 3;
        float[] w = new float[m * n];
        float[] x = new float[n];
        float[] y = new float[m];
        float sigma = 0.5f;
        NodePerturbation np = new NodePerturbation(List.of(PlasticLayer.linear("W", w, m, n, x, y)), Timing.episodic(),
                RewardBaseline.none(), new LearningControls(1f, sigma), 3, Kernels.best());
        double[] expected = new double[m * n];
        np.beginEpisode();
        for (int t = 0; t < 4; t++) {
            for (int j = 0; j < n; j++) {
                x[j] = t + 0.1f * j;
            }
            np.beforeStep();
            java.util.Arrays.fill(y, 0f);
            np.afterStep();
            float[] xi = np.noise(0);
            float[] noisy = np.action(y);
            for (int i = 0; i < m; i++) {
                assertEquals(xi[i], noisy[i], 0f, "the noise is added to the output");
                assertEquals(0f, y[i], 0f, "in the rule's own copy: the output itself stays clean");
                for (int j = 0; j < n; j++) {
                    expected[i * n + j] += xi[i] * x[j] / (sigma * sigma);
                }
            }
        }
        EligibilityTrace trace = np.trace(0);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                assertEquals(expected[i * n + j], trace.get(i, j), 1e-5 * (1 + Math.abs(expected[i * n + j])));
            }
        }
    }
}
