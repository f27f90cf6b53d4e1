package org.neurorig.latency;

import org.HdrHistogram.AbstractHistogram;

/**
 * The figures a latency run is judged by (cyclictest's, plus percentiles), in nanoseconds.
 *
 * @param count ticks measured
 */
public record LatencySummary(long count, long min, double mean, long p50, long p99, long p999, long max) {

    /** The summary of a histogram of nanoseconds; all zero when it is empty. */
    public static LatencySummary of(AbstractHistogram h) {
        if (h.getTotalCount() == 0) {
            return new LatencySummary(0, 0, 0, 0, 0, 0, 0);
        }
        return new LatencySummary(h.getTotalCount(), h.getMinValue(), h.getMean(), h.getValueAtPercentile(50),
                h.getValueAtPercentile(99), h.getValueAtPercentile(99.9), h.getMaxValue());
    }
}
