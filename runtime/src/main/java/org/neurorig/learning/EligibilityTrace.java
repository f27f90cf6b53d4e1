package org.neurorig.learning;

import java.util.Arrays;
import org.neurorig.kernel.Kernels;

/**
 * A synaptic tag per weight, {@code rows x cols}, built from rank-1 terms (postsynaptic factor times
 * presynaptic activity) and decaying by its own factor lambda per tick: {@code e <- lambda e + a u v^T}.
 *
 * <p>The decay is lazy: the trace is kept as {@code e = s * stored}, a decay multiplies the scalar s,
 * and a new term is added as {@code (a / s) u v^T}. A tick then costs one pass over the matrix (the
 * rank-1 update) instead of two (scale, then add); when s falls below 2^-20 the stored values are
 * multiplied by s once and s returns to 1, so the stored values stay within 2^20 of the true ones and
 * keep float's relative precision.
 *
 * <p>Owned by the tick's thread. Nothing here allocates.
 */
public final class EligibilityTrace {

    private static final float RENORMALIZE_BELOW = 0x1p-20f;

    private final Kernels kernels;
    private final int rows;
    private final int cols;
    private final float decay;
    private final float[] stored;
    private float scale = 1f;

    /**
     * @param decay lambda in [0, 1], the fraction kept per {@link #decay()}
     */
    public EligibilityTrace(int rows, int cols, float decay, Kernels kernels) {
        if (rows < 1 || cols < 1 || (long) rows * cols > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("eligibility trace of " + rows + " x " + cols + " is out of range");
        }
        if (!(decay >= 0f && decay <= 1f)) {
            throw new IllegalArgumentException("trace decay = " + decay + " is out of range: expected 0 <= lambda <= 1");
        }
        this.kernels = kernels;
        this.rows = rows;
        this.cols = cols;
        this.decay = decay;
        this.stored = new float[rows * cols];
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** lambda, the fraction kept per tick. */
    public float decayFactor() {
        return decay;
    }

    /** One tick of decay: {@code e <- lambda e}. */
    public void decay() {
        if (decay == 1f) {
            return;
        }
        scale *= decay;
        if (scale < RENORMALIZE_BELOW) {
            if (scale == 0f) {
                Arrays.fill(stored, 0f);
            } else {
                kernels.scale(scale, stored, stored.length);
            }
            scale = 1f;
        }
    }

    /** {@code e += alpha u v^T}; u has {@code rows} values, v {@code cols}. */
    public void accumulate(float alpha, float[] u, float[] v) {
        kernels.rank1Update(stored, rows, cols, alpha / scale, u, v);
    }

    /** {@code w += beta e}, w of the trace's shape. */
    public void addTo(float[] w, float beta) {
        kernels.axpy(beta * scale, stored, w, stored.length);
    }

    /** {@code e += alpha u v^T}, then {@code w += beta e}, in one pass over memory. */
    public void accumulateAndAddTo(float alpha, float[] u, float[] v, float[] w, float beta) {
        kernels.rank1UpdateAndAxpy(stored, w, rows, cols, alpha / scale, u, v, beta * scale);
    }

    /** {@code w += clamp(beta e, -limit, limit)} element by element. */
    public void clippedAddTo(float[] w, float beta, float limit) {
        kernels.clippedAxpy(beta * scale, stored, w, stored.length, limit);
    }

    /** e = 0. */
    public void clear() {
        Arrays.fill(stored, 0f);
        scale = 1f;
    }

    /** The trace's value for weight (i, j). */
    public float get(int i, int j) {
        return scale * stored[i * cols + j];
    }

    /** Copies the trace, row-major, into {@code dst} (for telemetry and tests; not for the tick). */
    public void copyTo(float[] dst) {
        for (int k = 0; k < stored.length; k++) {
            dst[k] = scale * stored[k];
        }
    }
}
