package org.neurorig.compare;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.neurorig.mop.Figures;
import org.neurorig.mop.Stat;

/** The table, the reading and the figures of a {@code compare} run. */
final class CompareReport {

    private static final List<Learner> IN_LOOP = List.of(Learner.NP, Learner.WP, Learner.REINFORCE, Learner.S_TO_H);

    private final CompareExperiment.Results results;
    private final CompareSettings settings;
    private final int maxTicks;

    CompareReport(CompareExperiment.Results results) {
        this.results = results;
        this.settings = results.settings();
        this.maxTicks = settings.schedule().maxTicks();
    }

    List<LearnerRun> runs(Condition c, Learner learner) {
        return results.runs().stream().filter(r -> r.condition().equals(c) && r.learner() == learner)
                .sorted(Comparator.comparingInt(LearnerRun::seed)).toList();
    }

    private List<Condition> sweep() {
        return settings.conditions().stream().filter(Condition::sweep).toList();
    }

    private List<Condition> effects() {
        return settings.conditions().stream().filter(c -> !c.sweep()).toList();
    }

    private static Stat stat(List<LearnerRun> runs, ToDoubleFunction<LearnerRun> f) {
        return Stat.of(runs.stream().mapToDouble(f).toArray());
    }

    /** Episodes to criterion over the seeds that met it; NaN when none did. */
    private static Stat criterion(List<LearnerRun> runs) {
        return Stat.of(runs.stream().filter(LearnerRun::reached).mapToDouble(LearnerRun::criterion).toArray());
    }

    /** Median over the seeds of the first training episode that lasted the whole episode, e.g. {@code 37 (5/5)}; seeds without one count as never. */
    static String firstFull(List<LearnerRun> runs) {
        double[] sorted = runs.stream().mapToDouble(r -> r.firstFull() < 0 ? Double.POSITIVE_INFINITY : r.firstFull()).sorted().toArray();
        long had = runs.stream().filter(r -> r.firstFull() >= 0).count();
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return (Double.isInfinite(median) ? "never" : String.format(Locale.ROOT, "%.0f", median)) + " (" + had + "/" + n + ")";
    }

    private static long reached(List<LearnerRun> runs) {
        return runs.stream().filter(LearnerRun::reached).count();
    }

    // ---- text

    /** The main table: every learner at every severity. */
    List<String> table() {
        List<String> lines = new ArrayList<>();
        String head = String.format(Locale.ROOT, "%-15s %-13s | %-15s | %-15s | %-16s | %-17s | %-5s | %s", "hardware", "learner",
                "model: steps", "hardware: steps", "hw: RMS angle", "episodes to crit.", "met", "first full episode");
        lines.add(head);
        lines.add("-".repeat(head.length() + 4));
        for (Condition c : sweep()) {
            boolean first = true;
            for (Learner l : CompareExperiment.learners(c)) {
                List<LearnerRun> runs = runs(c, l);
                if (runs.isEmpty()) {
                    continue;
                }
                String crit;
                if (l == Learner.S) {
                    crit = "(trains on model)";
                } else {
                    Stat s = criterion(runs);
                    crit = s.n() == 0 ? "-" : s.format(0);
                }
                lines.add(String.format(Locale.ROOT, "%-15s %-13s | %-15s | %-15s | %-16s | %-17s | %-5s | %s", first ? c.name() : "",
                        l.label(), stat(runs, r -> r.model().steps()).format(0), stat(runs, r -> r.hardware().steps()).format(0),
                        stat(runs, r -> r.hardware().rmsAngleDeg()).format(2) + " deg", crit, reached(runs) + "/" + runs.size(),
                        l == Learner.S ? "" : firstFull(runs)));
                first = false;
            }
        }
        lines.add("");
        lines.add("mean +- SEM over seeds. steps: mean episode length (of " + maxTicks + ") from " + settings.schedule().testEpisodes()
                + " fixed starts with learning off; RMS angle: the pole's true angle over those episodes. episodes to crit.:");
        lines.add("training episodes on the hardware until, with learning off, the controller balanced every one of "
                + settings.schedule().checkStarts() + " check starts (checked every " + settings.schedule().checkEvery()
                + "), over the seeds that met it; met: seeds that met it (S: as deployed). first full episode: median over the seeds");
        lines.add("of the number of the first training episode that lasted all " + maxTicks + " steps (learning on), and how many seeds had one.");
        return lines;
    }

    /** S and S->H with one effect at a time. */
    List<String> effectTable() {
        List<String> lines = new ArrayList<>();
        if (effects().isEmpty()) {
            return lines;
        }
        String head = String.format(Locale.ROOT, "%-11s | %-13s | %-15s | %-13s | %-15s | %-17s | %s", "effect", "S: hw steps",
                "S: RMS angle", "S->H: steps", "S->H: RMS", "S->H: episodes", "S met");
        lines.add(head);
        lines.add("-".repeat(head.length() + 4));
        for (Condition c : effects()) {
            List<LearnerRun> s = runs(c, Learner.S);
            List<LearnerRun> sh = runs(c, Learner.S_TO_H);
            Stat crit = criterion(sh);
            lines.add(String.format(Locale.ROOT, "%-11s | %-13s | %-15s | %-13s | %-15s | %-17s | %d/%d", c.name(),
                    stat(s, r -> r.hardware().steps()).format(0), stat(s, r -> r.hardware().rmsAngleDeg()).format(2) + " deg",
                    stat(sh, r -> r.hardware().steps()).format(0), stat(sh, r -> r.hardware().rmsAngleDeg()).format(2) + " deg",
                    crit.n() == 0 ? "-" : crit.format(0) + " (" + reached(sh) + "/" + sh.size() + ")", reached(s), s.size()));
        }
        lines.add("");
        lines.add("each effect alone at its strong value, everything else ideal; on the ideal cart-pole S's RMS angle is "
                + idealRms().map(v -> String.format(Locale.ROOT, "%.3f deg", v)).orElse("not measured (no severity 0 in this run)"));
        return lines;
    }

    private Optional<Double> idealRms() {
        return sweep().stream().filter(c -> c.severity() == 0).findFirst()
                .map(c -> stat(runs(c, Learner.S), r -> r.hardware().rmsAngleDeg()).mean());
    }

    /** A short text that reads the result: each statement computed from the numbers above. */
    List<String> reading() {
        List<String> out = new ArrayList<>();
        List<Condition> sweep = sweep();
        if (!sweep.isEmpty()) {
            Condition ideal = sweep.getFirst();
            Condition worst = sweep.getLast();
            // S against the in-loop learners at equal footing: the model, and the ideal hardware
            Stat sModel = stat(runs(ideal, Learner.S), r -> r.model().steps());
            Stat sRms = stat(runs(ideal, Learner.S), r -> r.model().rmsAngleDeg());
            out.add(String.format(Locale.ROOT, "On the model, S balances for %.0f of %d steps with an RMS pole angle of %.3f deg, after %d model "
                    + "rollouts and no episode on the hardware.", sModel.mean(), maxTicks, sRms.mean(), settings.software().rollouts()));
            for (Learner l : List.of(Learner.NP, Learner.WP, Learner.REINFORCE)) {
                List<LearnerRun> runs = runs(ideal, l);
                Stat model = stat(runs, r -> r.model().steps());
                Stat rms = stat(runs, r -> r.model().rmsAngleDeg());
                out.add(String.format(Locale.ROOT, "  %s after %d episodes at %s: %.0f steps on the model, RMS angle %.3f deg (%s S's).", l.label(),
                        runs.isEmpty() ? 0 : runs.getFirst().lengths().length, ideal.name(), model.mean(), rms.mean(),
                        model.mean() < sModel.mean() - 1 || rms.mean() > sRms.mean() ? "worse than" : "as good as or better than"));
            }
            Stat sFirst = stat(runs(ideal, Learner.S), r -> r.hardware().steps());
            Stat sLast = stat(runs(worst, Learner.S), r -> r.hardware().steps());
            Stat rFirst = stat(runs(ideal, Learner.S), r -> r.hardware().rmsAngleDeg());
            Stat rLast = stat(runs(worst, Learner.S), r -> r.hardware().rmsAngleDeg());
            out.add(String.format(Locale.ROOT, "From %s to %s, S on the hardware goes from %.0f to %.0f steps and its RMS pole angle from %.3f to "
                    + "%.3f deg (x%.0f): %s.", ideal.name(), worst.name(), sFirst.mean(), sLast.mean(), rFirst.mean(), rLast.mean(),
                    rLast.mean() / rFirst.mean(), sLast.mean() < sFirst.mean() - 1 ? "it degrades and stops balancing"
                            : rLast.mean() > 2 * rFirst.mean() ? "it keeps the pole up but holds it much less still"
                            : "it does not degrade much over this range"));
            for (Learner l : List.of(Learner.NP, Learner.WP, Learner.REINFORCE)) {
                StringBuilder s = new StringBuilder("  " + l.label() + " met the criterion at");
                boolean all = true;
                for (Condition c : sweep) {
                    List<LearnerRun> runs = runs(c, l);
                    Stat crit = criterion(runs);
                    all &= reached(runs) == runs.size();
                    s.append(String.format(Locale.ROOT, " %s: %d/%d%s;", c.name().replace("severity ", ""), reached(runs), runs.size(),
                            crit.n() == 0 ? "" : String.format(Locale.ROOT, " (%.0f episodes)", crit.mean())));
                }
                s.append(all ? " every seed at every level." : " not every seed at every level.");
                out.add(s.toString());
            }
            List<LearnerRun> worstFine = runs(worst, Learner.S_TO_H);
            Stat fineCrit = criterion(worstFine);
            Stat fineRms = stat(worstFine, r -> r.hardware().rmsAngleDeg());
            Stat npCrit = criterion(runs(worst, Learner.NP));
            out.add(String.format(Locale.ROOT, "At %s, S->H (S's weights fine-tuned by NP for %d episodes) met the criterion in %d/%d seeds%s, "
                    + "against NP from scratch%s; its RMS angle on the hardware is %.3f deg against S's %.3f deg (S's on the ideal "
                    + "cart-pole: %.3f deg): %.0f%% of that gap recovered.", worst.name(),
                    settings.schedule().fineTuneEpisodes(), reached(worstFine), worstFine.size(),
                    fineCrit.n() == 0 ? "" : String.format(Locale.ROOT, " after %.0f episodes", fineCrit.mean()),
                    npCrit.n() == 0 ? " never" : String.format(Locale.ROOT, " after %.0f", npCrit.mean()), fineRms.mean(), rLast.mean(),
                    rFirst.mean(), 100 * (rLast.mean() - fineRms.mean()) / (rLast.mean() - rFirst.mean())));
        }
        List<Condition> effects = effects();
        if (!effects.isEmpty()) {
            Condition hurts = effects.stream().max(Comparator.comparingDouble((Condition c) ->
                    -stat(runs(c, Learner.S), r -> r.hardware().steps()).mean()).thenComparingDouble(c ->
                    stat(runs(c, Learner.S), r -> r.hardware().rmsAngleDeg()).mean())).orElseThrow();
            out.add(String.format(Locale.ROOT, "Alone at strong, the effect that hurts S most is %s (%s): %.0f steps, RMS angle %.3f deg on "
                    + "the hardware.", hurts.name(), hurts.effect().models(), stat(runs(hurts, Learner.S), r -> r.hardware().steps()).mean(),
                    stat(runs(hurts, Learner.S), r -> r.hardware().rmsAngleDeg()).mean()));
        }
        return out;
    }

    /** One line per run, for anyone who wants to analyse further. */
    String csv() {
        StringBuilder s = new StringBuilder("hardware,learner,seed,criterion,first_full_episode,model_steps,model_rms_deg,"
                + "hardware_steps,hardware_rms_deg,training_episodes,seconds\n");
        for (LearnerRun r : results.runs()) {
            s.append(String.format(Locale.ROOT, "%s,%s,%d,%d,%d,%.1f,%.4f,%.1f,%.4f,%d,%.2f%n", r.condition().name(), r.learner().label(),
                    r.seed(), r.criterion(), r.firstFull(), r.model().steps(), r.model().rmsAngleDeg(), r.hardware().steps(),
                    r.hardware().rmsAngleDeg(), r.lengths().length, r.seconds()));
        }
        return s.toString();
    }

    // ---- figures

    /** Writes the PNGs into {@code dir}; returns their file names. */
    List<String> figures(Path dir) {
        List<String> names = new ArrayList<>();
        if (!sweep().isEmpty()) {
            List<Chart<?, ?>> panels = new ArrayList<>();
            for (Condition c : sweep()) {
                panels.add(learningCurves(c));
            }
            names.add(savePanels(dir, "learning-curves.png", panels));
            names.add(savePanels(dir, "performance-vs-mismatch.png", List.of(versusSeverity("steps balanced on the hardware (of "
                    + maxTicks + ")", r -> r.hardware().steps(), Styler.LegendPosition.InsideSW), versusSeverity(
                    "RMS pole angle on the hardware (deg)", r -> r.hardware().rmsAngleDeg(), Styler.LegendPosition.InsideNW))));
        }
        if (!effects().isEmpty()) {
            names.add(savePanels(dir, "single-effects.png", List.of(effectBars())));
        }
        return names;
    }

    private XYChart learningCurves(Condition c) {
        XYChart chart = Figures.lines("learning on the hardware, " + c.name(), "training episode",
                "episode length (steps; mean over seeds of a 10-episode mean)");
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax((double) maxTicks);
        for (Learner l : IN_LOOP) {
            double[][] curve = learningCurve(runs(c, l));
            if (curve.length > 0) {
                // a band of +-SEM at every episode would hide the lines: the curves are drawn without it
                Figures.addLine(chart, l.label(), curve[0], curve[1], null);
            }
        }
        return chart;
    }

    /** {episode numbers, mean over the seeds of the 10-episode moving mean of the length, its SEM}; empty without runs. */
    private static double[][] learningCurve(List<LearnerRun> runs) {
        if (runs.isEmpty()) {
            return new double[0][];
        }
        int episodes = runs.getFirst().lengths().length;
        double[][] curve = new double[3][episodes];
        for (int e = 0; e < episodes; e++) {
            double[] column = new double[runs.size()];
            for (int k = 0; k < runs.size(); k++) {
                column[k] = movingMean(runs.get(k).lengths(), e, 10);
            }
            Stat s = Stat.of(column);
            curve[0][e] = e + 1;
            curve[1][e] = s.mean();
            curve[2][e] = s.sem();
        }
        return curve;
    }

    /** The learning curves as a table: one row per hardware, learner and episode. */
    String curvesCsv() {
        StringBuilder s = new StringBuilder("hardware,learner,episode,mean_length_10,sem,seeds\n");
        for (Condition c : sweep()) {
            for (Learner l : IN_LOOP) {
                List<LearnerRun> runs = runs(c, l);
                double[][] curve = learningCurve(runs);
                for (int e = 0; curve.length > 0 && e < curve[0].length; e++) {
                    s.append(String.format(Locale.ROOT, "%s,%s,%d,%.2f,%.2f,%d%n", c.name(), l.label(), e + 1, curve[1][e], curve[2][e],
                            runs.size()));
                }
            }
        }
        return s.toString();
    }

    private static double movingMean(int[] values, int end, int window) {
        int from = Math.max(0, end - window + 1);
        double sum = 0;
        for (int i = from; i <= end; i++) {
            sum += values[i];
        }
        return sum / (end - from + 1);
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
            for (Condition c : sweep()) {
                List<LearnerRun> runs = runs(c, l);
                if (!runs.isEmpty()) {
                    Stat s = stat(runs, measure);
                    xs.add(c.severity());
                    ys.add(s.mean());
                    es.add(s.sem());
                }
            }
            if (!xs.isEmpty()) {
                var series = chart.addSeries(l.label(), xs, ys, es);
                series.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.CIRCLE);
            }
        }
        return chart;
    }

    private CategoryChart effectBars() {
        List<String> names = effects().stream().map(Condition::name).toList();
        List<List<Stat>> stats = new ArrayList<>();
        for (Learner l : List.of(Learner.S, Learner.S_TO_H)) {
            List<Stat> row = new ArrayList<>();
            for (Condition c : effects()) {
                row.add(stat(runs(c, l), r -> r.hardware().rmsAngleDeg()));
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
            g.setColor(java.awt.Color.WHITE);
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
            javax.imageio.ImageIO.write(image, "png", dir.resolve(name).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(name) + ": " + e.getMessage(), e);
        }
        return name;
    }

    /** Writes summary.txt, table.csv, curves.csv (when there is a sweep) and settings.txt; returns their names. */
    List<String> write(Path dir, String command, List<String> figures) {
        List<String> summary = new ArrayList<>();
        summary.addAll(table());
        summary.add("");
        summary.addAll(effectTable());
        summary.add("");
        summary.addAll(reading());
        summary.add("");
        summary.add(String.format(Locale.ROOT, "wall time: %.1f s on %d threads; figures: %s", results.seconds(), settings.threads(),
                String.join(", ", figures)));
        try {
            Files.writeString(dir.resolve("summary.txt"), String.join("\n", summary) + "\n");
            List<String> written = new ArrayList<>(List.of("summary.txt", "table.csv"));
            Files.writeString(dir.resolve("table.csv"), csv());
            if (!sweep().isEmpty()) {
                Files.writeString(dir.resolve("curves.csv"), curvesCsv());
                written.add("curves.csv");
            }
            Files.writeString(dir.resolve("settings.txt"), "command: " + command + "\n" + settings.describe());
            written.add("settings.txt");
            return written;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + dir + ": " + e.getMessage(), e);
        }
    }
}
