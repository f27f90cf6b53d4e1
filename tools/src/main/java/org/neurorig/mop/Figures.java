package org.neurorig.mop;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The PNG figures of the experiments, drawn with XChart (headless); {@code compare} draws with them too. */
public final class Figures {

    private static final int WIDTH = 720;
    private static final int HEIGHT = 460;

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Figures() {
    }

    /** A line chart; each series is {x, y} or {x, y, error}. */
    public static XYChart lines(String title, String xLabel, String yLabel) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xLabel)
                .yAxisTitle(yLabel).build();
        chart.getStyler().setMarkerSize(4);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideSE);
        return chart;
    }

    public static void addLine(XYChart chart, String name, double[] x, double[] y, double[] error) {
        XYSeries s = error == null ? chart.addSeries(name, x, y) : chart.addSeries(name, x, y, error);
        s.setMarker(SeriesMarkers.NONE);
    }

    /** Mean +- SEM across networks of a per-epoch measure, one line per arm. */
    static XYChart perEpoch(String title, String yLabel, List<String> arms, List<double[][]> perArmNetworkEpoch) {
        XYChart chart = lines(title, "epoch", yLabel);
        for (int a = 0; a < arms.size(); a++) {
            double[][] values = perArmNetworkEpoch.get(a); // [network][epoch]
            int epochs = values[0].length;
            double[] x = new double[epochs];
            double[] mean = new double[epochs];
            double[] sem = new double[epochs];
            for (int e = 0; e < epochs; e++) {
                double[] column = new double[values.length];
                for (int n = 0; n < values.length; n++) {
                    column[n] = values[n][e];
                }
                Stat s = Stat.of(column);
                x[e] = e;
                mean[e] = s.mean();
                sem[e] = s.sem();
            }
            addLine(chart, arms.get(a), x, mean, values.length > 1 ? sem : null);
        }
        return chart;
    }

    /** Grouped bars with error bars: one group per category, one bar per series. */
    public static CategoryChart bars(String title, String yLabel, List<String> categories, List<String> series,
            List<List<Stat>> statsPerSeries) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).yAxisTitle(yLabel)
                .build();
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
        for (int s = 0; s < series.size(); s++) {
            List<Double> means = new ArrayList<>();
            List<Double> sems = new ArrayList<>();
            for (Stat st : statsPerSeries.get(s)) {
                means.add(Double.isNaN(st.mean()) ? 0 : st.mean());
                sems.add(Double.isNaN(st.sem()) ? 0 : st.sem());
            }
            chart.addSeries(series.get(s), categories, means, sems);
        }
        return chart;
    }

    /**
     * An occupancy map: {@code grid[row][col]} over [lo, hi]^2 (row: second unit, col: first unit), with
     * the axis ticks in activity units.
     */
    static HeatMapChart occupancy(String title, double[][] grid, double lo, double hi, String xLabel, String yLabel) {
        int bins = grid.length;
        HeatMapChart chart = new HeatMapChartBuilder().width(560).height(500).title(title).xAxisTitle(xLabel)
                .yAxisTitle(yLabel).build();
        chart.getStyler().setShowValue(false);
        chart.getStyler().setPlotContentSize(1.0);
        chart.getStyler().setRangeColors(new Color[] {Color.WHITE, new Color(255, 200, 120), new Color(200, 40, 20),
            new Color(60, 0, 0)});
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisDecimalPattern("0.00");
        List<String> ticks = new ArrayList<>();
        for (int i = 0; i < bins; i++) {
            double centre = lo + (i + 0.5) * (hi - lo) / bins;
            // category labels must differ: the unlabelled ones are distinct runs of spaces
            ticks.add(i % Math.max(1, bins / 5) == 0 ? String.format(Locale.ROOT, "%.2f", centre) : " ".repeat(i + 1));
        }
        List<Number[]> data = new ArrayList<>();
        double max = 0;
        for (double[] row : grid) {
            for (double v : row) {
                max = Math.max(max, v);
            }
        }
        for (int r = 0; r < bins; r++) {
            for (int c = 0; c < bins; c++) {
                // square root: the visited region shows even where the density is low
                data.add(new Number[] {c, r, max == 0 ? 0 : Math.sqrt(grid[r][c] / max)});
            }
        }
        chart.getStyler().setMin(0);
        chart.getStyler().setMax(1);
        chart.addSeries("occupancy", ticks, ticks, data);
        return chart;
    }

    public static void save(Chart<?, ?> chart, Path file) {
        // painted onto our own image: XChart 4 deprecates its BitmapEncoder.saveBitmap
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(chart.getWidth(), chart.getHeight(),
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = image.createGraphics();
        try {
            chart.paint(g, chart.getWidth(), chart.getHeight());
        } finally {
            g.dispose();
        }
        try {
            javax.imageio.ImageIO.write(image, "png", file.toFile());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
