package org.neurorig.compare;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.neurorig.plant.nonideal.Effect;
import org.neurorig.run.ProgressLine;

/** The {@code compare} command's work: settings from the options, the run, the report. */
public final class Comparison {

    /** The command's options as given (null: not given). */
    public record Options(boolean quick, Integer seeds, Integer episodes, Integer fineTuneEpisodes, List<Double> severities,
            String effects, List<String> sets, Long seed, int threads) {
    }

    private final CompareSettings settings;

    private Comparison(CompareSettings settings) {
        this.settings = settings;
    }

    /** Checks every option before anything runs; a bad one is refused with one line naming it. */
    public static Comparison prepare(Options o) {
        if (o.threads() < 1 || o.threads() > 256) {
            throw new IllegalArgumentException("--threads: " + o.threads() + " is out of range: expected 1 to 256");
        }
        CompareSettings s = o.quick() ? CompareSettings.quick(o.threads()) : CompareSettings.defaults(o.threads());
        if (o.seeds() != null) {
            s = s.withSeeds(o.seeds());
        }
        if (o.seed() != null) {
            s = s.withBaseSeed(o.seed());
        }
        if (o.episodes() != null || o.fineTuneEpisodes() != null) {
            int e = o.episodes() != null ? o.episodes() : s.schedule().episodes();
            int f = o.fineTuneEpisodes() != null ? o.fineTuneEpisodes() : s.schedule().fineTuneEpisodes();
            if (e < 1 || e > 100_000 || f < 1 || f > 100_000) {
                throw new IllegalArgumentException((e < 1 || e > 100_000 ? "--episodes: " + e : "--fine-tune-episodes: " + f)
                        + " is out of range: expected 1 to 100000");
            }
            s = s.withEpisodes(e, f);
        }
        List<Double> severities = o.severities() != null ? o.severities() : s.severities();
        List<Effect> effects = o.effects() != null ? parseEffects(o.effects()) : s.effects();
        s = s.withConditions(severities, effects);
        for (String set : o.sets()) {
            int eq = set.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--set " + set + ": expected KEY=VALUE, e.g. --set np.eta=3e-4");
            }
            s = s.with(set.substring(0, eq).trim(), set.substring(eq + 1));
        }
        return new Comparison(s);
    }

    /** The keys {@code --set} accepts. */
    public static List<String> settingKeys() {
        return CompareSettings.KEYS;
    }

    static List<Effect> parseEffects(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("all")) {
            return List.of(Effect.values());
        }
        if (t.equals("none") || t.isEmpty()) {
            return List.of();
        }
        List<Effect> list = new ArrayList<>();
        for (String part : t.split(",")) {
            Effect found = null;
            for (Effect e : Effect.values()) {
                if (e.presetName().equals(part.trim())) {
                    found = e;
                }
            }
            if (found == null) {
                throw new IllegalArgumentException("--effects: unknown effect '" + part.trim() + "': expected all, none, or some of "
                        + String.join(", ", java.util.Arrays.stream(Effect.values()).map(Effect::presetName).toList()));
            }
            list.add(found);
        }
        return list;
    }

    /**
     * Runs, shows {@code progress} (on {@code out}), prints the table and the reading, and writes the run
     * folder {@code dir} (which exists).
     */
    public void run(Path dir, String command, PrintWriter out, ProgressLine progress) {
        out.println("compare: " + settings.seeds() + " seeds x " + settings.conditions().size() + " hardwares on " + settings.threads()
                + " threads; run folder " + dir.toAbsolutePath());
        out.flush();
        CompareReport report = new CompareReport(new CompareExperiment(settings, progress).run());
        List<String> files = report.write(dir, command);
        report.print(out);
        out.println("run folder: " + dir.toAbsolutePath() + " (" + String.join(", ", files) + ")");
        out.flush();
    }
}
