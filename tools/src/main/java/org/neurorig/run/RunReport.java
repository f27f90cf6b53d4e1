package org.neurorig.run;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.neurorig.profile.RigProfile;
import org.neurorig.profile.SensorChannel;
import org.neurorig.telemetry.TelemetryScan;

/**
 * The end of a run: from its telemetry log alone, the episodes (CSV), the four figures, the summary
 * (text and printed) and the self-contained HTML report, all in the run folder.
 */
public final class RunReport {

    /** Activity snapshots the raster shows (the last ones of the run). */
    private static final int SNAPSHOTS = 400;

    /** Damaged regions of the telemetry the report lists one by one. */
    private static final int DAMAGE_NOTES = 5;

    private RunReport() {
    }

    /**
     * What the report says besides the telemetry.
     *
     * @param profile     the rig's profile
     * @param rigLine     the rig as {@code Rig.describe()} put it
     * @param record      what the run was asked to do
     * @param outcome     how it went
     * @param warnings    what was said during the run
     * @param profileText the resolved profile, as {@code profiles show} prints it
     */
    public record Inputs(RigProfile profile, String rigLine, RunRecord record, RigRun.Outcome outcome, List<String> warnings,
            String profileText) {
    }

    /** Writes episodes.csv, the figures, summary.txt and report.html; returns the summary's lines. */
    public static List<String> write(RunFolder dir, Inputs in) throws IOException {
        RunDigest digest = RunDigest.read(dir.file(RunFolder.TELEMETRY), SNAPSHOTS);
        writeEpisodes(dir, digest.episodes());
        RigProfile p = in.profile();
        double period = 1.0 / p.rateHz();
        List<ReportPage.Figure> figures = new ArrayList<>();
        List<String> notes = new ArrayList<>(in.warnings());
        notes.addAll(telemetryNotes(digest.scan()));
        RunFigures.learningCurve(digest.episodes(), p.episodes().maxTicks(), dir.file(RunFigures.LEARNING_CURVE));
        figures.add(new ReportPage.Figure(dir.file(RunFigures.LEARNING_CURVE),
                "Lifetime of each episode (ticks of " + format(period * 1e3) + " ms until a terminal state or the limit of "
                        + p.episodes().maxTicks() + ") and its running mean: the rule learning to balance."));
        Histogram wake = in.outcome().wakeNanos();
        if (wake != null && wake.getTotalCount() > 0) {
            RunFigures.latency(wake, String.format(Locale.ROOT, "Wake-up latency at %s Hz, %d ticks", format(p.rateHz()),
                    wake.getTotalCount()), dir.file(RunFigures.LATENCY));
            figures.add(new ReportPage.Figure(dir.file(RunFigures.LATENCY), "How late each tick started after its deadline "
                    + "(as cyclictest measures it), after the first " + RigRun.WARMUP_NANOS / 1_000_000_000L
                    + " s (JIT warm-up); latency.hlog holds every interval, the warm-up included."));
        } else if (in.record().fast()) {
            notes.add("No latency figure: the simulated rig ran as fast as it computes (--fast), not against deadlines.");
        } else {
            notes.add("No latency figure: the run ended within its " + RigRun.WARMUP_NANOS / 1_000_000_000L
                    + " s warm-up; latency.hlog holds what was measured.");
        }
        RunFigures.activity(digest.snapshots(), digest.snapshotTicks(), period, dir.file(RunFigures.ACTIVITY));
        figures.add(new ReportPage.Figure(dir.file(RunFigures.ACTIVITY),
                "Activity of the first " + (digest.snapshots().isEmpty() ? 0 : digest.snapshots().getFirst().length) + " units over the last " + digest.snapshots().size()
                        + " snapshots of the run."));
        int x = sensor(p.sensors(), "x", 0);
        int theta = sensor(p.sensors(), "theta", Math.min(2, p.sensors().size() - 1));
        SensorChannel xs = p.sensors().get(x);
        SensorChannel ts = p.sensors().get(theta);
        RunFigures.trajectories(digest.trajectories(), x, "cart position " + xs.name() + " (" + xs.unit() + ")", theta,
                "pole angle " + ts.name() + " (" + ts.unit() + ")", dir.file(RunFigures.TRAJECTORIES));
        figures.add(new ReportPage.Figure(dir.file(RunFigures.TRAJECTORIES),
                "Cart position and pole angle through the first, the longest and the last episode."));

        Map<String, String> summary = summary(digest, in);
        List<String> lines = new ArrayList<>();
        summary.forEach((k, v) -> lines.add(String.format(Locale.ROOT, "%-22s %s", k, v)));
        Files.write(dir.file(RunFolder.SUMMARY), lines, StandardCharsets.UTF_8);
        ReportPage.write(dir.file(RunFolder.REPORT), "neurorig run: " + p.name(), summary, notes, figures, in.profileText());
        return lines;
    }

    private static Map<String, String> summary(RunDigest digest, Inputs in) {
        RigRun.Outcome o = in.outcome();
        List<RunDigest.Episode> episodes = digest.episodes();
        Map<String, String> s = new LinkedHashMap<>();
        s.put("rig", in.rigLine());
        s.put("command", in.record().command());
        if (in.record().resumedFrom() != null) {
            s.put("resumed from", in.record().resumedFrom() + " (its checkpoint's weights)");
        }
        s.put("stopped", o.reason().text() + (o.detail().isEmpty() ? "" : ": " + o.detail()));
        // the loop's own time: the JVM's start, the rig's assembly and this report are not in it
        s.put("time", String.format(Locale.ROOT, "%.1f s from the loop's start to its stop%s; %d ticks = %.1f s of rig time",
                o.seconds(), in.record().fast() ? " (as fast as it computes)" : "", o.ticks(), o.ticks() / in.profile().rateHz()));
        s.put("episodes", Integer.toString(episodes.size()) + (episodes.size() == o.episodes() ? ""
                : " in the telemetry (" + o.episodes() + " counted by the loop)"));
        if (!episodes.isEmpty()) {
            int n = Math.min(10, episodes.size());
            RunDigest.Episode best = episodes.stream().max(java.util.Comparator.comparingInt(RunDigest.Episode::lifetime))
                    .orElseThrow();
            s.put("lifetime", String.format(Locale.ROOT, "first %d episodes %.1f, last %d %.1f (mean ticks); best %d (episode %d); "
                    + "%d reached the limit of %d", n, meanLifetime(episodes.subList(0, n)), n,
                    meanLifetime(episodes.subList(episodes.size() - n, episodes.size())), best.lifetime(), best.number(),
                    episodes.stream().filter(RunDigest.Episode::truncated).count(), in.profile().episodes().maxTicks()));
            RunDigest.Episode last = episodes.getLast();
            if (!Double.isNaN(last.learningRate())) {
                s.put("learning", String.format(Locale.ROOT, "%s; at the end: %slearning rate %.4g", in.profile().learning().summary(),
                        RigRun.usesBaseline(in.profile()) ? String.format(Locale.ROOT, "reward baseline %.4g, ", last.rewardPrediction())
                                : "", last.learningRate()));
            } else {
                s.put("learning", in.profile().learning().summary());
            }
        }
        Histogram wake = o.wakeNanos();
        if (wake != null && wake.getTotalCount() > 0) {
            s.put("wake-up latency", String.format(Locale.ROOT,
                    "p50 %.1f us, p99 %.1f us, p99.9 %.1f us, max %.1f us (%d ticks after the %d s warm-up)",
                    wake.getValueAtPercentile(50) / 1e3, wake.getValueAtPercentile(99) / 1e3, wake.getValueAtPercentile(99.9) / 1e3,
                    wake.getMaxValue() / 1e3, wake.getTotalCount(), RigRun.WARMUP_NANOS / 1_000_000_000L));
        }
        s.put("deadlines", o.overruns() + " overruns" + (in.record().fast() ? "" : " (" + o.warmupOverruns() + " in the warm-up)")
                + ", " + o.trips() + " watchdog trips, " + digest.safeStateTicks() + " ticks in the safe state");
        TelemetryScan scan = digest.scan();
        s.put("telemetry", digest.records() + " records in " + RunFolder.TELEMETRY + ", " + o.telemetryDropped()
                + " dropped by the loop" + (scan.damaged() ? "; " + scan.damageSummary() : "")
                + (scan.endsInPartialRecord() ? "; it " + scan.partialRecordNote() : ""));
        s.put("files", String.join(", ", RunFolder.REPORT, RunFolder.TELEMETRY, RunFolder.CHECKPOINT,
                RunFolder.EPISODES, RunFolder.PROFILE, RunFolder.RECORD)
                + (in.record().fast() ? "" : ", " + RunFolder.LATENCY_LOG) + ", *.png");
        return s;
    }

    /**
     * The report's word on damaged telemetry: what was skipped, region by region (the first few), so that
     * figures drawn from fewer records than the run made are not taken for the whole run.
     */
    private static List<String> telemetryNotes(TelemetryScan scan) {
        List<String> notes = new ArrayList<>();
        if (scan.damaged()) {
            notes.add("The telemetry is damaged, and the episodes, figures and counts here come from the records around the "
                    + "damage: " + scan.damageSummary() + ".");
            scan.damage().stream().limit(DAMAGE_NOTES).forEach(d -> notes.add("Telemetry damaged " + d.describe() + "."));
            if (scan.damagedRegions() > DAMAGE_NOTES) {
                notes.add(String.format(Locale.ROOT, "And %,d more damaged regions; neurorig telemetry %s lists them.",
                        scan.damagedRegions() - DAMAGE_NOTES, RunFolder.TELEMETRY));
            }
        }
        return notes;
    }

    private static double meanLifetime(List<RunDigest.Episode> episodes) {
        return episodes.stream().mapToInt(RunDigest.Episode::lifetime).average().orElse(Double.NaN);
    }

    private static void writeEpisodes(RunFolder dir, List<RunDigest.Episode> episodes) throws IOException {
        try (Writer w = Files.newBufferedWriter(dir.file(RunFolder.EPISODES), StandardCharsets.UTF_8);
                PrintWriter out = new PrintWriter(w)) {
            out.println("episode,lifetime,return,end,reward_baseline,learning_rate");
            for (RunDigest.Episode e : episodes) {
                out.printf(Locale.ROOT, "%d,%d,%s,%s,%s,%s%n", e.number(), e.lifetime(), Double.toString(e.episodeReturn()),
                        e.terminal() ? "terminal" : e.truncated() ? "limit" : "aborted", Float.toString((float) e.rewardPrediction()),
                        Float.toString((float) e.learningRate()));
            }
        }
    }

    private static int sensor(List<SensorChannel> sensors, String name, int otherwise) {
        for (int i = 0; i < sensors.size(); i++) {
            if (sensors.get(i).name().equals(name)) {
                return i;
            }
        }
        return otherwise;
    }

    private static String format(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.3g", v);
    }
}
