package org.neurorig.latency;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * Per-tick latencies of a control loop, in nanoseconds, into one HdrHistogram
 * {@link SingleWriterRecorder} per {@link LatencySeries}. The loop thread records (wait-free, no
 * allocation: the histograms have a fixed range, values beyond it are saturated); another thread takes
 * interval histograms ({@link #intervalHistogram}) and logs them, which swaps the recorder's buffers
 * without stopping the writer.
 */
public final class LoopLatency {

    /** Highest value tracked: 10 s. A longer stall is recorded as 10 s. */
    public static final long HIGHEST_NANOS = 10_000_000_000L;
    /** Three significant digits: 0.1 % resolution at every magnitude. */
    public static final int SIGNIFICANT_DIGITS = 3;

    private final long periodNanos;
    private final SingleWriterRecorder[] recorders = new SingleWriterRecorder[LatencySeries.values().length];

    public LoopLatency(long periodNanos) {
        this.periodNanos = periodNanos;
        for (int i = 0; i < recorders.length; i++) {
            recorders[i] = new SingleWriterRecorder(1, HIGHEST_NANOS, SIGNIFICANT_DIGITS);
        }
    }

    /** A histogram of the range and precision the recorders use (to reuse with {@link #intervalHistogram}). */
    public static Histogram newHistogram() {
        return new Histogram(1, HIGHEST_NANOS, SIGNIFICANT_DIGITS);
    }

    public long periodNanos() {
        return periodNanos;
    }

    /** Records one tick; all times on the loop's clock, in order. Loop thread only. */
    public void record(long deadline, long wake, long readEnd, long updateEnd, long writeEnd, long publishEnd) {
        long wakeUp = clamp(wake - deadline);
        recorders[LatencySeries.WAKE_UP.ordinal()].recordValue(wakeUp);
        recorders[LatencySeries.WAKE_UP_CORRECTED.ordinal()].recordValueWithExpectedInterval(wakeUp, periodNanos);
        recorders[LatencySeries.READ.ordinal()].recordValue(clamp(readEnd - wake));
        recorders[LatencySeries.UPDATE.ordinal()].recordValue(clamp(updateEnd - readEnd));
        recorders[LatencySeries.WRITE.ordinal()].recordValue(clamp(writeEnd - updateEnd));
        recorders[LatencySeries.PUBLISH.ordinal()].recordValue(clamp(publishEnd - writeEnd));
        recorders[LatencySeries.TICK.ordinal()].recordValue(clamp(publishEnd - wake));
    }

    /**
     * The values recorded into {@code series} since the last call. {@code reuse} is null or the histogram
     * the previous call for the same series returned (the recorder recycles only its own). Any thread
     * but the loop's.
     */
    public Histogram intervalHistogram(LatencySeries series, Histogram reuse) {
        return recorders[series.ordinal()].getIntervalHistogram(reuse);
    }

    private static long clamp(long nanos) {
        return nanos < 0 ? 0 : (nanos > HIGHEST_NANOS ? HIGHEST_NANOS : nanos);
    }
}
