package org.neurorig.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One suite over every kernel implementation (scalar, and SIMD at 128 bits and each wider width the
 * CPU runs natively), at sizes that are and are not multiples of the lane count.
 *
 * <p>Tolerance: each result is compared with the exact value computed in double precision. Recursive
 * float summation of n products errs by at most gamma_n * sum|m_ij x_j| with gamma_n = n u / (1 - n u)
 * and u = 2^-24 (Higham, Accuracy and Stability of Numerical Algorithms, 3.1); every implementation
 * must stay inside that bound. Elementwise kernels must equal the scalar reference bit for bit, and be
 * within 1e-6 of the double-precision definition.
 */
@Tag("simd")
class KernelsTest {

    private static final int[] SIZES = {1, 3, 4, 7, 8, 15, 16, 17, 31, 33, 64, 100, 127, 257};
    private static final double U = Math.ulp(1f) / 2;

    /** Every implementation: scalar, vector, and OpenBLAS where the library is installed. */
    static Stream<Kernels> kernels() {
        return Stream.concat(Kernels.allNative().stream(), Kernels.openBlas().stream());
    }

    static Stream<Arguments> kernelsAndSizes() {
        return kernels().flatMap(k -> java.util.Arrays.stream(SIZES).mapToObj(n -> Arguments.of(k, n)));
    }

    private static float[] random(SplittableRandom r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) r.nextGaussian();
        }
        return a;
    }

    private static double gamma(int n) {
        return n * U / (1 - n * U);
    }

    @ParameterizedTest(name = "{0} n={1}")
    @MethodSource("kernelsAndSizes")
    void matVecIsWithinTheSummationBound(Kernels k, int n) {
        SplittableRandom r = new SplittableRandom(n);
        int rows = n + 2; // also a row count that is not a multiple of the four-row block
        float[] m = random(r, rows * n);
        float[] x = random(r, n);
        float[] y = new float[rows];
        float[] yAdd = random(r, rows);
        float[] yAddBefore = yAdd.clone();
        k.matVec(m, rows, n, x, y);
        k.matVecAdd(m, rows, n, x, yAdd);
        for (int i = 0; i < rows; i++) {
            double exact = 0;
            double magnitude = 0;
            for (int j = 0; j < n; j++) {
                exact += (double) m[i * n + j] * x[j];
                magnitude += Math.abs((double) m[i * n + j] * x[j]);
            }
            double bound = gamma(n) * magnitude;
            assertTrue(Math.abs(y[i] - exact) <= bound,
                    k.name() + " row " + i + ": " + y[i] + " vs exact " + exact + " (bound " + bound + ")");
            double exactAdd = yAddBefore[i] + exact;
            double boundAdd = gamma(n + 1) * (magnitude + Math.abs(yAddBefore[i]));
            assertTrue(Math.abs(yAdd[i] - exactAdd) <= boundAdd,
                    k.name() + " add row " + i + ": " + yAdd[i] + " vs exact " + exactAdd);
        }
    }

    @ParameterizedTest(name = "{0} n={1}")
    @MethodSource("kernelsAndSizes")
    void axpyIsOneFusedMultiplyAddPerElement(Kernels k, int n) {
        SplittableRandom r = new SplittableRandom(100 + n);
        float[] a = random(r, n);
        float[] b = random(r, n);
        float[] y = b.clone();
        k.axpy(0.37f, a, y, n);
        for (int i = 0; i < n; i++) {
            float fused = Math.fma(0.37f, a[i], b[i]);
            // ours: exactly one fused multiply-add; OpenBLAS may round the product separately.
            float tolerance = k.name().equals("openblas") ? 2 * Math.ulp(Math.abs(fused) + Math.abs(0.37f * a[i])) : 0f;
            assertEquals(fused, y[i], tolerance, k.name() + " axpy " + i);
        }
    }

    @ParameterizedTest(name = "{0} n={1}")
    @MethodSource("kernelsAndSizes")
    void rank1UpdateMatchesTheDefinition(Kernels k, int n) {
        SplittableRandom r = new SplittableRandom(200 + n);
        int rows = n + 3;
        float[] m = random(r, rows * n);
        float[] before = m.clone();
        float[] u = random(r, rows);
        u[0] = 0f; // a row the update must leave alone
        float[] v = random(r, n);
        k.rank1Update(m, rows, n, -0.25f, u, v);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < n; j++) {
                double delta = -0.25 * u[i] * v[j];
                double e = before[i * n + j] + delta;
                assertTrue(Math.abs(m[i * n + j] - e) <= 4 * U * (Math.abs(before[i * n + j]) + Math.abs(delta)),
                        k.name() + " m[" + i + "," + j + "]");
            }
        }
        for (int j = 0; j < n; j++) {
            assertEquals(before[j], m[j], 0f, "row with u = 0 changed");
        }
    }

    @ParameterizedTest(name = "{0} n={1}")
    @MethodSource("kernelsAndSizes")
    void scaleIsOneRoundedMultiplyPerElement(Kernels k, int n) {
        SplittableRandom r = new SplittableRandom(400 + n);
        float[] x = random(r, n);
        float[] before = x.clone();
        k.scale(0.731f, x, n);
        for (int i = 0; i < n; i++) {
            assertEquals(0.731f * before[i], x[i], 0f, k.name() + " scale " + i);
        }
    }

    @ParameterizedTest(name = "{0} n={1}")
    @MethodSource("kernelsAndSizes")
    void clippedAxpyClipsEachIncrementNotTheSum(Kernels k, int n) {
        SplittableRandom r = new SplittableRandom(500 + n);
        float[] x = random(r, n);
        float[] y = random(r, n);
        float[] before = y.clone();
        float limit = 0.3f;
        k.clippedAxpy(-0.5f, x, y, n, limit);
        int clipped = 0;
        for (int i = 0; i < n; i++) {
            float d = -0.5f * x[i];
            float expected = before[i] + Math.min(limit, Math.max(-limit, d));
            assertEquals(expected, y[i], 0f, k.name() + " clippedAxpy " + i);
            assertTrue(Math.abs(y[i] - before[i]) <= limit * (1 + 4 * U) + 4 * U * Math.abs(before[i]),
                    k.name() + " increment " + i + " exceeds the limit");
            clipped += Math.abs(d) > limit ? 1 : 0;
        }
        if (n >= 16) {
            assertTrue(clipped > 0, "the random data must exercise the clipping");
        }
    }

    @ParameterizedTest(name = "{0} n={1}")
    @MethodSource("kernelsAndSizes")
    void fusedRank1AndAxpyEqualsTheTwoStepsItReplaces(Kernels k, int n) {
        SplittableRandom r = new SplittableRandom(600 + n);
        int rows = n + 1;
        float[] e = random(r, rows * n);
        float[] w = random(r, rows * n);
        float[] u = random(r, rows);
        u[rows - 1] = 0f; // a row the perturbation left alone: its trace stays, its weights still move
        float[] v = random(r, n);
        float[] eRef = e.clone();
        float[] wRef = w.clone();
        k.rank1UpdateAndAxpy(e, w, rows, n, 0.4f, u, v, -0.2f);
        // The definition, one fused multiply-add per element for each half, in the scalar reference's order.
        for (int i = 0; i < rows; i++) {
            float a = 0.4f * u[i];
            for (int j = 0; j < n; j++) {
                eRef[i * n + j] = Math.fma(a, v[j], eRef[i * n + j]);
                wRef[i * n + j] = Math.fma(-0.2f, eRef[i * n + j], wRef[i * n + j]);
            }
        }
        org.junit.jupiter.api.Assertions.assertArrayEquals(eRef, e, k.name() + " trace");
        org.junit.jupiter.api.Assertions.assertArrayEquals(wRef, w, k.name() + " weights");
    }

    /**
     * The rank-k pass equals its k ticks done one after another with the per-tick kernels of the scalar
     * reference (a scale where g_s != 1, a clear where g_s = 0, then rank1UpdateAndAxpy), bit for bit,
     * in every implementation: blocks of one tick and of several, ticks with and without a reward
     * (beta = 0 leaves W alone), a renormalization and a clear inside a block, a row whose postsynaptic
     * factor is 0, and (over the sizes) rows shorter and longer than the vector kernel's tile of four
     * vectors.
     */
    @ParameterizedTest(name = "{0} n={1}")
    @MethodSource("kernelsAndSizes")
    void rankKUpdateEqualsItsTicksOneAfterAnother(Kernels k, int n) {
        // {ticks, variant}: variant 0 is a plain block (every g = 1, every beta != 0); 1 and 2 are not
        int[][] cases = {{1, 0}, {1, 1}, {1, 2}, {3, 0}, {8, 1}};
        for (int[] c : cases) {
            int ticks = c[0];
            for (int rows : new int[] {n, n + 1}) {
                SplittableRandom r = new SplittableRandom(700 + 31L * n + 7L * ticks + c[1] + rows);
                float[] e = random(r, rows * n);
                float[] w = random(r, rows * n);
                // u is rows x ldu, tick s in column s; spare columns (ldu > k) are not read. One tick with
                // ldu = 1 takes the vector kernel's per-tick path.
                int ldu = ticks == 1 && c[1] < 2 ? 1 : ticks + 2;
                float[] u = random(r, rows * ldu);
                float[] v = random(r, ticks * n);
                float[] g = new float[ticks];
                float[] beta = new float[ticks];
                for (int s = 0; s < ticks; s++) {
                    g[s] = 1f;
                    beta[s] = (float) r.nextGaussian();
                }
                u[(rows - 1) * ldu] = 0f; // tick 0 leaves the last row's trace alone
                if (ticks == 8) {
                    g[2] = 0x1p-21f; // a renormalization
                    g[5] = 0f;       // lambda = 0: the trace starts again
                    beta[3] = 0f;    // a tick without a reward
                } else if (c[1] == 1) {
                    beta[0] = 0f;
                } else if (c[1] == 2) {
                    g[0] = 0.75f;
                }
                float[] eRef = e.clone();
                float[] wRef = w.clone();
                float[] us = new float[rows];
                float[] vs = new float[n];
                for (int s = 0; s < ticks; s++) {
                    if (g[s] == 0f) {
                        java.util.Arrays.fill(eRef, 0f);
                    } else if (g[s] != 1f) {
                        Kernels.scalar().scale(g[s], eRef, eRef.length);
                    }
                    for (int i = 0; i < rows; i++) {
                        us[i] = u[i * ldu + s];
                    }
                    System.arraycopy(v, s * n, vs, 0, n);
                    if (beta[s] == 0f) {
                        Kernels.scalar().rank1Update(eRef, rows, n, 1f, us, vs);
                    } else {
                        Kernels.scalar().rank1UpdateAndAxpy(eRef, wRef, rows, n, 1f, us, vs, beta[s]);
                    }
                }
                // whole, or in two row ranges done one after the other (a pass spread over ticks)
                int split = c[1] == 0 ? rows : rows / 3;
                k.rankKUpdateAndAxpy(e, w, 0, split, n, ticks, u, ldu, v, g, beta);
                k.rankKUpdateAndAxpy(e, w, split, rows, n, ticks, u, ldu, v, g, beta);
                String what = k.name() + " k=" + ticks + " rows=" + rows + " split at " + split;
                org.junit.jupiter.api.Assertions.assertArrayEquals(eRef, e, what + " trace");
                org.junit.jupiter.api.Assertions.assertArrayEquals(wRef, w, what + " weights");
            }
        }
    }

    @ParameterizedTest(name = "{0} n={1}")
    @MethodSource("kernelsAndSizes")
    void matMulIsWithinTheSummationBoundAndMatchesTheScalarBits(Kernels k, int n) {
        SplittableRandom r = new SplittableRandom(400 + n);
        // rows not a multiple of the four-row block (few of them: the double-precision check is cubic),
        // columns around the vector width and past two of it
        int rows = Math.min(n, 16) + 5;
        int inner = n + 1;
        for (int cols : new int[] {1, n, 2 * n + 3, 37}) {
            float[] a = random(r, rows * inner);
            float[] b = random(r, inner * cols);
            float[] c = new float[rows * cols];
            java.util.Arrays.fill(c, Float.NaN); // every element must be written, not accumulated
            k.matMul(a, rows, inner, b, cols, c);
            float[] reference = new float[rows * cols];
            Kernels.scalar().matMul(a, rows, inner, b, cols, reference);
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    double exact = 0;
                    double magnitude = 0;
                    for (int q = 0; q < inner; q++) {
                        double p = (double) a[i * inner + q] * b[q * cols + j];
                        exact += p;
                        magnitude += Math.abs(p);
                    }
                    float got = c[i * cols + j];
                    assertTrue(Math.abs(got - exact) <= gamma(inner) * magnitude,
                            k.name() + " c[" + i + "," + j + "] cols=" + cols + ": " + got + " vs exact " + exact);
                    if (!k.name().equals("openblas")) {
                        // ours: the same fma chain in the same order, so the same bits as the reference
                        assertEquals(reference[i * cols + j], got, 0f, k.name() + " c[" + i + "," + j + "] cols=" + cols);
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0} n={1}")
    @MethodSource("kernelsAndSizes")
    void phiOfSumRowsEqualsActivateThenAxpyOverTheTiledRows(Kernels k, int n) {
        for (Nonlinearity phi : Nonlinearity.values()) {
            SplittableRandom r = new SplittableRandom(500 + n);
            for (int rows : new int[] {1, 3, 8}) {
                float[] drive = doubled(random(r, n), n, 3f); // reach tanh's saturating range
                float[] base = doubled(random(r, n), n, 1f);
                float[] c = random(r, rows * n);
                float[] rates = new float[rows * n];
                float[] next = new float[rows * n];
                java.util.Arrays.fill(rates, Float.NaN);
                java.util.Arrays.fill(next, Float.NaN);
                k.phiOfSumRows(drive, base, c, rows, n, 0.1f, phi, rates, next);
                // the definition: tile drive and base, then this implementation's activate and axpy (OpenBLAS's
                // saxpy is not one fused multiply-add, so its bits are its own)
                float[] eRates = new float[rows * n];
                float[] eNext = new float[rows * n];
                for (int a = 0; a < rows; a++) {
                    System.arraycopy(drive, 0, eRates, a * n, n);
                    System.arraycopy(base, 0, eNext, a * n, n);
                }
                k.activate(eRates, c, eRates, rows * n, phi);
                k.axpy(0.1f, eRates, eNext, rows * n);
                if (!k.name().equals("openblas")) {
                    float[] sRates = new float[rows * n];
                    float[] sNext = new float[rows * n];
                    Kernels.scalar().phiOfSumRows(drive, base, c, rows, n, 0.1f, phi, sRates, sNext);
                    org.junit.jupiter.api.Assertions.assertArrayEquals(sNext, next, k.name() + " vs scalar " + phi);
                }
                org.junit.jupiter.api.Assertions.assertArrayEquals(eRates, rates, k.name() + " rates " + phi + " rows=" + rows);
                org.junit.jupiter.api.Assertions.assertArrayEquals(eNext, next, k.name() + " next " + phi + " rows=" + rows);
            }
        }
    }

    /** n values scaled, then the same n again: the layout phiOfSumRows reads drive and base in. */
    private static float[] doubled(float[] v, int n, float scale) {
        float[] d = new float[2 * n];
        for (int i = 0; i < n; i++) {
            d[i] = v[i] * scale;
            d[n + i] = d[i];
        }
        return d;
    }

    @ParameterizedTest(name = "{0} n={1}")
    @MethodSource("kernelsAndSizes")
    void fusedUpdatesMatchTheDefinitionForEveryNonlinearity(Kernels k, int n) {
        for (Nonlinearity phi : Nonlinearity.values()) {
            SplittableRandom r = new SplittableRandom(300 + n);
            float[] x = random(r, n);
            float[] h = random(r, n);
            float[] c = random(r, n);
            for (int i = 0; i < n; i++) {
                h[i] *= 3f; // reach the saturating range of tanh and sigmoid
            }
            float[] x1 = x.clone();
            k.leakPhiOfSum(x1, h.clone(), c, n, 0.9f, 0.1f, phi);
            float[] x2 = x.clone();
            float[] rate = new float[n];
            k.leakSumOfPhi(x2, h.clone(), c, rate, n, 0.9f, 0.1f, phi);
            float[] act = new float[n];
            k.activate(h, c, act, n, phi);
            // The elementwise kernels do the same IEEE operations in the same order in every
            // implementation, so they must agree with the scalar reference to the bit.
            float[] s1 = x.clone();
            Kernels.scalar().leakPhiOfSum(s1, h.clone(), c, n, 0.9f, 0.1f, phi);
            float[] s2 = x.clone();
            float[] sRate = new float[n];
            Kernels.scalar().leakSumOfPhi(s2, h.clone(), c, sRate, n, 0.9f, 0.1f, phi);
            float[] sAct = new float[n];
            Kernels.scalar().activate(h, c, sAct, n, phi);
            org.junit.jupiter.api.Assertions.assertArrayEquals(s1, x1, k.name() + " phi-of-sum " + phi);
            org.junit.jupiter.api.Assertions.assertArrayEquals(s2, x2, k.name() + " sum-of-phi " + phi);
            org.junit.jupiter.api.Assertions.assertArrayEquals(sRate, rate, k.name() + " rate " + phi);
            org.junit.jupiter.api.Assertions.assertArrayEquals(sAct, act, k.name() + " activate " + phi);
            for (int i = 0; i < n; i++) {
                double in = (double) h[i] + c[i];
                double e1 = 0.9 * x[i] + 0.1 * exactPhi(phi, in);
                assertEquals(e1, x1[i], 1e-6 * Math.max(1, Math.abs(e1)), k.name() + " phi-of-sum " + phi + " " + i);
                double e2 = 0.9 * x[i] + 0.1 * in;
                assertEquals(e2, x2[i], 1e-6 * Math.max(1, Math.abs(e2)), k.name() + " sum-of-phi x " + phi + " " + i);
                double er = exactPhi(phi, x2[i]);
                assertEquals(er, rate[i], 1e-6 * Math.max(1, Math.abs(er)), k.name() + " sum-of-phi r " + phi + " " + i);
                double ea = exactPhi(phi, in);
                assertEquals(ea, act[i], 1e-6 * Math.max(1, Math.abs(ea)), k.name() + " activate " + phi + " " + i);
            }
        }
    }

    private static double exactPhi(Nonlinearity phi, double h) {
        return switch (phi) {
            case TANH -> Math.tanh(h);
            case RELU -> Math.max(0, h);
            case SIGMOID -> 1 / (1 + Math.exp(-h));
            case IDENTITY -> h;
        };
    }
}
