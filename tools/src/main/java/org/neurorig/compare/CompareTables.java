package org.neurorig.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.neurorig.mop.Stat;

/** The tables of a {@code compare} run: the two printed in summary.txt, and table.csv and curves.csv. */
final class CompareTables {

    /** The learners that train in the loop, whose learning curves are drawn and tabled. */
    static final List<Learner> IN_LOOP = List.of(Learner.NP, Learner.WP, Learner.REINFORCE, Learner.S_TO_H);

    private final CompareResults results;

    CompareTables(CompareResults results) {
        this.results = results;
    }

    /** The main table: every learner at every severity. */
    List<String> sweep() {
        TrainingSchedule schedule = results.settings().schedule();
        List<String> lines = new ArrayList<>();
        String head = String.format(Locale.ROOT, "%-15s %-13s | %-15s | %-15s | %-16s | %-17s | %-5s | %s", "hardware", "learner",
                "model: steps", "hardware: steps", "hw: RMS angle", "episodes to crit.", "met", "first full episode");
        lines.add(head);
        lines.add("-".repeat(head.length() + 4));
        for (Condition c : results.sweep()) {
            boolean first = true;
            for (Learner l : CompareExperiment.learners(c)) {
                SeedRuns runs = results.seeds(c, l);
                if (runs.isEmpty()) {
                    continue;
                }
                String crit;
                if (l == Learner.S) {
                    crit = "(trains on model)";
                } else {
                    Stat s = runs.criterion();
                    crit = s.n() == 0 ? "-" : s.format(0);
                }
                lines.add(String.format(Locale.ROOT, "%-15s %-13s | %-15s | %-15s | %-16s | %-17s | %-5s | %s", first ? c.name() : "",
                        l.label(), runs.stat(r -> r.model().steps()).format(0), runs.stat(r -> r.hardware().steps()).format(0),
                        runs.stat(r -> r.hardware().rmsAngleDeg()).format(2) + " deg", crit, runs.reached() + "/" + runs.size(),
                        l == Learner.S ? "" : runs.firstFull()));
                first = false;
            }
        }
        lines.add("");
        lines.add("mean +- SEM over seeds. steps: mean episode length (of " + results.maxTicks() + ") from " + schedule.testEpisodes()
                + " fixed starts with learning off; RMS angle: the pole's true angle over those episodes. episodes to crit.:");
        lines.add("training episodes on the hardware until, with learning off, the controller balanced every one of "
                + schedule.checkStarts() + " check starts (checked every " + schedule.checkEvery()
                + "), over the seeds that met it; met: seeds that met it (S: as deployed). first full episode: median over the seeds");
        lines.add("of the number of the first training episode that lasted all " + results.maxTicks()
                + " steps (learning on), and how many seeds had one.");
        return lines;
    }

    /** S and S->H with one effect at a time; no lines without single effects. */
    List<String> effects() {
        List<String> lines = new ArrayList<>();
        if (results.effects().isEmpty()) {
            return lines;
        }
        String head = String.format(Locale.ROOT, "%-11s | %-13s | %-15s | %-13s | %-15s | %-17s | %s", "effect", "S: hw steps",
                "S: RMS angle", "S->H: steps", "S->H: RMS", "S->H: episodes", "S met");
        lines.add(head);
        lines.add("-".repeat(head.length() + 4));
        for (Condition c : results.effects()) {
            SeedRuns s = results.seeds(c, Learner.S);
            SeedRuns sh = results.seeds(c, Learner.S_TO_H);
            Stat crit = sh.criterion();
            lines.add(String.format(Locale.ROOT, "%-11s | %-13s | %-15s | %-13s | %-15s | %-17s | %d/%d", c.name(),
                    s.stat(r -> r.hardware().steps()).format(0), s.stat(r -> r.hardware().rmsAngleDeg()).format(2) + " deg",
                    sh.stat(r -> r.hardware().steps()).format(0), sh.stat(r -> r.hardware().rmsAngleDeg()).format(2) + " deg",
                    crit.n() == 0 ? "-" : crit.format(0) + " (" + sh.reached() + "/" + sh.size() + ")", s.reached(), s.size()));
        }
        lines.add("");
        lines.add("each effect alone at its strong value, everything else ideal; on the ideal cart-pole S's RMS angle is "
                + idealRms().map(v -> String.format(Locale.ROOT, "%.3f deg", v)).orElse("not measured (no severity 0 in this run)"));
        return lines;
    }

    private Optional<Double> idealRms() {
        return results.sweep().stream().filter(c -> c.severity() == 0).findFirst()
                .map(c -> results.seeds(c, Learner.S).stat(r -> r.hardware().rmsAngleDeg()).mean());
    }

    /** table.csv: one line per run, for anyone who wants to analyse further. */
    String runsCsv() {
        StringBuilder s = new StringBuilder("hardware,learner,seed,criterion,first_full_episode,model_steps,model_rms_deg,"
                + "hardware_steps,hardware_rms_deg,training_episodes,seconds\n");
        for (LearnerRun r : results.runs()) {
            s.append(String.format(Locale.ROOT, "%s,%s,%d,%d,%d,%.1f,%.4f,%.1f,%.4f,%d,%.2f%n", r.condition().name(), r.learner().label(),
                    r.seed(), r.criterion(), r.firstFull(), r.model().steps(), r.model().rmsAngleDeg(), r.hardware().steps(),
                    r.hardware().rmsAngleDeg(), r.lengths().length, r.seconds()));
        }
        return s.toString();
    }

    /** curves.csv: the learning curves, one row per hardware of the sweep, learner and episode. */
    String curvesCsv() {
        StringBuilder s = new StringBuilder("hardware,learner,episode,mean_length_10,sem,seeds\n");
        for (Condition c : results.sweep()) {
            for (Learner l : IN_LOOP) {
                SeedRuns runs = results.seeds(c, l);
                LearningCurve curve = LearningCurve.of(runs);
                for (int e = 0; e < curve.length(); e++) {
                    s.append(String.format(Locale.ROOT, "%s,%s,%d,%.2f,%.2f,%d%n", c.name(), l.label(), e + 1, curve.mean()[e],
                            curve.sem()[e], runs.size()));
                }
            }
        }
        return s.toString();
    }
}
