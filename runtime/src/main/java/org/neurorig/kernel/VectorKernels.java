package org.neurorig.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API kernels, written against the JVM's preferred float species rather than a fixed width: the
 * same code runs 16 lanes on AVX-512, 8 on AVX2 and 4 on a Raspberry Pi's NEON. Every loop handles the
 * remainder that does not fill a vector with a scalar tail.
 *
 * <p>The species is a {@code static final} on purpose. The Vector API compiles to SIMD instructions
 * only where C2 sees the species as a constant; a species passed in as a parameter or held in an
 * instance field makes every vector a heap object.
 * So there is one width per JVM, the widest the CPU has, and a narrower one is chosen the HotSpot way,
 * with {@code -XX:MaxVectorSize=16} (128 bits) or {@code =32} (256 bits); the test suite runs at each.
 *
 * <p>The class is long because its hot loops are unrolled by hand into register blocks (four rows of a
 * matrix-vector product, six and four rows of a matrix product, a rank-K update across several vectors)
 * with a remainder path each: C2 does not unroll Vector API loops into independent accumulators by itself,
 * and splitting the blocks into other classes would only scatter one kernel over several files.
 */
final class VectorKernels implements Kernels {

    static final VectorKernels INSTANCE = new VectorKernels();
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();

    // Horizontal sums fold a vector onto itself with these fixed shuffles (lane i takes lane i + w),
    // so the order of additions is ours, not the JIT's: reduceLanes(ADD) sums in one order when
    // interpreted and in another once C2 compiles it, and the same seed would then not give the same
    // trajectory. Rearranging moves bits exactly, so the fold gives the same result either way.
    private static final VectorShuffle<Float> FOLD_8 = fold(8);
    private static final VectorShuffle<Float> FOLD_4 = fold(4);
    private static final VectorShuffle<Float> FOLD_2 = fold(2);
    private static final VectorShuffle<Float> FOLD_1 = fold(1);

    private static VectorShuffle<Float> fold(int w) {
        return VectorShuffle.fromOp(SPECIES, i -> (i + w) & (LANES - 1));
    }

    private VectorKernels() {
    }

    static int bits() {
        return SPECIES.vectorBitSize();
    }

    @Override
    public String toString() {
        return name();
    }

    @Override
    public String name() {
        return "vector-" + bits();
    }

    @Override
    public void matVec(float[] m, int rows, int cols, float[] x, float[] y) {
        matVec(m, rows, cols, x, y, false);
    }

    @Override
    public void matVecAdd(float[] m, int rows, int cols, float[] x, float[] y) {
        matVec(m, rows, cols, x, y, true);
    }

    @Override
    public void axpy(float alpha, float[] x, float[] y, int n) {
        axpy(alpha, x, 0, y, 0, n);
    }

    /** y (=|+=) M x; four rows share each load of x, which halves the loads of a one-row loop. */
    private static void matVec(float[] m, int rows, int cols, float[] x, float[] y, boolean add) {
        int i = 0;
        for (; i + 3 < rows; i += 4) {
            dot4(m, i, cols, x, y, add);
        }
        for (; i < rows; i++) {
            float v = rowDot(m, i * cols, x, cols);
            y[i] = add ? y[i] + v : v;
        }
    }

    private static float rowDot(float[] m, int offset, float[] x, int cols) {
        FloatVector acc = FloatVector.zero(SPECIES);
        int bound = SPECIES.loopBound(cols);
        int j = 0;
        for (; j < bound; j += SPECIES.length()) {
            acc = FloatVector.fromArray(SPECIES, m, offset + j).fma(FloatVector.fromArray(SPECIES, x, j), acc);
        }
        if (LANES >= 16) {
            acc = acc.add(acc.rearrange(FOLD_8));
        }
        if (LANES >= 8) {
            acc = acc.add(acc.rearrange(FOLD_4));
        }
        if (LANES >= 4) {
            acc = acc.add(acc.rearrange(FOLD_2));
        }
        acc = acc.add(acc.rearrange(FOLD_1));
        float sum = acc.lane(0);
        for (; j < cols; j++) {
            sum = Math.fma(m[offset + j], x[j], sum);
        }
        return sum;
    }

    private static void dot4(float[] m, int row, int cols, float[] x, float[] y, boolean add) {
        int o0 = row * cols;
        int o1 = o0 + cols;
        int o2 = o1 + cols;
        int o3 = o2 + cols;
        FloatVector a0 = FloatVector.zero(SPECIES);
        FloatVector a1 = FloatVector.zero(SPECIES);
        FloatVector a2 = FloatVector.zero(SPECIES);
        FloatVector a3 = FloatVector.zero(SPECIES);
        int bound = SPECIES.loopBound(cols);
        int j = 0;
        for (; j < bound; j += SPECIES.length()) {
            FloatVector xv = FloatVector.fromArray(SPECIES, x, j);
            a0 = FloatVector.fromArray(SPECIES, m, o0 + j).fma(xv, a0);
            a1 = FloatVector.fromArray(SPECIES, m, o1 + j).fma(xv, a1);
            a2 = FloatVector.fromArray(SPECIES, m, o2 + j).fma(xv, a2);
            a3 = FloatVector.fromArray(SPECIES, m, o3 + j).fma(xv, a3);
        }
        if (LANES >= 16) {
            a0 = a0.add(a0.rearrange(FOLD_8));
            a1 = a1.add(a1.rearrange(FOLD_8));
            a2 = a2.add(a2.rearrange(FOLD_8));
            a3 = a3.add(a3.rearrange(FOLD_8));
        }
        if (LANES >= 8) {
            a0 = a0.add(a0.rearrange(FOLD_4));
            a1 = a1.add(a1.rearrange(FOLD_4));
            a2 = a2.add(a2.rearrange(FOLD_4));
            a3 = a3.add(a3.rearrange(FOLD_4));
        }
        if (LANES >= 4) {
            a0 = a0.add(a0.rearrange(FOLD_2));
            a1 = a1.add(a1.rearrange(FOLD_2));
            a2 = a2.add(a2.rearrange(FOLD_2));
            a3 = a3.add(a3.rearrange(FOLD_2));
        }
        float s0 = a0.add(a0.rearrange(FOLD_1)).lane(0);
        float s1 = a1.add(a1.rearrange(FOLD_1)).lane(0);
        float s2 = a2.add(a2.rearrange(FOLD_1)).lane(0);
        float s3 = a3.add(a3.rearrange(FOLD_1)).lane(0);
        for (; j < cols; j++) {
            float xj = x[j];
            s0 = Math.fma(m[o0 + j], xj, s0);
            s1 = Math.fma(m[o1 + j], xj, s1);
            s2 = Math.fma(m[o2 + j], xj, s2);
            s3 = Math.fma(m[o3 + j], xj, s3);
        }
        if (add) {
            y[row] += s0;
            y[row + 1] += s1;
            y[row + 2] += s2;
            y[row + 3] += s3;
        } else {
            y[row] = s0;
            y[row + 1] = s1;
            y[row + 2] = s2;
            y[row + 3] = s3;
        }
    }

    /**
     * C = A B, vectorized across the columns of B: each A element is broadcast and multiplied into a row
     * of B, so an element of C accumulates over k in order with one fma per step, exactly as the
     * scalar kernel does (same bits, no horizontal sums). Blocks of four rows of A by two vectors of
     * columns keep eight accumulators in registers and load each row chunk of B once per four rows.
     */
    @Override
    public void matMul(float[] a, int rows, int inner, float[] b, int cols, float[] c) {
        int i = 0;
        for (; i + 5 < rows; i += 6) {
            int j = matMul6Rows(a, i, inner, b, cols, c);
            if (j < cols) {
                matMul4Rows(a, i, inner, b, cols, c, j);
                matMulRow(a, i + 4, inner, b, cols, c, j);
                matMulRow(a, i + 5, inner, b, cols, c, j);
            }
        }
        for (; i + 3 < rows; i += 4) {
            matMul4Rows(a, i, inner, b, cols, c, 0);
        }
        for (; i < rows; i++) {
            matMulRow(a, i, inner, b, cols, c, 0);
        }
    }

    /**
     * Six rows of A by two vectors of columns: twelve accumulators, enough independent fused
     * multiply-adds in flight to cover the FMA latency on two FMA pipes (eight, in the four-row block, are
     * just enough and stall on any hiccup). Returns the first column it left undone.
     */
    private static int matMul6Rows(float[] a, int row, int inner, float[] b, int cols, float[] c) {
        int a0 = row * inner;
        int a1 = a0 + inner;
        int a2 = a1 + inner;
        int a3 = a2 + inner;
        int a4 = a3 + inner;
        int a5 = a4 + inner;
        int c0 = row * cols;
        int j = 0;
        for (; j + 2 * LANES <= cols; j += 2 * LANES) {
            FloatVector s00 = FloatVector.zero(SPECIES);
            FloatVector s01 = FloatVector.zero(SPECIES);
            FloatVector s10 = FloatVector.zero(SPECIES);
            FloatVector s11 = FloatVector.zero(SPECIES);
            FloatVector s20 = FloatVector.zero(SPECIES);
            FloatVector s21 = FloatVector.zero(SPECIES);
            FloatVector s30 = FloatVector.zero(SPECIES);
            FloatVector s31 = FloatVector.zero(SPECIES);
            FloatVector s40 = FloatVector.zero(SPECIES);
            FloatVector s41 = FloatVector.zero(SPECIES);
            FloatVector s50 = FloatVector.zero(SPECIES);
            FloatVector s51 = FloatVector.zero(SPECIES);
            for (int k = 0; k < inner; k++) {
                int bk = k * cols + j;
                FloatVector b0 = FloatVector.fromArray(SPECIES, b, bk);
                FloatVector b1 = FloatVector.fromArray(SPECIES, b, bk + LANES);
                FloatVector x0 = FloatVector.broadcast(SPECIES, a[a0 + k]);
                s00 = x0.fma(b0, s00);
                s01 = x0.fma(b1, s01);
                FloatVector x1 = FloatVector.broadcast(SPECIES, a[a1 + k]);
                s10 = x1.fma(b0, s10);
                s11 = x1.fma(b1, s11);
                FloatVector x2 = FloatVector.broadcast(SPECIES, a[a2 + k]);
                s20 = x2.fma(b0, s20);
                s21 = x2.fma(b1, s21);
                FloatVector x3 = FloatVector.broadcast(SPECIES, a[a3 + k]);
                s30 = x3.fma(b0, s30);
                s31 = x3.fma(b1, s31);
                FloatVector x4 = FloatVector.broadcast(SPECIES, a[a4 + k]);
                s40 = x4.fma(b0, s40);
                s41 = x4.fma(b1, s41);
                FloatVector x5 = FloatVector.broadcast(SPECIES, a[a5 + k]);
                s50 = x5.fma(b0, s50);
                s51 = x5.fma(b1, s51);
            }
            s00.intoArray(c, c0 + j);
            s01.intoArray(c, c0 + j + LANES);
            s10.intoArray(c, c0 + cols + j);
            s11.intoArray(c, c0 + cols + j + LANES);
            s20.intoArray(c, c0 + 2 * cols + j);
            s21.intoArray(c, c0 + 2 * cols + j + LANES);
            s30.intoArray(c, c0 + 3 * cols + j);
            s31.intoArray(c, c0 + 3 * cols + j + LANES);
            s40.intoArray(c, c0 + 4 * cols + j);
            s41.intoArray(c, c0 + 4 * cols + j + LANES);
            s50.intoArray(c, c0 + 5 * cols + j);
            s51.intoArray(c, c0 + 5 * cols + j + LANES);
        }
        return j;
    }

    /** Four rows of A, columns from {@code from} on. */
    private static void matMul4Rows(float[] a, int row, int inner, float[] b, int cols, float[] c, int from) {
        int a0 = row * inner;
        int a1 = a0 + inner;
        int a2 = a1 + inner;
        int a3 = a2 + inner;
        int c0 = row * cols;
        int j = from;
        for (; j + 2 * LANES <= cols; j += 2 * LANES) {
            FloatVector s00 = FloatVector.zero(SPECIES);
            FloatVector s01 = FloatVector.zero(SPECIES);
            FloatVector s10 = FloatVector.zero(SPECIES);
            FloatVector s11 = FloatVector.zero(SPECIES);
            FloatVector s20 = FloatVector.zero(SPECIES);
            FloatVector s21 = FloatVector.zero(SPECIES);
            FloatVector s30 = FloatVector.zero(SPECIES);
            FloatVector s31 = FloatVector.zero(SPECIES);
            for (int k = 0; k < inner; k++) {
                int bk = k * cols + j;
                FloatVector b0 = FloatVector.fromArray(SPECIES, b, bk);
                FloatVector b1 = FloatVector.fromArray(SPECIES, b, bk + LANES);
                FloatVector x0 = FloatVector.broadcast(SPECIES, a[a0 + k]);
                FloatVector x1 = FloatVector.broadcast(SPECIES, a[a1 + k]);
                FloatVector x2 = FloatVector.broadcast(SPECIES, a[a2 + k]);
                FloatVector x3 = FloatVector.broadcast(SPECIES, a[a3 + k]);
                s00 = x0.fma(b0, s00);
                s01 = x0.fma(b1, s01);
                s10 = x1.fma(b0, s10);
                s11 = x1.fma(b1, s11);
                s20 = x2.fma(b0, s20);
                s21 = x2.fma(b1, s21);
                s30 = x3.fma(b0, s30);
                s31 = x3.fma(b1, s31);
            }
            s00.intoArray(c, c0 + j);
            s01.intoArray(c, c0 + j + LANES);
            s10.intoArray(c, c0 + cols + j);
            s11.intoArray(c, c0 + cols + j + LANES);
            s20.intoArray(c, c0 + 2 * cols + j);
            s21.intoArray(c, c0 + 2 * cols + j + LANES);
            s30.intoArray(c, c0 + 3 * cols + j);
            s31.intoArray(c, c0 + 3 * cols + j + LANES);
        }
        for (; j + LANES <= cols; j += LANES) {
            FloatVector s0 = FloatVector.zero(SPECIES);
            FloatVector s1 = FloatVector.zero(SPECIES);
            FloatVector s2 = FloatVector.zero(SPECIES);
            FloatVector s3 = FloatVector.zero(SPECIES);
            for (int k = 0; k < inner; k++) {
                FloatVector bv = FloatVector.fromArray(SPECIES, b, k * cols + j);
                s0 = FloatVector.broadcast(SPECIES, a[a0 + k]).fma(bv, s0);
                s1 = FloatVector.broadcast(SPECIES, a[a1 + k]).fma(bv, s1);
                s2 = FloatVector.broadcast(SPECIES, a[a2 + k]).fma(bv, s2);
                s3 = FloatVector.broadcast(SPECIES, a[a3 + k]).fma(bv, s3);
            }
            s0.intoArray(c, c0 + j);
            s1.intoArray(c, c0 + cols + j);
            s2.intoArray(c, c0 + 2 * cols + j);
            s3.intoArray(c, c0 + 3 * cols + j);
        }
        for (; j < cols; j++) {
            float s0 = 0f;
            float s1 = 0f;
            float s2 = 0f;
            float s3 = 0f;
            for (int k = 0; k < inner; k++) {
                float bkj = b[k * cols + j];
                s0 = Math.fma(a[a0 + k], bkj, s0);
                s1 = Math.fma(a[a1 + k], bkj, s1);
                s2 = Math.fma(a[a2 + k], bkj, s2);
                s3 = Math.fma(a[a3 + k], bkj, s3);
            }
            c[c0 + j] = s0;
            c[c0 + cols + j] = s1;
            c[c0 + 2 * cols + j] = s2;
            c[c0 + 3 * cols + j] = s3;
        }
    }

    /** One row of A, columns from {@code from} on. */
    private static void matMulRow(float[] a, int row, int inner, float[] b, int cols, float[] c, int from) {
        int a0 = row * inner;
        int c0 = row * cols;
        int j = from;
        for (; j + LANES <= cols; j += LANES) {
            FloatVector s = FloatVector.zero(SPECIES);
            for (int k = 0; k < inner; k++) {
                s = FloatVector.broadcast(SPECIES, a[a0 + k]).fma(FloatVector.fromArray(SPECIES, b, k * cols + j), s);
            }
            s.intoArray(c, c0 + j);
        }
        for (; j < cols; j++) {
            float s = 0f;
            for (int k = 0; k < inner; k++) {
                s = Math.fma(a[a0 + k], b[k * cols + j], s);
            }
            c[c0 + j] = s;
        }
    }

    @Override
    public void rank1Update(float[] m, int rows, int cols, float alpha, float[] u, float[] v) {
        rank1UpdateRows(m, 0, rows, cols, alpha, u, v);
    }

    private static void rank1UpdateRows(float[] m, int firstRow, int endRow, int cols, float alpha, float[] u, float[] v) {
        for (int i = firstRow; i < endRow; i++) {
            float a = alpha * u[i];
            if (a != 0f) { // sparse perturbations leave most rows untouched
                axpy(a, v, 0, m, i * cols, cols);
            }
        }
    }

    @Override
    public void scale(float alpha, float[] x, int n) {
        int bound = SPECIES.loopBound(n);
        int i = 0;
        for (; i < bound; i += SPECIES.length()) {
            FloatVector.fromArray(SPECIES, x, i).mul(alpha).intoArray(x, i);
        }
        for (; i < n; i++) {
            x[i] = alpha * x[i];
        }
    }

    @Override
    public void clippedAxpy(float alpha, float[] x, float[] y, int n, float limit) {
        int bound = SPECIES.loopBound(n);
        int i = 0;
        for (; i < bound; i += SPECIES.length()) {
            FloatVector d = FloatVector.fromArray(SPECIES, x, i).mul(alpha).max(-limit).min(limit);
            FloatVector.fromArray(SPECIES, y, i).add(d).intoArray(y, i);
        }
        for (; i < n; i++) {
            y[i] = y[i] + Math.min(limit, Math.max(-limit, alpha * x[i]));
        }
    }

    @Override
    public void rank1UpdateAndAxpy(float[] e, float[] w, int rows, int cols, float alpha, float[] u, float[] v,
            float beta) {
        rank1UpdateAndAxpyRows(e, w, 0, rows, cols, alpha, u, v, beta);
    }

    private static void rank1UpdateAndAxpyRows(float[] e, float[] w, int firstRow, int endRow, int cols, float alpha,
            float[] u, float[] v, float beta) {
        for (int i = firstRow; i < endRow; i++) {
            float a = alpha * u[i];
            if (a == 0f) { // sparse perturbations: the trace's row is unchanged, only W moves
                if (beta != 0f) {
                    axpy(beta, e, i * cols, w, i * cols, cols);
                }
            } else {
                rank1RowAndAxpy(e, w, i * cols, cols, a, v, beta);
            }
        }
    }

    private static void rank1RowAndAxpy(float[] e, float[] w, int offset, int cols, float a, float[] v, float beta) {
        FloatVector av = FloatVector.broadcast(SPECIES, a);
        FloatVector bv = FloatVector.broadcast(SPECIES, beta);
        int bound = SPECIES.loopBound(cols);
        int j = 0;
        for (; j < bound; j += SPECIES.length()) {
            FloatVector ev = FloatVector.fromArray(SPECIES, v, j).fma(av, FloatVector.fromArray(SPECIES, e, offset + j));
            ev.intoArray(e, offset + j);
            ev.fma(bv, FloatVector.fromArray(SPECIES, w, offset + j)).intoArray(w, offset + j);
        }
        for (; j < cols; j++) {
            float eij = Math.fma(a, v[j], e[offset + j]);
            e[offset + j] = eij;
            w[offset + j] = Math.fma(beta, eij, w[offset + j]);
        }
    }

    // The k ticks run inside the column loop, so E and W are loaded and stored once per call however
    // large k is; per tick each vector of E and W takes one fused multiply-add. Four vectors of a row
    // per iteration give eight independent chains, enough to keep both FMA units busy, and share the
    // broadcasts of the row's coefficient u[i, s] and of beta_s. A block whose ticks all have g = 1 and
    // beta != 0 (the usual one) runs without any test in the inner loop, which would slow it down.
    @Override
    public void rankKUpdateAndAxpy(float[] e, float[] w, int firstRow, int endRow, int cols, int k, float[] u, int ldu,
            float[] v, float[] g, float[] beta) {
        if (k == 1 && ldu == 1 && g[0] == 1f) { // one tick: the per-tick fused pass, the same arithmetic (1 * u = u)
            if (beta[0] != 0f) {
                rank1UpdateAndAxpyRows(e, w, firstRow, endRow, cols, 1f, u, v, beta[0]);
            } else {
                rank1UpdateRows(e, firstRow, endRow, cols, 1f, u, v);
            }
            return;
        }
        boolean plain = true;
        for (int s = 0; s < k; s++) {
            plain &= g[s] == 1f && beta[s] != 0f;
        }
        int wide = cols - cols % (4 * LANES);
        for (int i = firstRow; i < endRow; i++) {
            rankKWide(e, w, i * cols, wide, cols, k, u, i * ldu, v, g, beta, plain);
            rankKTail(e, w, i * cols, wide, cols, k, u, i * ldu, v, g, beta);
        }
    }

    /**
     * Columns [0, wide) of one row, four vectors at a time. {@code plain} (every g = 1, every beta != 0)
     * is invariant in the loops, so C2 compiles a copy of them without the two tests.
     */
    private static void rankKWide(float[] e, float[] w, int o, int wide, int cols, int k, float[] u, int c, float[] v,
            float[] g, float[] beta, boolean plain) {
        for (int j = 0; j < wide; j += 4 * LANES) {
            int p = o + j;
            FloatVector e0 = FloatVector.fromArray(SPECIES, e, p);
            FloatVector e1 = FloatVector.fromArray(SPECIES, e, p + LANES);
            FloatVector e2 = FloatVector.fromArray(SPECIES, e, p + 2 * LANES);
            FloatVector e3 = FloatVector.fromArray(SPECIES, e, p + 3 * LANES);
            FloatVector w0 = FloatVector.fromArray(SPECIES, w, p);
            FloatVector w1 = FloatVector.fromArray(SPECIES, w, p + LANES);
            FloatVector w2 = FloatVector.fromArray(SPECIES, w, p + 2 * LANES);
            FloatVector w3 = FloatVector.fromArray(SPECIES, w, p + 3 * LANES);
            int q = j;
            for (int s = 0; s < k; s++, q += cols) {
                if (!plain) {
                    float gs = g[s];
                    if (gs == 0f) { // a clear, not 0 * e: no -0 for a negative e
                        e0 = FloatVector.zero(SPECIES);
                        e1 = e0;
                        e2 = e0;
                        e3 = e0;
                    } else if (gs != 1f) {
                        FloatVector gv = FloatVector.broadcast(SPECIES, gs);
                        e0 = e0.mul(gv);
                        e1 = e1.mul(gv);
                        e2 = e2.mul(gv);
                        e3 = e3.mul(gv);
                    }
                }
                FloatVector a = FloatVector.broadcast(SPECIES, u[c + s]);
                e0 = FloatVector.fromArray(SPECIES, v, q).fma(a, e0);
                e1 = FloatVector.fromArray(SPECIES, v, q + LANES).fma(a, e1);
                e2 = FloatVector.fromArray(SPECIES, v, q + 2 * LANES).fma(a, e2);
                e3 = FloatVector.fromArray(SPECIES, v, q + 3 * LANES).fma(a, e3);
                float bs = beta[s];
                if (plain || bs != 0f) {
                    FloatVector b = FloatVector.broadcast(SPECIES, bs);
                    w0 = e0.fma(b, w0);
                    w1 = e1.fma(b, w1);
                    w2 = e2.fma(b, w2);
                    w3 = e3.fma(b, w3);
                }
            }
            e0.intoArray(e, p);
            e1.intoArray(e, p + LANES);
            e2.intoArray(e, p + 2 * LANES);
            e3.intoArray(e, p + 3 * LANES);
            w0.intoArray(w, p);
            w1.intoArray(w, p + LANES);
            w2.intoArray(w, p + 2 * LANES);
            w3.intoArray(w, p + 3 * LANES);
        }
    }

    /** Columns [from, cols) of one row: one vector at a time, then element by element. */
    private static void rankKTail(float[] e, float[] w, int o, int from, int cols, int k, float[] u, int c, float[] v,
            float[] g, float[] beta) {
        int bound = SPECIES.loopBound(cols);
        int j = from;
        for (; j < bound; j += LANES) {
            FloatVector ev = FloatVector.fromArray(SPECIES, e, o + j);
            FloatVector wv = FloatVector.fromArray(SPECIES, w, o + j);
            int q = j;
            for (int s = 0; s < k; s++, q += cols) {
                float gs = g[s];
                if (gs != 1f) {
                    ev = gs == 0f ? FloatVector.zero(SPECIES) : ev.mul(gs);
                }
                ev = FloatVector.fromArray(SPECIES, v, q).fma(FloatVector.broadcast(SPECIES, u[c + s]), ev);
                float bs = beta[s];
                if (bs != 0f) {
                    wv = ev.fma(FloatVector.broadcast(SPECIES, bs), wv);
                }
            }
            ev.intoArray(e, o + j);
            wv.intoArray(w, o + j);
        }
        for (; j < cols; j++) {
            float eij = e[o + j];
            float wij = w[o + j];
            int q = j;
            for (int s = 0; s < k; s++, q += cols) {
                float gs = g[s];
                if (gs != 1f) {
                    eij = gs == 0f ? 0f : gs * eij;
                }
                eij = Math.fma(u[c + s], v[q], eij);
                if (beta[s] != 0f) {
                    wij = Math.fma(beta[s], eij, wij);
                }
            }
            e[o + j] = eij;
            w[o + j] = wij;
        }
    }

    private static void axpy(float alpha, float[] x, int xOffset, float[] y, int yOffset, int n) {
        FloatVector av = FloatVector.broadcast(SPECIES, alpha);
        int bound = SPECIES.loopBound(n);
        int j = 0;
        for (; j < bound; j += SPECIES.length()) {
            FloatVector.fromArray(SPECIES, x, xOffset + j)
                    .fma(av, FloatVector.fromArray(SPECIES, y, yOffset + j))
                    .intoArray(y, yOffset + j);
        }
        for (; j < n; j++) {
            y[yOffset + j] = Math.fma(alpha, x[xOffset + j], y[yOffset + j]);
        }
    }

    // The fused updates run as short passes over N floats (they stay in L1) instead of one loop with
    // the nonlinearity chosen inside it. A FloatVector handed between two of our own methods is boxed
    // (allocated) whenever C2 runs out of inlining budget, so no vector crosses a method boundary here:
    // each pass takes arrays and keeps its vectors local.

    @Override
    public void leakPhiOfSum(float[] x, float[] h, float[] c, int n, float leak, float gain, Nonlinearity phi) {
        add(h, c, h, n);
        apply(phi, h, h, n);
        leak(x, h, n, leak, gain);
    }

    @Override
    public void leakSumOfPhi(float[] x, float[] h, float[] c, float[] r, int n, float leak, float gain,
            Nonlinearity phi) {
        add(h, c, h, n);
        leak(x, h, n, leak, gain);
        apply(phi, x, r, n);
    }

    @Override
    public void activate(float[] src, float[] c, float[] dst, int n, Nonlinearity phi) {
        add(src, c, dst, n);
        apply(phi, dst, dst, n);
    }

    /**
     * One flat pass over the rows x n block: a vector's column runs on into the next row, reading drive and
     * base from their second copy, so no row ends in a scalar tail (n = 100 is not a multiple of 8 lanes).
     */
    @Override
    public void phiOfSumRows(float[] drive, float[] base, float[] c, int rows, int n, float gain, Nonlinearity phi,
            float[] rates, float[] next) {
        if (n < LANES || (phi != Nonlinearity.TANH && phi != Nonlinearity.RELU)) {
            Kernels.super.phiOfSumRows(drive, base, c, rows, n, gain, phi, rates, next);
            return;
        }
        int total = rows * n;
        int end = phi == Nonlinearity.TANH ? tanhRows(drive, base, c, total, n, gain, rates, next)
                : reluRows(drive, base, c, total, n, gain, rates, next);
        for (int f = end; f < total; f++) {
            int i = f % n;
            float r = phi.apply(drive[i] + c[f]);
            rates[f] = r;
            next[f] = Math.fma(gain, r, base[i]);
        }
    }

    /** The vector part of phiOfSumRows for tanh (Nonlinearity.tanh lane by lane, as in tanh()); returns where it stopped. */
    private static int tanhRows(float[] drive, float[] base, float[] c, int total, int n, float gain, float[] rates,
            float[] next) {
        FloatVector p2 = FloatVector.broadcast(SPECIES, Nonlinearity.P2);
        FloatVector p1 = FloatVector.broadcast(SPECIES, Nonlinearity.P1);
        FloatVector p0 = FloatVector.broadcast(SPECIES, Nonlinearity.P0);
        FloatVector q2 = FloatVector.broadcast(SPECIES, Nonlinearity.Q2);
        FloatVector q1 = FloatVector.broadcast(SPECIES, Nonlinearity.Q1);
        FloatVector one = FloatVector.broadcast(SPECIES, 1f);
        FloatVector g = FloatVector.broadcast(SPECIES, gain);
        int bound = SPECIES.loopBound(total);
        int col = 0;
        int f = 0;
        for (; f < bound; f += LANES) {
            FloatVector x = FloatVector.fromArray(SPECIES, drive, col).add(FloatVector.fromArray(SPECIES, c, f))
                    .max(-Nonlinearity.TANH_CLAMP).min(Nonlinearity.TANH_CLAMP);
            FloatVector s = x.mul(x);
            FloatVector p = s.fma(Nonlinearity.P4, Nonlinearity.P3).fma(s, p2).fma(s, p1).fma(s, p0);
            FloatVector q = s.fma(Nonlinearity.Q4, Nonlinearity.Q3).fma(s, q2).fma(s, q1).fma(s, one);
            FloatVector r = x.mul(p).div(q).max(-1f).min(1f);
            r.intoArray(rates, f);
            r.fma(g, FloatVector.fromArray(SPECIES, base, col)).intoArray(next, f);
            col += LANES;
            if (col >= n) {
                col -= n;
            }
        }
        return f;
    }

    /** The vector part of phiOfSumRows for ReLU; returns where it stopped. */
    private static int reluRows(float[] drive, float[] base, float[] c, int total, int n, float gain, float[] rates,
            float[] next) {
        FloatVector g = FloatVector.broadcast(SPECIES, gain);
        int bound = SPECIES.loopBound(total);
        int col = 0;
        int f = 0;
        for (; f < bound; f += LANES) {
            FloatVector r = FloatVector.fromArray(SPECIES, drive, col).add(FloatVector.fromArray(SPECIES, c, f)).max(0f);
            r.intoArray(rates, f);
            r.fma(g, FloatVector.fromArray(SPECIES, base, col)).intoArray(next, f);
            col += LANES;
            if (col >= n) {
                col -= n;
            }
        }
        return f;
    }

    /** dst = a + b. */
    private static void add(float[] a, float[] b, float[] dst, int n) {
        int bound = SPECIES.loopBound(n);
        int i = 0;
        for (; i < bound; i += SPECIES.length()) {
            FloatVector.fromArray(SPECIES, a, i).add(FloatVector.fromArray(SPECIES, b, i)).intoArray(dst, i);
        }
        for (; i < n; i++) {
            dst[i] = a[i] + b[i];
        }
    }

    /** x = leak x + gain in. */
    private static void leak(float[] x, float[] in, int n, float leak, float gain) {
        int bound = SPECIES.loopBound(n);
        int i = 0;
        for (; i < bound; i += SPECIES.length()) {
            FloatVector.fromArray(SPECIES, x, i).mul(leak)
                    .add(FloatVector.fromArray(SPECIES, in, i).mul(gain))
                    .intoArray(x, i);
        }
        for (; i < n; i++) {
            x[i] = leak * x[i] + gain * in[i];
        }
    }

    /** dst = phi(src); src and dst may be the same array. */
    private static void apply(Nonlinearity phi, float[] src, float[] dst, int n) {
        switch (phi) {
            case TANH -> tanh(src, dst, n);
            case RELU -> relu(src, dst, n);
            case SIGMOID -> sigmoid(src, dst, n);
            case IDENTITY -> {
                if (src != dst) {
                    System.arraycopy(src, 0, dst, 0, n);
                }
            }
        }
    }

    /** Nonlinearity.tanh, lane by lane, with the same operations in the same order (so the same bits). */
    private static void tanh(float[] src, float[] dst, int n) {
        FloatVector p2 = FloatVector.broadcast(SPECIES, Nonlinearity.P2);
        FloatVector p1 = FloatVector.broadcast(SPECIES, Nonlinearity.P1);
        FloatVector p0 = FloatVector.broadcast(SPECIES, Nonlinearity.P0);
        FloatVector q2 = FloatVector.broadcast(SPECIES, Nonlinearity.Q2);
        FloatVector q1 = FloatVector.broadcast(SPECIES, Nonlinearity.Q1);
        FloatVector one = FloatVector.broadcast(SPECIES, 1f);
        int bound = SPECIES.loopBound(n);
        int i = 0;
        for (; i < bound; i += SPECIES.length()) {
            FloatVector x = FloatVector.fromArray(SPECIES, src, i)
                    .max(-Nonlinearity.TANH_CLAMP).min(Nonlinearity.TANH_CLAMP);
            FloatVector s = x.mul(x);
            FloatVector p = s.fma(Nonlinearity.P4, Nonlinearity.P3).fma(s, p2).fma(s, p1).fma(s, p0);
            FloatVector q = s.fma(Nonlinearity.Q4, Nonlinearity.Q3).fma(s, q2).fma(s, q1).fma(s, one);
            x.mul(p).div(q).max(-1f).min(1f).intoArray(dst, i);
        }
        for (; i < n; i++) {
            dst[i] = Nonlinearity.tanh(src[i]);
        }
    }

    private static void relu(float[] src, float[] dst, int n) {
        int bound = SPECIES.loopBound(n);
        int i = 0;
        for (; i < bound; i += SPECIES.length()) {
            FloatVector.fromArray(SPECIES, src, i).max(0f).intoArray(dst, i);
        }
        for (; i < n; i++) {
            dst[i] = Nonlinearity.RELU.apply(src[i]);
        }
    }

    /** sigma(h) = tanh(h/2)/2 + 1/2, as three passes so that no vector crosses a method boundary. */
    private static void sigmoid(float[] src, float[] dst, int n) {
        scale(src, dst, n, 0.5f, 0f);
        tanh(dst, dst, n);
        scale(dst, dst, n, 0.5f, 0.5f);
    }

    /** dst = a src + b. */
    private static void scale(float[] src, float[] dst, int n, float a, float b) {
        int bound = SPECIES.loopBound(n);
        int i = 0;
        for (; i < bound; i += SPECIES.length()) {
            FloatVector.fromArray(SPECIES, src, i).mul(a).add(b).intoArray(dst, i);
        }
        for (; i < n; i++) {
            dst[i] = a * src[i] + b;
        }
    }
}
