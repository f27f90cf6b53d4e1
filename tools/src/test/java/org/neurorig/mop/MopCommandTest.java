package org.neurorig.mop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurorig.cli.Main;

/** {@code neurorig mop}: the experiments are listed, a bad value is one line, and a tiny run writes its folder. */
class MopCommandTest {

    private record Outcome(int code, String out, String err) {
    }

    private static Outcome run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Outcome(code, out.toString(), err.toString());
    }

    @Test
    void helpListsEveryExperiment() {
        Outcome o = run("mop", "--help");
        assertEquals(0, o.code());
        for (String name : MopExperiments.names()) {
            assertTrue(o.out().contains(name), name + " missing from:\n" + o.out());
        }
        assertTrue(o.out().contains("bench"));
    }

    @Test
    void aBadValueIsOneLineThatNamesIt(@TempDir Path dir) {
        Outcome o = run("mop", "energy", "--gamma", "1.5", "--out", dir.resolve("x").toString());
        assertEquals(2, o.code());
        assertEquals(1, o.err().strip().lines().count(), o.err());
        assertTrue(o.err().contains("gamma = 1.5"), o.err());
        o = run("mop", "square", "--networks", "0", "--out", dir.resolve("y").toString());
        assertEquals(2, o.code());
        assertEquals("neurorig mop: --networks: 0 is out of range: expected at least 1", o.err().strip());
        // the step is checked before the run starts: no progress line, no run folder
        o = run("mop", "energy", "--dt", "0", "--out", dir.resolve("z").toString());
        assertEquals(2, o.code());
        assertEquals(1, o.err().strip().lines().count(), o.err());
        assertTrue(o.err().contains("dt = 0.0"), o.err());
        assertTrue(o.out().isBlank(), o.out());
        assertTrue(Files.notExists(dir.resolve("z")), "a run folder was made for a run that never started");
        o = run("mop", "cartpole", "--validate-every", "-1", "--out", dir.resolve("v").toString());
        assertEquals(2, o.code());
        assertEquals("neurorig mop: --validate-every: -1 is out of range: expected at least 0", o.err().strip());
    }

    @Test
    void aTinyEnergyRunWritesFiguresNumbersAndSettings(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("run");
        Outcome o = run("mop", "energy", "--networks", "2", "--epochs", "2", "--trajectories", "2", "--horizon", "30",
                "--action-bits", "3", "--hidden", "4", "--threads", "2", "--out", out.toString());
        assertEquals(0, o.code(), o.err());
        String summary = Files.readString(out.resolve("summary.txt"));
        assertTrue(summary.contains("ED_a far from the constraint") && summary.contains(" +- "), summary);
        assertTrue(summary.contains("NeuroMOP") && summary.contains("R eps=0.3"), summary);
        String settings = Files.readString(out.resolve("settings.txt"));
        assertTrue(settings.contains("rho                    2.0   (not published)"), settings);
        assertTrue(settings.contains("dt                     0.1   (not published)"), settings);
        assertTrue(settings.contains("--action-bits 3"), settings);
        for (String png : new String[] {"lifetime", "effective-dimensionality", "sigma", "energy-trace", "entropy-trace",
            "entropy-vs-energy"}) {
            var image = ImageIO.read(out.resolve(png + ".png").toFile());
            assertTrue(image != null && image.getWidth() > 100, png + ".png is not a picture");
        }
        assertTrue(o.out().contains("epoch   2/2"), "progress is shown:\n" + o.out());
        assertTrue(summary.contains("paired by network"), summary);
        assertTrue(summary.contains("\nwhat the paper reports, and what this run measured:\n"), summary);
        assertTrue(!summary.toLowerCase(java.util.Locale.ROOT).contains("issue"), summary);
        // one line per network of each arm, every measure of the table as a number
        var rows = Files.readAllLines(out.resolve("networks.csv"));
        assertEquals(1 + 2 * 2, rows.size(), String.join("\n", rows));
        assertTrue(rows.get(1).startsWith("\"NeuroMOP\",0,") && rows.get(4).startsWith("\"R eps=0.3\",1,"), rows.toString());
        assertEquals(rows.get(0).split(",").length, rows.get(1).split(",").length, rows.toString());
    }

    @Test
    void aTinySquareRunSetsWhatThePaperReportsBesideWhatItMeasured(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("run");
        Outcome o = run("mop", "square", "--networks", "1", "--epochs", "1", "--trajectories", "2", "--horizon", "20",
                "--action-bits", "2", "--units", "8", "--hidden", "4", "--test-trajectories", "1", "--threads", "1",
                "--out", out.toString());
        assertEquals(0, o.code(), o.err());
        String summary = Files.readString(out.resolve("summary.txt"));
        assertTrue(summary.contains("\nwhat the paper reports, and what this run measured:\n  lifetime NeuroMOP "), summary);
        assertTrue(!summary.toLowerCase(java.util.Locale.ROOT).contains("issue"), summary);
        assertTrue(!o.out().toLowerCase(java.util.Locale.ROOT).contains("issue"), o.out());
    }

    @Test
    void aTinyRewardRunReportsWhatStayingInTheRewardedSquareCosts(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("run");
        Outcome o = run("mop", "reward", "--networks", "2", "--epochs", "1", "--trajectories", "2", "--horizon", "20",
                "--units", "8", "--hidden", "4", "--test-trajectories", "1", "--threads", "1", "--dt", "0.02",
                "--out", out.toString());
        assertEquals(0, o.code(), o.err());
        String summary = Files.readString(out.resolve("summary.txt"));
        java.util.regex.Matcher cost = java.util.regex.Pattern
                .compile("\ncost of staying in the rewarded square \\(nats per step\\) +(-?[0-9.]+) \\+- ([0-9.]+)\n")
                .matcher(summary);
        assertTrue(cost.find(), summary);
        // at dt 0.02 a step moves a unit by at most ~0.02, a fifth of the square: staying costs a fraction of a nat
        double c = Double.parseDouble(cost.group(1));
        assertTrue(c > 0 && c < 1, summary);
        assertTrue(summary.contains("\naction entropy in the rewarded square (nats) "), summary);
        assertTrue(summary.contains("  collapse possible (mu above the cost of staying, "), summary);
    }

    @Test
    void aCartPoleRunShorterThanItsValidationPeriodSaysSoAndTestsItsLastWeights(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("run");
        Outcome o = run("mop", "cartpole", "--networks", "1", "--epochs", "2", "--trajectories", "2", "--horizon", "30",
                "--hidden", "4", "--updates", "2", "--test-trajectories", "1", "--threads", "1", "--out", out.toString());
        assertEquals(0, o.code(), o.err());
        String summary = Files.readString(out.resolve("summary.txt"));
        assertTrue(summary.contains("validation: none ran (2 epochs, validation every 20)"), summary);
        assertTrue(!summary.contains("NaN"), summary);
    }

    @Test
    void aTinyCartPoleRunReportsTheAgentsOnTheSimulatedRig(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("run");
        Outcome o = run("mop", "cartpole", "--networks", "2", "--epochs", "2", "--trajectories", "2", "--horizon", "30",
                "--hidden", "4", "--updates", "2", "--test-trajectories", "2", "--threads", "2", "--validate-every", "1",
                "--out", out.toString());
        assertEquals(0, o.code(), o.err());
        String summary = Files.readString(out.resolve("summary.txt"));
        assertTrue(summary.contains("validation (100 episodes every 1 epochs"), summary);
        assertTrue(summary.contains("NeuroMOP: from epoch 1 on, each network's lowest validation lifetime")
                && !summary.contains("NaN"), summary);
        assertTrue(Files.readString(out.resolve("settings.txt")).contains("100 episodes every 1 epochs"));
        // each network records the epoch whose weights it tested, one of the two validated
        List<String> rows = Files.readAllLines(out.resolve("networks.csv"));
        int column = java.util.Arrays.asList(rows.get(0).split(",")).indexOf("\"epoch of the tested weights\"");
        assertTrue(column > 0, rows.get(0));
        for (String row : rows.subList(1, rows.size())) {
            double epoch = Double.parseDouble(row.split(",")[column]);
            assertTrue(epoch == 1 || epoch == 2, row);
        }
        assertTrue(ImageIO.read(out.resolve("validation.png").toFile()) != null, "validation.png is not a picture");
        assertTrue(summary.contains("on the simulated rig"), summary);
        // one row per condition, a cell per arm with the networks always at T out of 2
        for (HardwareSweep.Condition c : HardwareSweep.CONDITIONS) {
            String row = summary.lines().filter(l -> l.startsWith(c.label())).findFirst().orElse("");
            assertEquals(2, row.split(" of 2\\)", -1).length - 1, "row for " + c.label() + ":\n" + summary);
        }
        var image = ImageIO.read(out.resolve("rig-severity.png").toFile());
        assertTrue(image != null && image.getWidth() > 100, "rig-severity.png is not a picture");
    }
}
