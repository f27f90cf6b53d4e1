package org.neurorig.compare;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The report of a {@code compare} run: the tables and their reading, printed and written to the run
 * folder with the figures and the settings.
 */
final class CompareReport {

    private final CompareResults results;
    private final CompareTables tables;

    CompareReport(CompareResults results) {
        this.results = results;
        this.tables = new CompareTables(results);
    }

    /** The tables and the reading, as summary.txt and the terminal show them. */
    List<String> text() {
        List<String> lines = new ArrayList<>(tables.axes());
        lines.add("");
        lines.addAll(tables.breakingPoints());
        List<String> cosines = tables.cosines();
        if (!cosines.isEmpty()) {
            lines.add("");
            lines.addAll(cosines);
        }
        if (!results.lost().isEmpty()) {
            lines.add("");
            lines.add("Runs lost to faults of the device, left out of the tables (a cell's seeds: the denominator of its met column):");
            for (CompareResults.Lost l : results.lost()) {
                lines.add("  seed " + l.seed() + " " + l.condition().name() + " " + l.learner().label() + ": " + l.reason());
            }
        }
        lines.add("");
        lines.addAll(new CompareReading(results).lines());
        return lines;
    }

    /**
     * Writes the figures, summary.txt, table.csv, curves.csv, progress.csv and settings.txt
     * into {@code dir}; returns their names, the figures last.
     */
    List<String> write(Path dir, String command) {
        List<String> figures = new CompareFigures(results).write(dir);
        List<String> summary = text();
        summary.add("");
        summary.add(String.format(Locale.ROOT, "wall time: %.1f s on %d threads; figures: %s", results.seconds(),
                results.settings().threads(), String.join(", ", figures)));
        List<String> written = new ArrayList<>(List.of("summary.txt", "table.csv", "curves.csv", "progress.csv", "settings.txt"));
        try {
            Files.writeString(dir.resolve("summary.txt"), String.join("\n", summary) + "\n");
            Files.writeString(dir.resolve("table.csv"), tables.runsCsv());
            Files.writeString(dir.resolve("curves.csv"), tables.curvesCsv());
            Files.writeString(dir.resolve("progress.csv"), tables.progressCsv());
            if (!results.agreements().isEmpty()) {
                Files.writeString(dir.resolve("cosine.csv"), tables.cosineCsv());
                written.add(4, "cosine.csv");
            }
            Files.writeString(dir.resolve("settings.txt"), "command: " + command + "\n" + results.settings().describe());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + dir + ": " + e.getMessage(), e);
        }
        written.addAll(figures);
        return written;
    }

    /** Prints the tables, the reading and the wall time. */
    void print(PrintWriter out) {
        out.println();
        text().forEach(out::println);
        out.println();
        out.printf(Locale.ROOT, "wall time: %.1f s on %d threads%n", results.seconds(), results.settings().threads());
    }
}
