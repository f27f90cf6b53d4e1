package org.neurorig.compare;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.neurorig.mop.Figures;
import org.neurorig.mop.Stat;

/**
 * The figures of a {@code compare} run: each axis (survival and RMS angle of every learner, with SEM
 * bars), learning curves and what each learner used (on the ideal hardware and where S breaks).
 */
final class CompareFigures {

    private final CompareResults results;

    CompareFigures(CompareResults results) {
        this.results = results;
    }

    /** Writes the PNGs into {@code dir}; returns their file names. */
    List<String> write(Path dir) {
        List<String> names = new ArrayList<>();
        for (Axis axis : results.settings().axes()) {
            if (!axis.sweeps()) {
                continue;
            }
            names.add(savePanels(dir, "axis-" + axis.name() + ".png", List.of(
                    alongAxis(axis, "steps balanced on the hardware (of " + results.maxTicks() + ")", r -> r.hardware().steps(),
                            Styler.LegendPosition.InsideSW),
                    alongAxis(axis, "RMS pole angle on the hardware (deg)", r -> r.hardware().rmsAngleDeg(), Styler.LegendPosition.InsideNW))));
        }
        if (!results.agreements().isEmpty()) {
            List<Chart<?, ?>> panels = new ArrayList<>();
            for (Axis axis : results.settings().axes()) {
                if (axis.sweeps()) {
                    panels.add(cosineAlong(axis));
                }
            }
            names.add(savePanels(dir, "gradient-cosine.png", panels));
        }
        List<Condition> shown = shownConditions();
        List<Chart<?, ?>> curves = new ArrayList<>();
        List<Chart<?, ?>> cost = new ArrayList<>();
        for (Condition c : shown) {
            curves.add(learningCurves(c));
            cost.add(cost(c));
        }
        names.add(savePanels(dir, "learning-curves.png", curves));
        names.add(savePanels(dir, "cost.png", cost));
        return names;
    }

    /** The ideal hardware, and on each axis the point where S breaks (or its last point); a profile's hardware. */
    private List<Condition> shownConditions() {
        if (results.settings().hardware() != null) {
            return results.settings().conditions();
        }
        Set<Condition> shown = new LinkedHashSet<>();
        for (Axis axis : results.settings().axes()) {
            results.points(axis).stream().filter(Condition::ideal).findFirst().ifPresent(shown::add);
        }
        for (Axis axis : results.settings().axes()) {
            for (CompareResults.Break b : results.breakingPoints(axis)) {
                shown.add(b.at().orElse(b.end()));
            }
        }
        return List.copyOf(shown);
    }

    private XYChart alongAxis(Axis axis, String yLabel, ToDoubleFunction<LearnerRun> measure, Styler.LegendPosition legend) {
        XYChart chart = Figures.lines(yLabel.substring(0, yLabel.indexOf(" on ")) + " along " + axis.label(), axis.label() + " (" + axis.unit()
                + ")", yLabel);
        chart.getStyler().setLegendPosition(legend);
        chart.getStyler().setMarkerSize(6);
        for (Learner l : Learner.values()) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            List<Double> es = new ArrayList<>();
            for (Condition c : results.points(axis)) {
                SeedRuns runs = results.seeds(c, l);
                if (!runs.isEmpty()) {
                    Stat s = runs.stat(measure);
                    xs.add(c.value());
                    ys.add(s.mean());
                    es.add(s.sem());
                }
            }
            if (!xs.isEmpty()) {
                chart.addSeries(l.label(), xs, ys, es).setMarker(SeriesMarkers.CIRCLE);
            }
        }
        return chart;
    }

    private XYChart cosineAlong(Axis axis) {
        XYChart chart = Figures.lines("S's model gradient vs the hardware's, along " + axis.label(), axis.label() + " (" + axis.unit() + ")",
                "cosine (mean +- SEM over seeds)");
        chart.getStyler().setYAxisMin(-1.1);
        chart.getStyler().setYAxisMax(1.1);
        chart.getStyler().setMarkerSize(6);
        chart.getStyler().setLegendVisible(false);
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        List<Double> es = new ArrayList<>();
        for (Condition c : results.points(axis)) {
            Stat s = results.cosine(c);
            if (s.n() > 0) {
                xs.add(c.value());
                ys.add(s.mean());
                es.add(s.sem());
            }
        }
        if (!xs.isEmpty()) {
            chart.addSeries("cosine", xs, ys, es).setMarker(SeriesMarkers.CIRCLE);
        }
        return chart;
    }

    private XYChart learningCurves(Condition c) {
        XYChart chart = Figures.lines("learning on the hardware, " + c.name(), "training episode",
                "episode length (steps; mean over seeds of a " + LearningCurve.WINDOW + "-episode mean)");
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax((double) results.maxTicks());
        for (Learner l : Learner.values()) {
            SeedRuns runs = results.seeds(c, l);
            if (l.inLoop() && !runs.isEmpty()) {
                LearningCurve curve = LearningCurve.of(runs);
                // a band of +-SEM at every episode would hide the lines: the curves are drawn without it
                Figures.addLine(chart, l.label(), curve.episodes(), curve.mean(), null);
            }
        }
        return chart;
    }

    /** Each learner's deployable controller against what it used: hardware episodes, or model rollouts for S. */
    private XYChart cost(Condition c) {
        XYChart chart = Figures.lines("what each learner used, " + c.name(), "hardware episodes (H, S->H) or model rollouts (S), log",
                "steps on the check starts, learning off (mean over seeds)");
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax((double) results.maxTicks());
        for (Learner l : Learner.values()) {
            SeedRuns runs = results.seeds(c, l);
            if (runs.isEmpty() || runs.list().getFirst().progress().used().length == 0) {
                continue;
            }
            double[] used = runs.list().getFirst().progress().used();
            double[] mean = new double[used.length];
            for (int i = 0; i < used.length; i++) {
                int k = i;
                mean[i] = runs.stat(r -> r.progress().steps()[k]).mean();
            }
            // a log axis cannot show 0: the starting point is drawn at 1
            double[] x = used.clone();
            for (int i = 0; i < x.length; i++) {
                x[i] = Math.max(1, x[i]);
            }
            Figures.addLine(chart, l.label() + (l.inLoop() ? "" : " (rollouts)"), x, mean, null);
        }
        return chart;
    }

    /** Paints the charts side by side (two per row) into one PNG. */
    private static String savePanels(Path dir, String name, List<? extends Chart<?, ?>> charts) {
        int columns = Math.min(2, charts.size());
        int rows = (charts.size() + columns - 1) / columns;
        int w = charts.getFirst().getWidth();
        int h = charts.getFirst().getHeight();
        BufferedImage image = new BufferedImage(w * columns, h * rows, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            for (int i = 0; i < charts.size(); i++) {
                Graphics2D panel = (Graphics2D) g.create((i % columns) * w, (i / columns) * h, w, h);
                try {
                    charts.get(i).paint(panel, w, h);
                } finally {
                    panel.dispose();
                }
            }
        } finally {
            g.dispose();
        }
        try {
            ImageIO.write(image, "png", dir.resolve(name).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(name) + ": " + e.getMessage(), e);
        }
        return name;
    }
}
