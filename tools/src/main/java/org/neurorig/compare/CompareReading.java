package org.neurorig.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.neurorig.mop.Stat;

/**
 * A short text that reads a {@code compare} run's result, each statement computed from the tables'
 * numbers: how the learners compare on the ideal hardware, and for each axis where S breaks, whether a
 * model that knows the effect still balances there (S was misled: a biased model) or not (nobody may
 * balance there), and which hardware learners do better than S there.
 */
final class CompareReading {

    private final CompareResults results;

    CompareReading(CompareResults results) {
        this.results = results;
    }

    List<String> lines() {
        List<String> out = new ArrayList<>();
        int maxTicks = results.maxTicks();
        if (results.settings().hardware() != null) {
            Condition c = results.settings().conditions().getFirst();
            out.add("On " + c.name() + ", with learning off: " + summary(c) + ".");
            return out;
        }
        for (Axis axis : results.settings().axes()) {
            results.points(axis).stream().filter(Condition::ideal).findFirst().ifPresent(ideal -> {
                if (out.isEmpty()) {
                    out.add("On the ideal hardware (the model itself), with learning off: " + summary(ideal) + ".");
                }
            });
        }
        for (Axis axis : results.settings().axes()) {
            for (CompareResults.Break b : results.breakingPoints(axis)) {
                if (b.at().isEmpty()) {
                    Condition end = b.end();
                    out.add(String.format(Locale.ROOT, "%s: S does not break up to %s (%s steps of %d there).", axis.name(),
                            axis.quantity(end.value()), steps(end, Learner.S).format(0), maxTicks));
                    continue;
                }
                Condition at = b.at().get();
                StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%s: S breaks at %s (%s steps of %d).", axis.name(),
                        axis.quantity(at.value()), steps(at, Learner.S).format(0), maxTicks));
                SeedRuns strue = results.seeds(at, Learner.S_TRUE);
                if (!strue.isEmpty()) {
                    Stat t = strue.stat(r -> r.hardware().steps());
                    s.append(String.format(Locale.ROOT, t.mean() >= 0.5 * maxTicks
                            ? " S on a model that knows the effect balances there (%s steps): the nominal model's bias broke S, not the task."
                            : " S on a model that knows the effect fails there too (%s steps): the task itself is hard there, not only the model wrong.",
                            t.format(0)));
                }
                Stat cos = results.cosine(at);
                if (cos.n() > 0) {
                    s.append(String.format(Locale.ROOT, " There S's model gradient against the hardware's: cosine %s%s.", cos.format(2),
                            cos.mean() + cos.sem() < 0 ? " (pointing away from where the hardware's gradient points)" : ""));
                }
                Stat sSteps = steps(at, Learner.S);
                List<String> better = new ArrayList<>();
                for (Learner l : results.settings().learners()) {
                    SeedRuns runs = results.seeds(at, l);
                    if (l.inLoop() && !runs.isEmpty()) {
                        Stat h = runs.stat(r -> r.hardware().steps());
                        if (h.mean() - h.sem() > sSteps.mean() + sSteps.sem()) {
                            better.add(l.label() + " " + h.format(0));
                        }
                    }
                }
                s.append(better.isEmpty() ? " No hardware learner does better than S there beyond the SEMs."
                        : " Better than S there, beyond the SEMs: " + String.join(", ", better) + ".");
                out.add(s.toString());
            }
        }
        return out;
    }

    private Stat steps(Condition c, Learner l) {
        return results.seeds(c, l).stat(r -> r.hardware().steps());
    }

    private String summary(Condition c) {
        List<String> parts = new ArrayList<>();
        for (Learner l : results.settings().learners()) {
            SeedRuns runs = results.seeds(c, l);
            if (!runs.isEmpty()) {
                parts.add(String.format(Locale.ROOT, "%s %s steps, %s deg", l.label(), runs.stat(r -> r.hardware().steps()).format(0),
                        runs.stat(r -> r.hardware().rmsAngleDeg()).format(2)));
            }
        }
        return String.join("; ", parts);
    }
}
