package org.neurorig.mop;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.internal.chartpart.Chart;
import org.neurorig.run.RunFolder;

/**
 * The report of one experiment run, in its run folder: settings.txt, the figures (PNG), networks.csv
 * and summary.txt, which is printed too.
 */
final class ExperimentReport {

    static final String PAPER_FINDINGS = "what the paper reports, and what this run measured:";

    private final Path dir;
    private final List<String> summary = new ArrayList<>();
    private final List<String> figures = new ArrayList<>();

    ExperimentReport(Path dir) {
        this.dir = dir;
        try {
            RunFolder.create(dir); // every command's run folder is made and checked the same way
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    Path dir() {
        return dir;
    }

    void figure(String name, Chart<?, ?> chart) {
        Figures.save(chart, dir.resolve(name + ".png"));
        figures.add(name + ".png");
    }

    void line(String text) {
        summary.add(text);
    }

    void line(String format, Object... args) {
        summary.add(String.format(Locale.ROOT, format, args));
    }

    /** The heading of the lines that set what the paper reports beside what this run measured. */
    void paperFindings() {
        summary.add(PAPER_FINDINGS);
    }

    /** A table: one row per measure, one column per arm, cells mean +- SEM across networks. */
    void table(Map<String, List<NetworkResult>> results, List<Measure> measures) {
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-44s", "measure (mean +- SEM across networks)"));
        for (String arm : results.keySet()) {
            header.append(String.format(Locale.ROOT, " | %-22s", arm));
        }
        line(header.toString());
        for (Measure m : measures) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-44s", m.name()));
            for (List<NetworkResult> r : results.values()) {
                row.append(String.format(Locale.ROOT, " | %-22s", m.over(r).format(m.decimals())));
            }
            line(row.toString());
        }
        StringBuilder cap = new StringBuilder(String.format(Locale.ROOT, "%-44s", "networks with every test trajectory at T"));
        for (List<NetworkResult> r : results.values()) {
            cap.append(String.format(Locale.ROOT, " | %-22s", Measure.networksAtCap(r) + " of " + r.size()));
        }
        line(cap.toString());
        perNetwork(results, measures);
    }

    /** networks.csv: every measure of the table for every network, so arms can be compared network by network. */
    private void perNetwork(Map<String, List<NetworkResult>> results, List<Measure> measures) {
        StringBuilder csv = new StringBuilder("arm,network");
        for (Measure m : measures) {
            csv.append(",\"").append(m.name()).append('"');
        }
        csv.append('\n');
        for (List<NetworkResult> list : results.values()) {
            for (NetworkResult r : list) {
                csv.append('"').append(r.arm()).append("\",").append(r.network());
                for (Measure m : measures) {
                    csv.append(',').append(m.value().applyAsDouble(r));
                }
                csv.append('\n');
            }
        }
        try {
            Files.writeString(dir.resolve("networks.csv"), csv);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Writes settings.txt and summary.txt and prints the summary. */
    void finish(MopSettings settings, String command, double seconds, PrintWriter out) {
        line("");
        line("wall time of the whole run: %.1f s (%d threads)", seconds, settings.threads());
        line("figures: " + String.join(", ", figures));
        try {
            Files.writeString(dir.resolve("settings.txt"), "command: " + command + "\n" + settings.describe() + "\n");
            Files.writeString(dir.resolve("summary.txt"), String.join("\n", summary) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + dir + ": " + e.getMessage(), e);
        }
        out.println();
        summary.forEach(out::println);
        out.println("run folder: " + dir.toAbsolutePath());
        out.flush();
    }
}
