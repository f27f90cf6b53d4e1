package org.neurorig.neuromop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.neurorig.kernel.Kernels;
import org.neurorig.testing.SeedSweep;

class ValueNetworkTest {

    private static final int INPUTS = 7;
    private static final int HIDDEN = 5;
    private static final int ROWS = 13;

    private static float[] random(SplittableRandom r, int n, double scale) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (scale * r.nextGaussian());
        }
        return a;
    }

    @Test
    void gradientMatchesCentralFiniteDifferences() {
        SplittableRandom r = new SplittableRandom(3);
        ValueNetwork net = new ValueNetwork(INPUTS, HIDDEN, 2.5, 0.3, 11, Kernels.scalar());
        // make the output weights large enough that every parameter matters
        float[][] params = net.parameters();
        for (int j = 0; j < HIDDEN; j++) {
            params[2][j] = (float) r.nextGaussian();
            params[1][j] = (float) (0.3 * r.nextGaussian());
        }
        net.parametersChanged();
        float[] x = random(r, ROWS * INPUTS, 1);
        float[] targets = random(r, ROWS, 1);
        float[] weights = new float[ROWS];
        for (int s = 0; s < ROWS; s++) {
            weights[s] = s == ROWS - 1 ? 1f : 0.1f; // the paper's weighting: a terminal row and the rest
        }
        net.lossAndGradient(x, ROWS, targets, weights);
        float[][] analytic = new float[params.length][];
        for (int p = 0; p < params.length; p++) {
            analytic[p] = net.gradients()[p].clone();
        }
        int checked = 0;
        for (int p = 0; p < params.length; p++) {
            for (int i = 0; i < params[p].length; i++) {
                float saved = params[p][i];
                double h = 1e-2 * Math.max(0.1, Math.abs(saved));
                params[p][i] = (float) (saved + h);
                double hPlus = params[p][i] - saved;
                net.parametersChanged();
                double up = loss(net, x, targets, weights);
                params[p][i] = (float) (saved - h);
                double hMinus = saved - params[p][i];
                net.parametersChanged();
                double down = loss(net, x, targets, weights);
                params[p][i] = saved;
                net.parametersChanged();
                double numeric = (up - down) / (hPlus + hMinus);
                assertEquals(numeric, analytic[p][i], 2e-3 + 2e-2 * Math.abs(numeric),
                        "d loss / d parameter group " + p + " index " + i);
                checked++;
            }
        }
        assertEquals(INPUTS * HIDDEN + 2 * HIDDEN + 1, checked);
    }

    private static double loss(ValueNetwork net, float[] x, float[] targets, float[] weights) {
        float[] v = new float[ROWS];
        net.evaluate(x, ROWS, v);
        double l = 0;
        for (int s = 0; s < ROWS; s++) {
            double e = (double) v[s] - targets[s];
            l += weights[s] * e * e;
        }
        return l;
    }

    @Test
    void aBatchGivesWhatEachRowGivesAloneAndTheDefinition() {
        SplittableRandom r = new SplittableRandom(5);
        for (Kernels k : Kernels.allNative()) {
            ValueNetwork net = new ValueNetwork(INPUTS, HIDDEN, 3.0, 0.5, 2, k);
            net.ensureCapacity(ROWS);
            float[] x = random(r, ROWS * INPUTS, 1);
            float[] batch = new float[ROWS];
            net.evaluate(x, ROWS, batch);
            float[][] p = net.parameters();
            for (int s = 0; s < ROWS; s++) {
                float[] row = new float[INPUTS];
                System.arraycopy(x, s * INPUTS, row, 0, INPUTS);
                assertEquals(batch[s], net.value(row), 0f, k.name() + " row " + s);
                double out = p[3][0];
                for (int j = 0; j < HIDDEN; j++) {
                    double h = p[1][j];
                    for (int i = 0; i < INPUTS; i++) {
                        h += (double) p[0][i * HIDDEN + j] * row[i];
                    }
                    out += p[2][j] * Math.tanh(h);
                }
                assertEquals(3.0 * out, batch[s], 1e-5, k.name() + " row " + s + " against the definition");
            }
        }
    }

    /**
     * Each seed draws the sample points and the network's initial weights; the error must fall by a factor
     * of 20 (on seeds 1 to 5 it fell by 1,200 to 8,800).
     */
    @Test
    void adamFitsASmoothFunction() {
        SeedSweep.assertHoldsForAtLeast(4, SeedSweep.seeds(1, 5), "Adam fits sin(x1 + x2 / 2): mean squared error", seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            int rows = 200;
            ValueNetwork net = new ValueNetwork(2, 16, 1.0, 0.0, seed + 1000, Kernels.best());
            float[] x = random(r, rows * 2, 1);
            float[] y = new float[rows];
            float[] w = new float[rows];
            for (int s = 0; s < rows; s++) {
                y[s] = (float) Math.sin(x[2 * s] + 0.5 * x[2 * s + 1]);
                w[s] = 1f / rows;
            }
            double first = net.lossAndGradient(x, rows, y, w);
            double last = first;
            for (int step = 0; step < 400; step++) {
                net.adamStep(0.02);
                last = net.lossAndGradient(x, rows, y, w);
            }
            return SeedSweep.Outcome.fallsBy(first, last, 20);
        });
    }
}
