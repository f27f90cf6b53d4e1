package org.neurorig.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurorig.bench.InterleavedTiming;

class LearnCommandTest {

    @TempDir
    Path dir;

    @Test
    void quickScalingPrintsTheTablesAndWritesThemAndThePlotToItsRunFolder() throws IOException {
        Path folder = dir.resolve("scaling");
        CliRun o = CliRun.of("learn", "scaling", "--quick", "--seeds", "2", "--threads", "2", "--out", folder.toString());
        assertEquals(0, o.code(), o.err());
        Path png = folder.resolve("learn-scaling.png");
        assertTrue(o.out().strip().endsWith("run folder: " + folder.toAbsolutePath() + " (tables.txt, learn-scaling.png)"), o.out());
        assertTrue(Files.readString(folder.resolve("tables.txt")).contains("As the outputs M grow"));
        assertTrue(o.out().contains("as the inputs N grow") && o.out().contains("As the outputs M grow")
                && o.out().contains("Temporal counterpoint"), o.out());
        assertTrue(o.out().contains(" 6/6] weight perturbation N=8"), "progress is shown: " + o.out());
        assertTrue(!o.out().contains("failed"), "every learner reached the criterion in the quick run: " + o.out());
        byte[] head = Arrays.copyOf(Files.readAllBytes(png), 8);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, head, "a PNG file");
        assertTrue(Files.size(png) > 10_000, "the plot has content");
    }

    @Test
    void badScalingOptionsAreOneLine() throws IOException {
        CliRun o = CliRun.of("learn", "scaling", "--seeds", "0");
        assertEquals(2, o.code());
        assertEquals("neurorig learn scaling: --seeds: 0 is out of range: expected 1 to 100", o.err().strip());
        Path file = dir.resolve("file");
        Files.writeString(file, "");
        o = CliRun.of("learn", "scaling", "--quick", "--out", file.resolve("run").toString());
        assertEquals(2, o.code());
        assertTrue(o.err().startsWith("neurorig learn scaling: cannot write the run folder " + file.resolve("run")), o.err());
        assertEquals(1, o.err().strip().lines().count(), o.err());
        assertEquals("", o.out(), "refused before any work");
        o = CliRun.of("learn", "bench", "--kernels", "fast");
        assertEquals(2, o.code());
        assertEquals("neurorig learn bench: unknown kernels 'fast': expected best, scalar, vector or openblas", o.err().strip());
    }

    @Test
    void benchTableGivesEachRowItsRatioToTheStep() {
        Map<String, Double> medians = new LinkedHashMap<>();
        medians.put("step", 10_000.0);
        medians.put("recurrentUpdate", 25_000.0);
        medians.put("recurrentUpdateEvery16", 8_000.0);
        String table = LearnBenchCommand.table(medians);
        assertTrue(table.contains("network step (N x N recurrent, 4 inputs, 1 readout)") && table.contains("1.00x"), table);
        assertTrue(table.contains("NP update, N x N recurrent, per tick (fused rank-1)") && table.contains("2.50x"), table);
        assertTrue(table.contains("NP update, N x N recurrent, deferred, K = 16") && table.contains("0.80x"), table);
    }

    @Test
    void interleavedTableListsTheMeasuredRowsInItsOrderWithTheirRatios() {
        Map<String, InterleavedTiming.Result> results = new LinkedHashMap<>();
        results.put("recurrentUpdateEvery16", new InterleavedTiming.Result(812.4, 0.0812));
        results.put("step", new InterleavedTiming.Result(10_000, 1));
        results.put("recurrentUpdate", new InterleavedTiming.Result(25_049.6, 2.507));
        List<String> lines = LearnBenchCommand.interleavedTable(results).lines().toList();
        assertEquals(List.of(
                String.format(Locale.ROOT, "%-58s %12s %10s", "per tick", "median ns", "vs step"),
                String.format(Locale.ROOT, "%-58s %12s %10s", "network step (N x N recurrent, 4 inputs, 1 readout)", "10000", "1.00x"),
                String.format(Locale.ROOT, "%-58s %12s %10s", "NP update, N x N recurrent, per tick (fused rank-1)", "25050", "2.51x"),
                String.format(Locale.ROOT, "%-58s %12s %10s", "NP update, N x N recurrent, deferred, K = 16", "812", "0.08x")), lines,
                "the table's order, whatever the measurement's; rows not measured are left out");
    }

    @Test
    void helpListsLearn() {
        CliRun o = CliRun.of("--help");
        assertTrue(o.out().contains("learn"), o.out());
        o = CliRun.of("learn", "--help");
        assertTrue(o.out().contains("scaling") && o.out().contains("bench"), o.out());
    }
}
