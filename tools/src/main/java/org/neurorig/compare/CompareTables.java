package org.neurorig.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.neurorig.mop.Stat;

/** The tables of a {@code compare} run: those printed in summary.txt, and table.csv, curves.csv and progress.csv. */
final class CompareTables {

    private static final String ROW = "%-14s %-20s | %-15s | %-16s | %-15s | %-17s | %-5s | %s";

    private final CompareResults results;

    CompareTables(CompareResults results) {
        this.results = results;
    }

    /** One table per axis: every learner at every point. */
    List<String> axes() {
        List<String> lines = new ArrayList<>();
        for (Axis axis : results.settings().axes()) {
            lines.add(axis.name() + ": " + axis.label() + (!axis.sweeps() ? ""
                    : " (" + axis.unit() + ")" + (axis.name().equals("severity") ? "" : ", everything else ideal")));
            String head = String.format(Locale.ROOT, ROW, "hardware", "learner", "hardware: steps", "hw: RMS angle", "model: steps",
                    "episodes to crit.", "met", "kept after");
            lines.add(head);
            lines.add("-".repeat(head.length() + 4));
            for (Condition c : results.points(axis)) {
                boolean first = true;
                for (Learner l : Learner.values()) {
                    SeedRuns runs = results.seeds(c, l);
                    if (runs.isEmpty()) {
                        continue;
                    }
                    Stat crit = runs.criterion();
                    lines.add(String.format(Locale.ROOT, ROW, first ? axis.point(c.value()) : "", l.label(),
                            runs.stat(r -> r.hardware().steps()).format(0), runs.stat(r -> r.hardware().rmsAngleDeg()).format(2) + " deg",
                            runs.stat(r -> r.model().steps()).format(0),
                            !l.inLoop() ? "(trains on a model)" : crit.n() == 0 ? "-" : crit.format(0), runs.reached() + "/" + runs.size(),
                            l.inLoop() ? runs.stat(LearnerRun::kept).format(0) : ""));
                    first = false;
                }
            }
            lines.add("");
        }
        lines.add("mean +- SEM over " + results.settings().seeds() + " seeds. steps: mean episode length (of " + results.maxTicks() + ") from "
                + results.settings().schedule().testEpisodes() + " fixed starts with learning off; RMS angle: the pole's true angle over");
        lines.add("those episodes. The controller judged is the one kept: the best, by return, of the checks with learning off on "
                + results.settings().schedule().checkStarts() + " check starts every " + results.settings().schedule().checkEvery()
                + " episodes (kept after: its episode).");
        lines.add("episodes to crit.: training episodes until a check balanced every check start, over the seeds that did; met: how many"
                + " (S: as deployed).");
        return lines;
    }

    /** Where S breaks on each axis, and how every learner does there. */
    List<String> breakingPoints() {
        if (results.settings().axes().stream().noneMatch(Axis::sweeps)) {
            return List.of();
        }
        List<Learner> learners = results.settings().learners();
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-9s | %-22s", "axis", "S breaks at"));
        for (Learner l : learners) {
            head.append(String.format(Locale.ROOT, " | %-20s", l.label()));
        }
        head.append(" | gradient cosine");
        List<String> lines = new ArrayList<>();
        lines.add("Where S breaks: the first point, outward from the ideal, at which S balances less than half the episode on the hardware;");
        lines.add("there, every learner's steps on the hardware (of " + results.maxTicks() + "), mean +- SEM over seeds:");
        lines.add(head.toString());
        lines.add("-".repeat(head.length()));
        for (Axis axis : results.settings().axes()) {
            for (CompareResults.Break b : results.breakingPoints(axis)) {
                StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-9s | %-22s", axis.name(),
                        b.at().map(c -> axis.quantity(c.value())).orElse("not up to " + Axis.format(b.end().value()))));
                for (Learner l : learners) {
                    String cell = b.at().map(c -> {
                        SeedRuns runs = results.seeds(c, l);
                        return runs.isEmpty() ? "-" : runs.stat(r -> r.hardware().steps()).format(0);
                    }).orElse("");
                    row.append(String.format(Locale.ROOT, " | %-20s", cell));
                }
                row.append(" | ").append(b.at().map(this::cosine).orElse(""));
                lines.add(row.toString());
            }
        }
        return lines;
    }

    /** The gradient cosine along each axis: how far S's model gradient points where the hardware's does. */
    List<String> cosines() {
        List<String> lines = new ArrayList<>();
        if (results.agreements().isEmpty()) {
            return lines;
        }
        lines.add("The bias itself: the cosine between S's model gradient and the hardware's (two-sided weight perturbation with common");
        lines.add("random numbers), at S's readout halfway through its training, mean +- SEM over seeds (1: the model points where the");
        lines.add("hardware does; -1: the opposite way; (n of N): only n seeds measured one, the others' hardware gradient");
        lines.add("stayed under its noise at the cap of pairs, which leaves the cosine undetermined):");
        for (Axis axis : results.settings().axes()) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-9s |", axis.name()));
            for (Condition c : results.points(axis)) {
                row.append(String.format(Locale.ROOT, " %s: %s |", Axis.format(c.value()), cosine(c)));
            }
            lines.add(row.toString());
        }
        return lines;
    }

    /** The cosine on one hardware, mean +- SEM, with how many seeds determined it when not all did. */
    private String cosine(Condition c) {
        Stat cos = results.cosine(c);
        long measured = results.agreements().stream().filter(a -> a.condition().equals(c)).count();
        return cos.n() == 0 ? "-" : cos.format(2) + (cos.n() < measured ? " (" + cos.n() + " of " + measured + ")" : "");
    }

    /** cosine.csv: every gradient cosine measured, with its standard error and what it took. */
    String cosineCsv() {
        StringBuilder s = new StringBuilder("axis,value,hardware,seed,cosine,standard_error,model_starts,pairs,seconds\n");
        for (Axis axis : results.settings().axes()) {
            for (Condition c : results.points(axis)) {
                for (CompareResults.Agreement a : results.agreements()) {
                    if (a.condition().equals(c)) {
                        GradientAgreement.Result r = a.result();
                        s.append(String.format(Locale.ROOT, "%s,%s,%s,%d,%.4f,%.4f,%d,%d,%.2f%n", axis.name(), Axis.format(c.value()), c.name(),
                                a.seed(), r.cosine(), r.standardError(), r.modelStarts(), r.pairs(), r.seconds()));
                    }
                }
            }
        }
        return s.toString();
    }

    /** table.csv: one line per run, for anyone who wants to analyse further. */
    String runsCsv() {
        StringBuilder s = new StringBuilder("axis,value,hardware,learner,seed,criterion,first_full_episode,kept_after,model_steps,"
                + "model_rms_deg,model_return,hardware_steps,hardware_rms_deg,hardware_return,training_episodes,seconds\n");
        for (LearnerRun r : results.runs()) {
            s.append(String.format(Locale.ROOT, "%s,%s,%s,%s,%d,%d,%d,%d,%.1f,%.4f,%.3f,%.1f,%.4f,%.3f,%d,%.2f%n", r.condition().axis().name(),
                    Axis.format(r.condition().value()), r.condition().name(), r.learner().label(), r.seed(), r.criterion(), r.firstFull(),
                    r.kept(), r.model().steps(), r.model().rmsAngleDeg(), r.model().meanReturn(), r.hardware().steps(),
                    r.hardware().rmsAngleDeg(), r.hardware().meanReturn(), r.lengths().length, r.seconds()));
        }
        return s.toString();
    }

    /** curves.csv: the learning curves, one row per hardware, in-loop learner and episode. */
    String curvesCsv() {
        StringBuilder s = new StringBuilder("hardware,learner,episode,mean_length_10,sem,seeds\n");
        for (Condition c : results.settings().conditions()) {
            for (Learner l : Learner.values()) {
                SeedRuns runs = results.seeds(c, l);
                if (!l.inLoop() || runs.isEmpty()) {
                    continue;
                }
                LearningCurve curve = LearningCurve.of(runs);
                for (int e = 0; e < curve.length(); e++) {
                    s.append(String.format(Locale.ROOT, "%s,%s,%d,%.2f,%.2f,%d%n", c.name(), l.label(), e + 1, curve.mean()[e],
                            curve.sem()[e], runs.size()));
                }
            }
        }
        return s.toString();
    }

    /** progress.csv: each learner's deployable controller on the hardware against what it had used. */
    String progressCsv() {
        StringBuilder s = new StringBuilder("hardware,learner,seed,resource,used,check_steps\n");
        for (LearnerRun r : results.runs()) {
            LearnerRun.Progress p = r.progress();
            for (int i = 0; i < p.used().length; i++) {
                s.append(String.format(Locale.ROOT, "%s,%s,%d,%s,%.0f,%.1f%n", r.condition().name(), r.learner().label(), r.seed(),
                        r.learner().inLoop() ? "hardware episodes" : "model rollouts", p.used()[i], p.steps()[i]));
            }
        }
        return s.toString();
    }
}
