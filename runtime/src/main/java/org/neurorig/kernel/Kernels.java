package org.neurorig.kernel;

import java.util.List;

/**
 * The dense float kernels that stepping and learning are built from. Matrices are row-major
 * {@code float[rows * cols]}. No method allocates, locks or checks more than array bounds: callers
 * validate shapes once, at construction, so the control tick pays nothing for it.
 *
 * <p>{@link #scalar()} is the plain reference; {@link #vector()} is the Vector API version at the
 * CPU's widest float vectors (16 lanes on AVX-512, 8 on AVX2, 4 on a Raspberry Pi's NEON), and
 * {@link #best()} picks the faster of the two. All implementations agree within float rounding.
 */
public sealed interface Kernels permits ScalarKernels, VectorKernels, BlasKernels {

    /** A short name for tables and test reports, e.g. {@code "scalar"} or {@code "vector-256"}. */
    String name();

    /** {@code y = M x}, M is {@code rows x cols}. */
    void matVec(float[] m, int rows, int cols, float[] x, float[] y);

    /** {@code y += M x}, M is {@code rows x cols}. */
    void matVecAdd(float[] m, int rows, int cols, float[] x, float[] y);

    /** The rank-1 update every three-factor rule ends in: {@code M += alpha u v^T}. */
    void rank1Update(float[] m, int rows, int cols, float alpha, float[] u, float[] v);

    /** Leak plus nonlinearity of the summed input: {@code x = leak x + gain phi(h + c)}; h is scratch and may be overwritten. */
    void leakPhiOfSum(float[] x, float[] h, float[] c, int n, float leak, float gain, Nonlinearity phi);

    /** Leak plus summed input, then the rate: {@code x = leak x + gain (h + c); r = phi(x)}; h may be overwritten. */
    void leakSumOfPhi(float[] x, float[] h, float[] c, float[] r, int n, float leak, float gain, Nonlinearity phi);

    /** {@code dst = phi(src + c)}. */
    void activate(float[] src, float[] c, float[] dst, int n, Nonlinearity phi);

    /** {@code y += alpha x}. */
    void axpy(float alpha, float[] x, float[] y, int n);

    /** {@code x = alpha x}: renormalizes an eligibility trace kept with a lazy decay factor. */
    void scale(float alpha, float[] x, int n);

    /**
     * {@code y += clamp(alpha x, -limit, limit)}, element by element: a weight update whose every
     * element is clipped (Miconi 2017's rule).
     */
    void clippedAxpy(float alpha, float[] x, float[] y, int n, float limit);

    /**
     * The online three-factor tick in one pass over memory: {@code E += alpha u v^T}, then
     * {@code W += beta E} with the updated E. Both are {@code rows x cols}; the fused pass reads E once
     * instead of twice.
     */
    void rank1UpdateAndAxpy(float[] e, float[] w, int rows, int cols, float alpha, float[] u, float[] v, float beta);

    /**
     * {@code k} ticks of the online three-factor update in one pass over memory, on rows
     * {@code [firstRow, endRow)} of E and W: for s = 0 .. k-1, in order, {@code E = g_s E} (skipped when
     * {@code g_s = 1}; {@code g_s = 0} clears E), then {@code E += u_s v_s^T}, then {@code W += beta_s E}
     * (skipped when {@code beta_s = 0}). E and W are {@code rows x cols}; tick s's postsynaptic vector is
     * column s of {@code u}, a {@code rows x ldu} matrix ({@code u[i * ldu + s]}, ldu &gt;= k, so a row's k
     * coefficients are adjacent), its presynaptic vector row s of {@code v}, {@code k x cols}; {@code g}
     * and {@code beta} have k values.
     *
     * <p>Each element of E and W is read and written once for all k ticks, and each tick's arithmetic is
     * exactly that of {@link #rank1UpdateAndAxpy} with {@code alpha u} passed as u (one fused multiply-add
     * for E, one for W, in the same order), so the result equals k calls of it bit for bit, in every
     * implementation. Rows are independent: a pass split into row ranges gives the same result.
     */
    void rankKUpdateAndAxpy(float[] e, float[] w, int firstRow, int endRow, int cols, int k, float[] u, int ldu,
            float[] v, float[] g, float[] beta);

    /**
     * The batched product {@code C = A B}: A is {@code rows x inner}, B is {@code inner x cols}, C is
     * {@code rows x cols}, all row-major. Evaluating one layer on a batch of inputs (one input per row of
     * A, the layer's weights transposed in B) is one call. Each element of C is summed in index order of
     * the inner dimension, one fused multiply-add at a time, in the scalar and the vector kernels alike,
     * so the two give the same bits.
     */
    void matMul(float[] a, int rows, int inner, float[] b, int cols, float[] c);

    /**
     * One phi-of-sum step of the same state under {@code rows} different injected currents at once (the
     * successors of a state under every action): for every row a and element i,
     * {@code rates[a n + i] = phi(drive[i] + c[a n + i])} and
     * {@code next[a n + i] = fma(gain, rates[a n + i], base[i])}. {@code c}, {@code rates} and {@code next}
     * are {@code rows x n}; {@code drive} and {@code base} hold 2n values, their n values twice over, so a
     * vector may run on from the end of one row into the start of the next without wrapping. The result is
     * that of {@link #activate} and then {@link #axpy} over the tiled rows, bit for bit, in every
     * implementation; the vector kernels do it in one pass over memory instead of five.
     */
    default void phiOfSumRows(float[] drive, float[] base, float[] c, int rows, int n, float gain, Nonlinearity phi,
            float[] rates, float[] next) {
        for (int a = 0; a < rows; a++) {
            System.arraycopy(drive, 0, rates, a * n, n);
            System.arraycopy(base, 0, next, a * n, n);
        }
        activate(rates, c, rates, rows * n, phi);
        axpy(gain, rates, next, rows * n);
    }

    /** The plain Java reference implementation. */
    static Kernels scalar() {
        return ScalarKernels.INSTANCE;
    }

    /**
     * The Vector API implementation at the JVM's preferred width ({@link #vectorBits()}). On a CPU
     * without SIMD registers the Vector API falls back to plain Java and is slower than
     * {@link #scalar()}: use {@link #best()}.
     */
    static Kernels vector() {
        return VectorKernels.INSTANCE;
    }

    /** The vector kernels when the CPU has SIMD registers of 128 to 512 bits, otherwise the scalar ones. */
    static Kernels best() {
        return hasVectorKernels() ? vector() : scalar();
    }

    /** Whether this JVM's float vectors are 128 to 512 bits wide, the widths the vector kernels are written for. */
    static boolean hasVectorKernels() {
        return vectorBits() >= 128 && vectorBits() <= 512;
    }

    /**
     * The float vector width the vector kernels use, in bits: the widest the CPU has, capped by
     * HotSpot's {@code -XX:MaxVectorSize} (16 gives 128 bits, as on a Raspberry Pi's NEON).
     */
    static int vectorBits() {
        return VectorKernels.bits();
    }

    /** Every implementation this JVM runs natively: the scalar reference, and the vector kernels when SIMD is there. */
    static List<Kernels> allNative() {
        return hasVectorKernels() ? List.of(scalar(), vector()) : List.of(scalar());
    }

    /**
     * The system's OpenBLAS (single-threaded) for the matrix products, when it is installed: the
     * yardstick for benchmarks, not for the control tick (its calls may allocate).
     */
    static java.util.Optional<Kernels> openBlas() {
        return BlasKernels.instance().map(k -> k);
    }

    /** One line that says OpenBLAS is missing and how to install it. */
    static String openBlasUnavailableReason() {
        return BlasKernels.unavailableReason();
    }

    /** Looks a kernel up by {@code "best"}, {@code "scalar"}, {@code "vector"} or {@code "openblas"}. */
    static Kernels named(String name) {
        return switch (name) {
            case "best" -> best();
            case "scalar" -> scalar();
            case "vector" -> vector();
            case "openblas" -> openBlas().orElseThrow(() -> new IllegalArgumentException(openBlasUnavailableReason()));
            default -> {
                if (name.equals(vector().name())) {
                    yield vector();
                }
                throw new IllegalArgumentException("unknown kernels '" + name + "': expected best, scalar, vector or openblas");
            }
        };
    }
}
