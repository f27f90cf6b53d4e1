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
    public void axpy(float alpha, float[] x, float[] y, int n) {
        for (int i = 0; i < n; i++) {
            y[i] = Math.fma(alpha, x[i], y[i]);
        }
    }

}
