package org.neurorig.plot;

import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;
import javax.imageio.ImageIO;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The house style of neurorig's PNG figures (XChart, headless) and writing them out. A line chart's
 * legend sits below the plot, where it cannot cover data, and its x axis is labelled at
 * {@link Ticks}' values: XChart's own labels are drawn invisible (they keep the room for ours) and
 * ours are drawn over the painted chart.
 */
public final class Charts {

    private static final Color INVISIBLE = new Color(0, 0, 0, 0);
    /** Charts made by {@link #lines} whose x ticks are drawn here. */
    private static final Set<XYChart> OWN_X_TICKS = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Charts() {
    }

    /**
     * Draws one tiny chart, so that a command that will draw figures fails before it starts, not after
     * its work: a JDK whose font library cannot load (Debian's headless JDK installed without its
     * recommended libharfbuzz0b, say) throws linkage errors at the first text. Drawing once also has
     * Java2D and ImageIO register their JVM shutdown hooks now, which a report written during a Ctrl-C
     * shutdown could no longer do.
     *
     * @throws IllegalStateException one line: what did not load and what to install
     */
    public static void requireDrawable() {
        try {
            XYChart chart = lines("", "x", "y", 40, 30);
            line(chart, "w", new double[] {0, 1}, new double[] {0, 1});
            png(chart);
        } catch (LinkageError e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            throw new IllegalStateException("cannot draw figures: this JDK's font library did not load (" + root.getMessage()
                    + "); install what it needs: apt-get install fontconfig fonts-dejavu-core libfreetype6 libharfbuzz0b", e);
        }
    }

    /** A white line chart with axis titles that carry their units, the legend in a row below the plot. */
    public static XYChart lines(String title, String xLabel, String yLabel, int width, int height) {
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xLabel)
                .yAxisTitle(yLabel).build();
        XYStyler style = chart.getStyler();
        style.setChartBackgroundColor(Color.WHITE);
        style.setMarkerSize(4);
        style.setLegendPosition(Styler.LegendPosition.OutsideS);
        style.setLegendLayout(Styler.LegendLayout.Horizontal);
        style.setLegendBorderColor(Color.WHITE);
        // the data span the plot exactly (padded by the ranges set in paint), so that the plot's edges are
        // known in chart coordinates, where the x ticks are drawn
        style.setPlotContentSize(1.0);
        style.setXAxisTickLabelsColor(INVISIBLE);
        style.setXAxisTickMarksColor(INVISIBLE);
        style.setPlotGridVerticalLinesVisible(false);
        OWN_X_TICKS.add(chart);
        return chart;
    }

    /** Paints {@code chart} at the origin of {@code g}, at its own size. */
    public static void paint(Chart<?, ?> chart, Graphics2D g) {
        if (!(chart instanceof XYChart xy) || !OWN_X_TICKS.contains(xy)) {
            chart.paint(g, chart.getWidth(), chart.getHeight());
            return;
        }
        double[] x = range(xy, true);
        double[] y = range(xy, false);
        if (x == null || y == null) {
            chart.paint(g, chart.getWidth(), chart.getHeight());
            return;
        }
        double xPad = x[1] > x[0] ? 0.02 * (x[1] - x[0]) : 1;
        double yPad = y[1] > y[0] ? 0.05 * (y[1] - y[0]) : Math.max(1, Math.abs(y[0]) * 0.1);
        XYStyler style = xy.getStyler();
        style.setXAxisMin(x[0] - xPad).setXAxisMax(x[1] + xPad);
        style.setYAxisMin(y[0] - yPad).setYAxisMax(y[1] + yPad);
        chart.paint(g, chart.getWidth(), chart.getHeight());
        double left = xy.getScreenXFromChart(x[0] - xPad);
        double right = xy.getScreenXFromChart(x[1] + xPad);
        double top = xy.getScreenYFromChart(y[1] + yPad);
        double bottom = xy.getScreenYFromChart(y[0] - yPad);
        if (!(right - left > 0) || !(bottom - top > 0)) {
            return; // too small to have a plot area
        }
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(style.getAxisTickLabelsFont());
        FontMetrics fm = g.getFontMetrics();
        boolean wholeNumbers = wholeNumbers(xy);
        Ticks ticks = Ticks.choose(x[0], x[1], (right - left) * (x[1] - x[0]) / (x[1] - x[0] + 2 * xPad), wholeNumbers,
                fm::stringWidth);
        for (int i = 0; i < ticks.values().size(); i++) {
            double px = xy.getScreenXFromChart(ticks.values().get(i));
            g.setColor(style.getPlotGridLinesColor());
            g.setStroke(style.getPlotGridLinesStroke());
            g.draw(new Line2D.Double(px, top, px, bottom));
            g.setColor(style.getAxisTickMarksColor());
            g.setStroke(style.getAxisTickMarksStroke());
            g.draw(new Line2D.Double(px, bottom, px, bottom + style.getAxisTickMarkLength()));
            String label = ticks.labels().get(i);
            g.setColor(style.getAxisTickLabelsColor());
            g.drawString(label, (float) (px - fm.stringWidth(label) / 2.0),
                    (float) (bottom + style.getAxisTickMarkLength() + style.getAxisTickPadding() + fm.getAscent()));
        }
    }

    /** The smallest and largest finite x (or y) of all series, or null when there is none. */
    private static double[] range(XYChart chart, boolean x) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (XYSeries s : chart.getSeriesCollection()) {
            for (double v : x ? s.getXData() : s.getYData()) {
                if (Double.isFinite(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        return min <= max ? new double[] {min, max} : null;
    }

    /** Every x is a whole number (episodes, epochs): ticks between them would be meaningless. */
    private static boolean wholeNumbers(XYChart chart) {
        for (XYSeries s : chart.getSeriesCollection()) {
            for (double v : s.getXData()) {
                if (v != Math.rint(v)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Adds a line without markers. */
    public static XYSeries line(XYChart chart, String name, double[] x, double[] y) {
        XYSeries s = chart.addSeries(name, x, y);
        s.setMarker(SeriesMarkers.NONE);
        return s;
    }

    /** Adds points without a line. */
    public static XYSeries points(XYChart chart, String name, double[] x, double[] y) {
        XYSeries s = chart.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.CIRCLE);
        return s;
    }

    /** The chart as PNG bytes. */
    public static byte[] png(Chart<?, ?> chart) {
        // painted onto our own image: XChart 4 deprecates its BitmapEncoder's save methods
        BufferedImage image = new BufferedImage(chart.getWidth(), chart.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            paint(chart, g);
        } finally {
            g.dispose();
        }
        return png(image);
    }

    /** An image as PNG bytes. */
    public static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("this JVM has no PNG writer (javax.imageio)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Writes the chart to {@code file} as PNG. */
    public static void save(Chart<?, ?> chart, Path file) throws IOException {
        Files.write(file, png(chart));
    }
}
