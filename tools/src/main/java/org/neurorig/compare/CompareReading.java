package org.neurorig.compare;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.neurorig.mop.Stat;

/**
 * A short text that reads a {@code compare} run's result, each statement computed from the tables'
 * numbers: S against the in-loop learners on the model, how S degrades over the sweep, who met the
 * criterion where, what fine-tuning recovers at the worst mismatch, and the single effect that hurts S
 * most. The sweep's first point is read as the ideal hardware, its last as the worst.
 */
final class CompareReading {

    private static final List<Learner> FROM_SCRATCH = List.of(Learner.NP, Learner.WP, Learner.REINFORCE);

    private final CompareResults results;

    CompareReading(CompareResults results) {
        this.results = results;
    }

    List<String> lines() {
        List<String> out = new ArrayList<>();
        if (!results.sweep().isEmpty()) {
            sweep(out);
        }
        if (!results.effects().isEmpty()) {
            Condition hurts = results.effects().stream().max(Comparator.comparingDouble((Condition c) ->
                    -sOnHardware(c).stat(r -> r.hardware().steps()).mean()).thenComparingDouble(c ->
                    sOnHardware(c).stat(r -> r.hardware().rmsAngleDeg()).mean())).orElseThrow();
            out.add(String.format(Locale.ROOT, "Alone at strong, the effect that hurts S most is %s (%s): %.0f steps, RMS angle %.3f deg on "
                    + "the hardware.", hurts.name(), hurts.effect().models(), sOnHardware(hurts).stat(r -> r.hardware().steps()).mean(),
                    sOnHardware(hurts).stat(r -> r.hardware().rmsAngleDeg()).mean()));
        }
        return out;
    }

    private SeedRuns sOnHardware(Condition c) {
        return results.seeds(c, Learner.S);
    }

    private void sweep(List<String> out) {
        List<Condition> sweep = results.sweep();
        Condition ideal = sweep.getFirst();
        Condition worst = sweep.getLast();
        int maxTicks = results.maxTicks();
        // S against the in-loop learners at equal footing: the model, and the ideal hardware
        Stat sModel = results.seeds(ideal, Learner.S).stat(r -> r.model().steps());
        Stat sRms = results.seeds(ideal, Learner.S).stat(r -> r.model().rmsAngleDeg());
        out.add(String.format(Locale.ROOT, "On the model, S balances for %.0f of %d steps with an RMS pole angle of %.3f deg, after %d model "
                + "rollouts and no episode on the hardware.", sModel.mean(), maxTicks, sRms.mean(), results.settings().software().rollouts()));
        for (Learner l : FROM_SCRATCH) {
            SeedRuns runs = results.seeds(ideal, l);
            Stat model = runs.stat(r -> r.model().steps());
            Stat rms = runs.stat(r -> r.model().rmsAngleDeg());
            out.add(String.format(Locale.ROOT, "  %s after %d episodes at %s: %.0f steps on the model, RMS angle %.3f deg (%s S's).", l.label(),
                    runs.episodes(), ideal.name(), model.mean(), rms.mean(),
                    model.mean() < sModel.mean() - 1 || rms.mean() > sRms.mean() ? "worse than" : "as good as or better than"));
        }
        Stat sFirst = results.seeds(ideal, Learner.S).stat(r -> r.hardware().steps());
        Stat sLast = results.seeds(worst, Learner.S).stat(r -> r.hardware().steps());
        Stat rFirst = results.seeds(ideal, Learner.S).stat(r -> r.hardware().rmsAngleDeg());
        Stat rLast = results.seeds(worst, Learner.S).stat(r -> r.hardware().rmsAngleDeg());
        out.add(String.format(Locale.ROOT, "From %s to %s, S on the hardware goes from %.0f to %.0f steps and its RMS pole angle from %.3f to "
                + "%.3f deg (x%.0f): %s.", ideal.name(), worst.name(), sFirst.mean(), sLast.mean(), rFirst.mean(), rLast.mean(),
                rLast.mean() / rFirst.mean(), sLast.mean() < sFirst.mean() - 1 ? "it degrades and stops balancing"
                        : rLast.mean() > 2 * rFirst.mean() ? "it keeps the pole up but holds it much less still"
                        : "it does not degrade much over this range"));
        for (Learner l : FROM_SCRATCH) {
            StringBuilder s = new StringBuilder("  " + l.label() + " met the criterion at");
            boolean all = true;
            for (Condition c : sweep) {
                SeedRuns runs = results.seeds(c, l);
                Stat crit = runs.criterion();
                all &= runs.reached() == runs.size();
                s.append(String.format(Locale.ROOT, " %s: %d/%d%s;", c.name().replace("severity ", ""), runs.reached(), runs.size(),
                        crit.n() == 0 ? "" : String.format(Locale.ROOT, " (%.0f episodes)", crit.mean())));
            }
            s.append(all ? " every seed at every level." : " not every seed at every level.");
            out.add(s.toString());
        }
        SeedRuns worstFine = results.seeds(worst, Learner.S_TO_H);
        Stat fineCrit = worstFine.criterion();
        Stat fineRms = worstFine.stat(r -> r.hardware().rmsAngleDeg());
        Stat npCrit = results.seeds(worst, Learner.NP).criterion();
        out.add(String.format(Locale.ROOT, "At %s, S->H (S's weights fine-tuned by NP for %d episodes) met the criterion in %d/%d seeds%s, "
                + "against NP from scratch%s; its RMS angle on the hardware is %.3f deg against S's %.3f deg (S's on the ideal "
                + "cart-pole: %.3f deg): %.0f%% of that gap recovered.", worst.name(),
                results.settings().schedule().fineTuneEpisodes(), worstFine.reached(), worstFine.size(),
                fineCrit.n() == 0 ? "" : String.format(Locale.ROOT, " after %.0f episodes", fineCrit.mean()),
                npCrit.n() == 0 ? " never" : String.format(Locale.ROOT, " after %.0f", npCrit.mean()), fineRms.mean(), rLast.mean(),
                rFirst.mean(), 100 * (rLast.mean() - fineRms.mean()) / (rLast.mean() - rFirst.mean())));
    }
}
