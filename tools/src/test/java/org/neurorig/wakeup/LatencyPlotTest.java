package org.neurorig.wakeup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** The log axes span whole decades, at least one, so that each shows two labels or more (1, 10, 100 ...). */
class LatencyPlotTest {

    @Test
    void aFewWakeUpsPerBinStillShowTheDecadesOneAndTen() {
        assertArrayEquals(new double[] {0.5, 10}, LatencyPlot.countRange(1));
        assertArrayEquals(new double[] {0.5, 10}, LatencyPlot.countRange(8));
        assertArrayEquals(new double[] {0.5, 100}, LatencyPlot.countRange(25));
        assertArrayEquals(new double[] {0.5, 1000}, LatencyPlot.countRange(1000));
    }

    @Test
    void theLatencyAxisRunsFromDecadeToDecade() {
        assertArrayEquals(new double[] {10, 10000}, LatencyPlot.latencyRange(10.5, 3989.5));
        assertArrayEquals(new double[] {10, 100}, LatencyPlot.latencyRange(80.5, 95.5));
        assertArrayEquals(new double[] {0.1, 1}, LatencyPlot.latencyRange(0.5, 0.5));
    }
}
