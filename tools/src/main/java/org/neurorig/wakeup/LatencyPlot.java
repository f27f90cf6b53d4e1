package org.neurorig.wakeup;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.HistogramIterationValue;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.neurorig.plot.Ticks;

/**
 * The wake-up latency histogram as a PNG: count per 1 us bin, both axes logarithmic, one series per
 * source. Each axis spans whole decades, at least one, so that its labels (1, 10, 100 ...) show the
 * scale however few the wake-ups; the legend sits below the plot, clear of the data.
 */
public final class LatencyPlot {

    private LatencyPlot() {
    }

    /** A named histogram of nanoseconds to plot. */
    public record Series(String name, AbstractHistogram nanos) {
    }

    /** Writes the PNG; bins of 1 us up to the largest value in any series (at most 10 ms, the rest in the last bin). */
    public static void write(Path png, String title, List<Series> series) throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(1000).height(600).title(title)
                .xAxisTitle("wake-up latency (us, log scale)").yAxisTitle("wake-ups per 1 us bin").build();
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setXAxisLogarithmic(true); // the body is microseconds, the tail milliseconds
        chart.getStyler().setMarkerSize(5);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setLegendBorderColor(java.awt.Color.WHITE);
        // plain numbers: XChart writes 10000 as 1E4
        chart.getStyler().setXAxisTickLabelsFormattingFunction(Ticks::plain);
        chart.getStyler().setYAxisTickLabelsFormattingFunction(Ticks::plain);
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = 0;
        double yMax = 0;
        for (Series s : series) {
            long[] bins = bins(s.nanos());
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (int us = 0; us < bins.length; us++) {
                if (bins[us] > 0) { // a logarithmic axis has no zero
                    x.add(us + 0.5); // the bin [us, us + 1) at its centre, and no zero on a log axis
                    y.add((double) bins[us]);
                }
            }
            if (x.isEmpty()) {
                continue;
            }
            xMin = Math.min(xMin, x.getFirst());
            xMax = Math.max(xMax, x.getLast());
            yMax = Math.max(yMax, y.stream().mapToDouble(Double::doubleValue).max().orElse(1));
            XYSeries xy = chart.addSeries(s.name(), x, y);
            xy.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            xy.setMarker(SeriesMarkers.CIRCLE);
        }
        if (xMax > 0) {
            double[] xRange = latencyRange(xMin, xMax);
            double[] yRange = countRange(yMax);
            chart.getStyler().setXAxisMin(xRange[0]).setXAxisMax(xRange[1]);
            chart.getStyler().setYAxisMin(yRange[0]).setYAxisMax(yRange[1]);
        }
        // xchart 4.0.3 deprecates its save methods for single charts; the rendered image is not
        if (!javax.imageio.ImageIO.write(BitmapEncoder.getBufferedImage(chart), "png", png.toFile())) {
            throw new IOException("no PNG writer in this JVM (javax.imageio)");
        }
    }

    /** The x axis: from the decade at or below the smallest latency to the one at or above the largest, one at least. */
    static double[] latencyRange(double smallest, double largest) {
        double low = Math.pow(10, Math.floor(Math.log10(smallest)));
        return new double[] {low, Math.max(Math.pow(10, Math.ceil(Math.log10(largest))), 10 * low)};
    }

    /**
     * The y axis: up to the decade at or above the largest count, and at least to 10, so that 1 and 10
     * are labelled when no bin holds more than a few wake-ups; from 0.5, half the least a bin holds, so
     * that bins of 1 stay clear of the axis.
     */
    static double[] countRange(double largest) {
        return new double[] {0.5, Math.max(Math.pow(10, Math.ceil(Math.log10(largest))), 10)};
    }

    static long[] bins(AbstractHistogram nanos) {
        int last = (int) Math.min(10_000, nanos.getMaxValue() / 1000);
        long[] bins = new long[last + 1];
        for (HistogramIterationValue v : nanos.recordedValues()) {
            int us = (int) Math.min(last, v.getValueIteratedTo() / 1000);
            bins[us] += v.getCountAtValueIteratedTo();
        }
        return bins;
    }
}
