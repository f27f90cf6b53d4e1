package org.neurorig.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.EnumMap;
import java.util.Map;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.agrona.concurrent.CachedNanoClock;
import org.junit.jupiter.api.Test;

class LatencyLogTest {

    @Test
    void intervalLogsAreHdrHistogramsOwnFormatWithOneTagPerSeries() {
        long period = 1_000_000;
        LoopLatency latency = new LoopLatency(period);
        CachedNanoClock clock = new CachedNanoClock();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LatencyLog log = new LatencyLog(latency, bytes, clock, 1_000_000_000L, 1_700_000_000_000L);
        for (int interval = 0; interval < 3; interval++) {
            for (int t = 0; t < 1000; t++) {
                long d = t * period;
                long wake = d + 20_000 + (t == 500 ? 3_500_000 : 0); // one wake-up 3.5 periods late
                latency.record(d, wake, wake + 1_000, wake + 11_000, wake + 12_000, wake + 12_500);
            }
            clock.advance(1_000_000_000L);
            assertEquals(1, log.doWork());
        }
        log.onClose();
        Map<String, Long> counts = new java.util.HashMap<>();
        Map<String, Long> max = new java.util.HashMap<>();
        HistogramLogReader reader = new HistogramLogReader(new ByteArrayInputStream(bytes.toByteArray()));
        EncodableHistogram h;
        while ((h = reader.nextIntervalHistogram()) != null) {
            Histogram hist = (Histogram) h;
            counts.merge(h.getTag(), hist.getTotalCount(), Long::sum);
            max.merge(h.getTag(), hist.getMaxValue(), Math::max);
        }
        assertEquals(3000L, counts.get("wake-up"));
        assertEquals(3000L + 3 * 2, counts.get("wake-up-corrected"),
                "a wake-up 3.52 periods late also stands for the wake-ups that would have seen 2.52 and 1.52 periods");
        assertEquals(3000L, counts.get("update"));
        assertTrue(Math.abs(max.get("wake-up") - 3_520_000) < 3_520, "max " + max.get("wake-up"));
        Map<LatencySeries, LatencySummary> totals = new EnumMap<>(LatencySeries.class);
        for (LatencySeries s : LatencySeries.values()) {
            totals.put(s, LatencySummary.of(log.total(s)));
        }
        assertEquals(3000, totals.get(LatencySeries.TICK).count());
        assertTrue(Math.abs(totals.get(LatencySeries.UPDATE).p50() - 10_000) <= 10, "p50 update " + totals.get(LatencySeries.UPDATE).p50());
        assertTrue(Math.abs(totals.get(LatencySeries.TICK).mean() - 12_500) < 15);
    }
}
