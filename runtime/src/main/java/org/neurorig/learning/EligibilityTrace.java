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
 * <p>Deferred ticks ({@link Timing#updatingEvery(int)}). An online rule updates its weights at every
 * reward, which for an N x N matrix is a pass over trace and weights per tick. Deferred, a trace records
 * each tick in low-rank form instead and applies K of them in one pass: {@link #deferTick} records a
 * tick (its decay and its term {@code a u v^T}; the two vectors are copied), {@link #deferReward}
 * records {@code W += beta e} against that tick's trace, and {@link #applyDeferred} applies the
 * recorded ticks to the trace and the weights at once ({@link Kernels#rankKUpdateAndAxpy}). A tick's
 * coefficients are taken in the stored coordinates of that tick, {@code (a / s_t) u} and
 * {@code beta s_t}, and a renormalization that falls inside the block becomes that tick's factor
 * {@code g_t} in the kernel, so the pass performs each tick's operations in the per-tick order: after
 * it, trace and weights equal, bit for bit, what {@link #decay()}, {@link #accumulate} and
 * {@link #accumulateAndAddTo} tick by tick would have made. What differs is only when the forward pass
 * sees the updates: a step runs on weights that lack those of up to K - 1 earlier ticks of its block.
 * While ticks are deferred the stored values are behind, so the other methods refuse to run until they
 * are applied. (When a rule applies a block, and the other triggers: {@code TraceRule}.)
 *
 * <p>A block's pass can also be spread over later ticks ({@link Timing#spread()}), so that no tick pays
 * the whole pass (for a large N, longer than a loop's period): {@link #startApplying} hands the
 * recorded ticks to a second set of buffers, and {@link #applyRows} applies them to a range of rows at
 * a time while the next block is recorded. Rows are independent and each row still sees its ticks in
 * order (a block's rows are all applied before the next block starts applying), so the end result is
 * the same, to the bit; the forward pass sees a row's updates up to 2K - 1 ticks late.
 * {@link #restart()} clears the trace at its place in that order (the next deferred tick's g = 0), so a
 * new episode needs no pass either.
 *
 * <p>Owned by the tick's thread. Nothing here allocates.
 */
public final class EligibilityTrace {

    private static final float RENORMALIZE_BELOW = 0x1p-20f;
    private static final Kernels RARE_PATH = Kernels.scalar();

    private final Kernels kernels;
    private final int rows;
    private final int cols;
    private final float decay;
    private final float[] stored;
    private float scale = 1f;

    private final int deferCapacity;

    /** Up to deferCapacity deferred ticks in low-rank form, laid out as the rank-K kernel reads them. */
    private static final class Block {
        /** Column t of a rows x capacity matrix: tick t's postsynaptic vector times a / s_t. */
        final float[] u;
        /** Row t: tick t's presynaptic vector. */
        final float[] v;
        /** Tick t's factor on the stored values before its term: 1, or a renormalization (0 clears). */
        final float[] g;
        /** Tick t's weight coefficient, the sum of its rewards' beta times s_t. */
        final float[] beta;
        int ticks;

        Block(int capacity, int rows, int cols) {
            u = new float[capacity * rows];
            v = new float[capacity * cols];
            g = new float[capacity];
            beta = new float[capacity];
        }
    }

    /** The block being recorded. */
    private Block recording;
    /** The block being applied a row range at a time; swapped with the recorded one. */
    private Block applying;
    /** Rows [0, applyingRow) of the applying block are done. */
    private int applyingRow;
    /** {@link #restart()} was called: e = 0 from the next deferred tick on. */
    private boolean restartPending;

    /**
     * A trace updated tick by tick.
     *
     * @param decay lambda in [0, 1], the fraction kept per {@link #decay()}
     */
    public EligibilityTrace(int rows, int cols, float decay, Kernels kernels) {
        this(rows, cols, decay, 0, kernels);
    }

    /**
     * A trace that can also defer up to {@code deferCapacity} ticks ({@link #deferTick}); it holds
     * {@code 2 x deferCapacity x (rows + cols)} floats for them (a block recorded, a block applying).
     *
     * @param decay lambda in [0, 1], the fraction kept per tick
     */
    public EligibilityTrace(int rows, int cols, float decay, int deferCapacity, Kernels kernels) {
        if (rows < 1 || cols < 1 || (long) rows * cols > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("eligibility trace of " + rows + " x " + cols + " is out of range");
        }
        if (!(decay >= 0f && decay <= 1f)) {
            throw new IllegalArgumentException("trace decay = " + decay + " is out of range: expected 0 <= lambda <= 1");
        }
        if (deferCapacity < 0 || (long) deferCapacity * (rows + cols) > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("deferred ticks = " + deferCapacity + " is out of range for a " + rows + " x "
                    + cols + " trace: expected 0 or more, with room for that many rows and columns");
        }
        this.kernels = kernels;
        this.rows = rows;
        this.cols = cols;
        this.decay = decay;
        this.stored = new float[rows * cols];
        this.deferCapacity = deferCapacity;
        this.recording = new Block(deferCapacity, rows, cols);
        this.applying = new Block(deferCapacity, rows, cols);
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** One tick of decay: {@code e <- lambda e}. */
    public void decay() {
        requireNothingDeferred();
        if (decay == 1f) {
            return;
        }
        scale *= decay;
        if (scale < RENORMALIZE_BELOW) {
            if (scale == 0f) {
                Arrays.fill(stored, 0f);
            } else {
                // Scalar on purpose: this runs a few times per episode, too rarely for C2 to compile a
                // vector kernel, and the Vector API allocates (boxes every vector) until C2 has. Same bits.
                RARE_PATH.scale(scale, stored, stored.length);
            }
            scale = 1f;
        }
    }

    /** {@code e += alpha u v^T}; u has {@code rows} values, v {@code cols}. */
    public void accumulate(float alpha, float[] u, float[] v) {
        requireNothingDeferred();
        kernels.rank1Update(stored, rows, cols, alpha / scale, u, v);
    }

    /** {@code w += beta e}, w of the trace's shape. */
    public void addTo(float[] w, float beta) {
        requireNothingDeferred();
        kernels.axpy(beta * scale, stored, w, stored.length);
    }

    /** {@code e += alpha u v^T}, then {@code w += beta e}, in one pass over memory. */
    public void accumulateAndAddTo(float alpha, float[] u, float[] v, float[] w, float beta) {
        requireNothingDeferred();
        kernels.rank1UpdateAndAxpy(stored, w, rows, cols, alpha / scale, u, v, beta * scale);
    }

    /** {@code w += clamp(beta e, -limit, limit)} element by element. */
    public void clippedAddTo(float[] w, float beta, float limit) {
        requireNothingDeferred();
        kernels.clippedAxpy(beta * scale, stored, w, stored.length, limit);
    }

    /** e = 0; deferred ticks not yet applied are dropped. */
    public void clear() {
        Arrays.fill(stored, 0f);
        scale = 1f;
        recording.ticks = 0;
        applying.ticks = 0;
        restartPending = false;
    }

    /**
     * e = 0 from now on, in the deferred order: ticks already deferred keep their effect on the weights,
     * and the next deferred tick starts from a cleared trace (a factor g = 0 in the pass), so no pass over
     * the matrix is needed now, as {@link #clear()} would. A new episode's trace, on a spread schedule.
     */
    public void restart() {
        scale = 1f;
        restartPending = true;
    }

    /** How many ticks {@link #deferTick} can hold. */
    public int deferCapacity() {
        return deferCapacity;
    }

    /** Ticks recorded by {@link #deferTick} and not yet handed on ({@link #startApplying}) or applied. */
    public int deferredTicks() {
        return recording.ticks;
    }

    /** Ticks of the block {@link #applyRows} is working through; 0 when its rows are all done. */
    public int applyingTicks() {
        return applying.ticks;
    }

    /**
     * Records one tick for later: the decay {@code e <- lambda e}, then {@code e += alpha u v^T} (no term
     * when {@code u} is null or alpha is 0). u and v are copied: the caller may overwrite them at once.
     * Requires {@code deferredTicks() < deferCapacity()}.
     */
    public void deferTick(float alpha, float[] u, float[] v) {
        Block b = recording;
        if (b.ticks == deferCapacity) {
            throw new IllegalStateException("the trace already holds " + deferCapacity
                    + " deferred ticks: apply them (applyDeferred) before recording another");
        }
        float g = 1f;
        if (restartPending) { // the clear of restart(), at its place in the order (scale is already 1)
            g = 0f;
            restartPending = false;
        }
        if (decay != 1f) {
            scale *= decay;
            if (scale < RENORMALIZE_BELOW) { // renormalized in the pass, at this tick's place in the order
                g = g == 0f ? 0f : scale;
                scale = 1f;
            }
        }
        int t = b.ticks;
        b.g[t] = g;
        b.beta[t] = 0f;
        int vOffset = t * cols;
        if (u == null || alpha == 0f) {
            for (int i = 0, at = t; i < rows; i++, at += deferCapacity) {
                b.u[at] = 0f;
            }
            Arrays.fill(b.v, vOffset, vOffset + cols, 0f);
        } else {
            float a = alpha / scale; // the per-tick rule's coefficient: (alpha / s) u_i, the same two roundings
            for (int i = 0, at = t; i < rows; i++, at += deferCapacity) {
                b.u[at] = a * u[i];
            }
            System.arraycopy(v, 0, b.v, vOffset, cols);
        }
        b.ticks = t + 1;
    }

    /**
     * {@code w += beta e}, e as of the latest deferred tick: recorded with that tick (several rewards in
     * one tick add up), or applied at once (after any block still applying) when no tick is recorded.
     */
    public void deferReward(float[] w, float beta) {
        if (restartPending) {
            return; // e = 0 since the restart: nothing to add
        }
        if (recording.ticks == 0) {
            finishApplying(w);
            kernels.axpy(beta * scale, stored, w, stored.length);
        } else {
            recording.beta[recording.ticks - 1] += beta * scale;
        }
    }

    /**
     * Applies every deferred tick, in order, to the trace and to {@code w} (of the trace's shape): the
     * rest of the block {@link #applyRows} was working through, then the recorded ticks, one pass over
     * both; afterwards nothing is deferred.
     */
    public void applyDeferred(float[] w) {
        finishApplying(w);
        if (recording.ticks > 0) {
            apply(recording, w, 0, rows);
            recording.ticks = 0;
        }
        if (restartPending) {
            Arrays.fill(stored, 0f);
            restartPending = false;
        }
    }

    /**
     * Makes the recorded ticks the block that {@link #applyRows} applies, first finishing the rows of the
     * previous one; recording starts again from empty. {@code w} is the matrix the ticks update.
     */
    public void startApplying(float[] w) {
        finishApplying(w);
        if (recording.ticks == 0) {
            return; // a pending restart stays pending: no tick has been deferred after it
        }
        Block done = applying;
        applying = recording;
        recording = done;
        applyingRow = 0;
    }

    /**
     * Applies the next {@code maxRows} rows (or what is left) of the block handed on by
     * {@link #startApplying} to the trace and {@code w}.
     */
    public void applyRows(float[] w, int maxRows) {
        if (applying.ticks == 0) {
            return;
        }
        int end = (int) Math.min(rows, (long) applyingRow + Math.max(0, maxRows));
        apply(applying, w, applyingRow, end);
        applyingRow = end;
        if (end == rows) {
            applying.ticks = 0;
        }
    }

    private void apply(Block b, float[] w, int firstRow, int endRow) {
        kernels.rankKUpdateAndAxpy(stored, w, firstRow, endRow, cols, b.ticks, b.u, deferCapacity, b.v, b.g, b.beta);
    }

    private void finishApplying(float[] w) {
        applyRows(w, rows);
    }

    private void requireNothingDeferred() {
        if (recording.ticks != 0 || applying.ticks != 0 || restartPending) {
            throw new IllegalStateException((recording.ticks + applying.ticks)
                    + " deferred ticks are not yet in the trace: apply them (applyDeferred) first");
        }
    }

    /** The trace's value for weight (i, j). */
    public float get(int i, int j) {
        requireNothingDeferred();
        return scale * stored[i * cols + j];
    }

    /** Copies the trace, row-major, into {@code dst} (for telemetry and tests; not for the tick). */
    public void copyTo(float[] dst) {
        requireNothingDeferred();
        for (int k = 0; k < stored.length; k++) {
            dst[k] = scale * stored[k];
        }
    }
}
