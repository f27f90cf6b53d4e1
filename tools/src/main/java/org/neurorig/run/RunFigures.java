package org.neurorig.run;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.HdrHistogram.AbstractHistogram;
import org.knowm.xchart.XYChart;
import org.neurorig.plot.Charts;
import org.neurorig.plot.Raster;
import org.neurorig.wakeup.LatencyPlot;

/** The report's figures, each a PNG in the run folder, with units on every axis. */
public final class RunFigures {

    /** The file names, in the order the report shows them. */
    public static final String LEARNING_CURVE = "learning-curve.png";
    public static final String LATENCY = "latency.png";
    public static final String ACTIVITY = "activity.png";
    public static final String TRAJECTORIES = "trajectories.png";

    private static final int WIDTH = 900;
    private static final int HEIGHT = 480;
    private static final int SMOOTHING = 20;

    private RunFigures() {
    }

    /** Steps balanced per episode, and their running mean over the last 20 episodes. */
    public static void learningCurve(List<RunDigest.Episode> episodes, int episodeLimit, Path png) throws IOException {
        XYChart chart = Charts.lines("Learning curve", "episode", "lifetime (ticks until the episode ended)", WIDTH, HEIGHT);
        int n = episodes.size();
        double[] x = new double[Math.max(1, n)];
        double[] y = new double[Math.max(1, n)];
        double[] mean = new double[Math.max(1, n)];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            x[i] = i + 1;
            y[i] = episodes.get(i).lifetime();
            sum += y[i];
            if (i >= SMOOTHING) {
                sum -= y[i - SMOOTHING];
            }
            mean[i] = sum / Math.min(i + 1, SMOOTHING);
        }
        Charts.points(chart, "each episode", x, y);
        Charts.line(chart, "mean of the last " + SMOOTHING, x, mean);
        if (episodeLimit > 0) { // thin and grey: the episodes that reached it stay visible on it
            Charts.line(chart, "episode limit", new double[] {1, Math.max(2, n)}, new double[] {episodeLimit, episodeLimit})
                    .setLineColor(Color.GRAY).setLineWidth(1f);
        }
        Charts.save(chart, png);
    }

    /** Wake-up latency histogram of the loop's ticks. */
    public static void latency(AbstractHistogram wakeNanos, String title, Path png) throws IOException {
        LatencyPlot.write(png, title, List.of(new LatencyPlot.Series("wake-up after the deadline", wakeNanos)));
    }

    /**
     * The network's activity over the last snapshots, unit by unit: a raster, time to the right, one row
     * per recorded unit, each cell the mean of the snapshots it covers (at most 300 columns).
     */
    public static void activity(List<float[]> snapshots, List<Long> ticks, double periodSeconds, Path png) throws IOException {
        int units = snapshots.isEmpty() ? 0 : snapshots.getFirst().length;
        int columns = Math.min(300, snapshots.size());
        float[][] cells = new float[units][columns];
        double from = 0;
        double to = 1;
        if (columns > 0) {
            int per = (snapshots.size() + columns - 1) / columns;
            columns = (snapshots.size() + per - 1) / per;
            cells = new float[units][columns];
            for (int c = 0; c < columns; c++) {
                int end = Math.min(snapshots.size(), (c + 1) * per);
                for (int u = 0; u < units; u++) {
                    float s = 0;
                    for (int i = c * per; i < end; i++) {
                        s += snapshots.get(i)[u];
                    }
                    cells[u][c] = s / (end - c * per);
                }
            }
            from = ticks.getFirst() * periodSeconds;
            to = (ticks.getLast() + 1) * periodSeconds;
        }
        String title = units == 0 ? "Network activity: no snapshots recorded"
                : "Network activity: " + units + " units, the last " + snapshots.size() + " snapshots";
        Files.write(png, Charts.png(Raster.draw(cells, title, "time (s since the run began)", from, to,
                "unit (activity, -1 to +1)", WIDTH, HEIGHT)));
    }

    /**
     * Cart position and pole angle through the first, the longest and the last episode: two stacked
     * panels in one image. {@code xSensor} and {@code angleSensor} index the trajectories' sensors.
     */
    public static void trajectories(List<RunDigest.Trajectory> trajectories, int xSensor, String xLabel, int angleSensor,
            String angleLabel, Path png) throws IOException {
        XYChart cart = Charts.lines("Cart and pole through three episodes", "time (s since the episode began)", xLabel,
                WIDTH, HEIGHT / 2 + 60);
        XYChart pole = Charts.lines("", "time (s since the episode began)", angleLabel, WIDTH, HEIGHT / 2 + 60);
        int drawn = 0;
        for (RunDigest.Trajectory t : trajectories) {
            if (t.seconds().length == 0) {
                continue;
            }
            drawn++;
            String name = "episode " + t.episode() + " (" + t.seconds().length + " ticks)";
            Charts.line(cart, name, t.seconds(), t.sensors()[xSensor]);
            Charts.line(pole, name, t.seconds(), t.sensors()[angleSensor]);
        }
        if (drawn == 0) {
            Charts.line(cart, "no finished episode", new double[] {0}, new double[] {0});
            Charts.line(pole, "no finished episode", new double[] {0}, new double[] {0});
        }
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(WIDTH, cart.getHeight() + pole.getHeight(),
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = image.createGraphics();
        try {
            Charts.paint(cart, g);
            g.translate(0, cart.getHeight());
            Charts.paint(pole, g);
        } finally {
            g.dispose();
        }
        Files.write(png, Charts.png(image));
    }
}
