package org.neurorig.compare;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.neurorig.mop.Figures;
import org.neurorig.mop.Stat;

/** The figures of a {@code compare} run: learning curves, performance against mismatch, the single effects. */
final class CompareFigures {

    private final CompareResults results;

    CompareFigures(CompareResults results) {
        this.results = results;
    }

    /** Writes the PNGs into {@code dir}; returns their file names. */
    List<String> write(Path dir) {
        List<String> names = new ArrayList<>();
        if (!results.sweep().isEmpty()) {
            List<Chart<?, ?>> panels = new ArrayList<>();
            for (Condition c : results.sweep()) {
                panels.add(learningCurves(c));
            }
            names.add(savePanels(dir, "learning-curves.png", panels));
            names.add(savePanels(dir, "performance-vs-mismatch.png", List.of(versusSeverity("steps balanced on the hardware (of "
                    + results.maxTicks() + ")", r -> r.hardware().steps(), Styler.LegendPosition.InsideSW), versusSeverity(
                    "RMS pole angle on the hardware (deg)", r -> r.hardware().rmsAngleDeg(), Styler.LegendPosition.InsideNW))));
        }
        if (!results.effects().isEmpty()) {
            names.add(savePanels(dir, "single-effects.png", List.of(effectBars())));
        }
        return names;
    }

    private XYChart learningCurves(Condition c) {
        XYChart chart = Figures.lines("learning on the hardware, " + c.name(), "training episode",
                "episode length (steps; mean over seeds of a " + LearningCurve.WINDOW + "-episode mean)");
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax((double) results.maxTicks());
        for (Learner l : CompareTables.IN_LOOP) {
            SeedRuns runs = results.seeds(c, l);
            if (!runs.isEmpty()) {
                LearningCurve curve = LearningCurve.of(runs);
                // a band of +-SEM at every episode would hide the lines: the curves are drawn without it
                Figures.addLine(chart, l.label(), curve.episodes(), curve.mean(), null);
            }
        }
        return chart;
    }

    private XYChart versusSeverity(String yLabel, ToDoubleFunction<LearnerRun> measure, Styler.LegendPosition legend) {
        XYChart chart = Figures.lines(yLabel.substring(0, yLabel.indexOf(" on ")) + " vs mismatch", "mismatch severity (0 none, 1 strong)",
                yLabel);
        chart.getStyler().setLegendPosition(legend);
        chart.getStyler().setMarkerSize(6);
        for (Learner l : Learner.values()) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            List<Double> es = new ArrayList<>();
            for (Condition c : results.sweep()) {
                SeedRuns runs = results.seeds(c, l);
                if (!runs.isEmpty()) {
                    Stat s = runs.stat(measure);
                    xs.add(c.severity());
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

    private CategoryChart effectBars() {
        List<String> names = results.effects().stream().map(Condition::name).toList();
        List<List<Stat>> stats = new ArrayList<>();
        for (Learner l : List.of(Learner.S, Learner.S_TO_H)) {
            List<Stat> row = new ArrayList<>();
            for (Condition c : results.effects()) {
                row.add(results.seeds(c, l).stat(r -> r.hardware().rmsAngleDeg()));
            }
            stats.add(row);
        }
        CategoryChart chart = Figures.bars("each effect alone at strong: how still the pole is held", "RMS pole angle on the hardware (deg)",
                names, List.of(Learner.S.label(), Learner.S_TO_H.label()), stats);
        chart.getStyler().setXAxisLabelRotation(30);
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
