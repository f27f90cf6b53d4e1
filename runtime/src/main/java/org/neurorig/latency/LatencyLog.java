package org.neurorig.latency;

import java.io.IOException;
import java.io.OutputStream;
import java.util.EnumMap;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.NanoClock;

/**
 * Takes {@link LoopLatency}'s interval histograms once per interval, writes them to an HdrHistogram
 * interval log (one tagged line per series, readable by HdrHistogram's HistogramLogReader and
 * HistogramLogProcessor, e.g. {@code -tag wake-up}), and keeps the run's totals. A duty-cycle agent for
 * a non-real-time thread; the loop never waits for it.
 */
public final class LatencyLog implements Agent {

    private final LoopLatency latency;
    private final HistogramLogWriter writer;
    private final NanoClock clock;
    private final long intervalNanos;
    private final long startNanos;
    private final Map<LatencySeries, Histogram> totals = new EnumMap<>(LatencySeries.class);
    private final Map<LatencySeries, Histogram> intervals = new EnumMap<>(LatencySeries.class); // recycled, per recorder
    private long intervalStart;
    private boolean closed;

    /**
     * @param out           where the log goes, or null to keep totals only
     * @param startEpochMs  wall-clock start, written as the log's StartTime
     */
    public LatencyLog(LoopLatency latency, OutputStream out, NanoClock clock, long intervalNanos, long startEpochMs) {
        this.latency = latency;
        this.clock = clock;
        this.intervalNanos = intervalNanos;
        this.startNanos = clock.nanoTime();
        this.intervalStart = startNanos;
        for (LatencySeries s : LatencySeries.values()) {
            totals.put(s, LoopLatency.newHistogram());
        }
        if (out != null) {
            writer = new HistogramLogWriter(out);
            writer.outputLogFormatVersion();
            writer.outputComment("neurorig control loop latencies in nanoseconds; tags: wake-up, wake-up-corrected, "
                    + "read, update, write, publish, tick; period " + latency.periodNanos() + " ns");
            writer.outputStartTime(startEpochMs);
            writer.setBaseTime(startEpochMs);
            writer.outputLegend();
        } else {
            writer = null;
        }
    }

    @Override
    public String roleName() {
        return "neurorig-latency-log";
    }

    @Override
    public int doWork() {
        long now = clock.nanoTime();
        if (now - intervalStart < intervalNanos) {
            return 0;
        }
        takeInterval(now);
        return 1;
    }

    private void takeInterval(long now) {
        double start = (intervalStart - startNanos) / 1e9;
        double end = (now - startNanos) / 1e9;
        for (LatencySeries s : LatencySeries.values()) {
            Histogram h = latency.intervalHistogram(s, intervals.get(s));
            intervals.put(s, h);
            totals.get(s).add(h);
            if (writer != null && h.getTotalCount() > 0) {
                h.setTag(s.tag());
                writer.outputIntervalHistogram(start, end, h, 1000.0); // max column in microseconds
            }
        }
        intervalStart = now;
    }

    /** Takes the last interval and closes the log. Call after the loop has stopped. */
    @Override
    public void onClose() {
        if (closed) {
            return;
        }
        closed = true;
        takeInterval(clock.nanoTime());
        if (writer != null) {
            writer.close();
        }
    }

    /** Everything recorded into {@code series} up to the last interval taken (a copy). */
    public Histogram total(LatencySeries series) {
        return totals.get(series).copy();
    }

    /** Closes the log (as {@link #onClose()}); for callers that run it without an agent runner. */
    public void close() throws IOException {
        onClose();
    }
}
