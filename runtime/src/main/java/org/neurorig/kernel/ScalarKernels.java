package org.neurorig.kernel;

/** The reference kernels: one fused multiply-add at a time, in index order. */
final class ScalarKernels implements Kernels {

    static final ScalarKernels INSTANCE = new ScalarKernels();

    private ScalarKernels() {
    }

    @Override
    public String toString() {
        return name();
    }

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public void matVec(float[] m, int rows, int cols, float[] x, float[] y) {
        for (int i = 0; i < rows; i++) {
            y[i] = rowDot(m, i * cols, x, cols);
        }
    }

    @Override
    public void matVecAdd(float[] m, int rows, int cols, float[] x, float[] y) {
        for (int i = 0; i < rows; i++) {
            y[i] += rowDot(m, i * cols, x, cols);
        }
    }

    private static float rowDot(float[] m, int offset, float[] x, int cols) {
        float sum = 0f;
        for (int j = 0; j < cols; j++) {
            sum = Math.fma(m[offset + j], x[j], sum);
        }
        return sum;
    }

    @Override
    public void rank1Update(float[] m, int rows, int cols, float alpha, float[] u, float[] v) {
        for (int i = 0; i < rows; i++) {
            float a = alpha * u[i];
            int offset = i * cols;
            for (int j = 0; j < cols; j++) {
                m[offset + j] = Math.fma(a, v[j], m[offset + j]);
            }
        }
    }

    @Override
    public void leakPhiOfSum(float[] x, float[] h, float[] c, int n, float leak, float gain, Nonlinearity phi) {
        for (int i = 0; i < n; i++) {
            x[i] = leak * x[i] + gain * phi.apply(h[i] + c[i]);
        }
    }

    @Override
    public void leakSumOfPhi(float[] x, float[] h, float[] c, float[] r, int n, float leak, float gain,
            Nonlinearity phi) {
        for (int i = 0; i < n; i++) {
            float xi = leak * x[i] + gain * (h[i] + c[i]);
            x[i] = xi;
            r[i] = phi.apply(xi);
        }
    }

    @Override
    public void activate(float[] src, float[] c, float[] dst, int n, Nonlinearity phi) {
        for (int i = 0; i < n; i++) {
            dst[i] = phi.apply(src[i] + c[i]);
        }
    }

    @Override
    public void matMul(float[] a, int rows, int inner, float[] b, int cols, float[] c) {
        for (int i = 0; i < rows; i++) {
            int ai = i * inner;
            int ci = i * cols;
            for (int j = 0; j < cols; j++) {
                float sum = 0f;
                for (int k = 0; k < inner; k++) {
                    sum = Math.fma(a[ai + k], b[k * cols + j], sum);
                }
                c[ci + j] = sum;
            }
        }
    }

    @Override
    public void phiOfSumRows(float[] drive, float[] base, float[] c, int rows, int n, float gain, Nonlinearity phi,
            float[] rates, float[] next) {
        for (int a = 0; a < rows; a++) {
            int o = a * n;
            for (int i = 0; i < n; i++) {
                float r = phi.apply(drive[i] + c[o + i]);
                rates[o + i] = r;
                next[o + i] = Math.fma(gain, r, base[i]);
            }
        }
    }

    @Override
    public void axpy(float alpha, float[] x, float[] y, int n) {
        for (int i = 0; i < n; i++) {
            y[i] = Math.fma(alpha, x[i], y[i]);
        }
    }

    @Override
    public void scale(float alpha, float[] x, int n) {
        for (int i = 0; i < n; i++) {
            x[i] = alpha * x[i];
        }
    }

    @Override
    public void clippedAxpy(float alpha, float[] x, float[] y, int n, float limit) {
        for (int i = 0; i < n; i++) {
            y[i] = y[i] + Math.min(limit, Math.max(-limit, alpha * x[i]));
        }
    }

    @Override
    public void rank1UpdateAndAxpy(float[] e, float[] w, int rows, int cols, float alpha, float[] u, float[] v,
            float beta) {
        for (int i = 0; i < rows; i++) {
            float a = alpha * u[i];
            int offset = i * cols;
            for (int j = 0; j < cols; j++) {
                float eij = Math.fma(a, v[j], e[offset + j]);
                e[offset + j] = eij;
                w[offset + j] = Math.fma(beta, eij, w[offset + j]);
            }
        }
    }

    // Row by row, tick by tick: each element still sees its ticks in order, and the inner loops are
    // the simple ones C2 vectorizes by itself (the scalar reference is used in tests at N = 256).
    @Override
    public void rankKUpdateAndAxpy(float[] e, float[] w, int firstRow, int endRow, int cols, int k, float[] u, int ldu,
            float[] v, float[] g, float[] beta) {
        for (int i = firstRow; i < endRow; i++) {
            int offset = i * cols;
            for (int s = 0; s < k; s++) {
                float gs = g[s];
                if (gs == 0f) {
                    java.util.Arrays.fill(e, offset, offset + cols, 0f);
                } else if (gs != 1f) {
                    for (int j = 0; j < cols; j++) {
                        e[offset + j] = gs * e[offset + j];
                    }
                }
                float a = u[i * ldu + s];
                float b = beta[s];
                int q = s * cols;
                if (b != 0f) {
                    for (int j = 0; j < cols; j++) {
                        float eij = Math.fma(a, v[q + j], e[offset + j]);
                        e[offset + j] = eij;
                        w[offset + j] = Math.fma(b, eij, w[offset + j]);
                    }
                } else {
                    for (int j = 0; j < cols; j++) {
                        e[offset + j] = Math.fma(a, v[q + j], e[offset + j]);
                    }
                }
            }
        }
    }
}
