package org.neurorig.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurorig.plant.CartPoleParameters;
import org.neurorig.plant.CartPolePlant;

/** {@code neurorig plant replay} and {@code plant list}, through {@link Main#run} as a user runs them. */
class PlantCommandTest {

    /** Gymnasium's own episodes, written by Gymnasium 1.3.0 (the runtime module's fidelity test uses it too). */
    private static final Path GYMNASIUM_LOG = Path.of("../runtime/src/test/resources/org/neurorig/plant/gymnasium-cartpole-v1.csv");
    private static final String HEADER = "episode,step,action,x,x_dot,theta,theta_dot,terminated";

    @TempDir
    Path dir;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    private Path file(String name, String... lines) throws IOException {
        return Files.write(dir.resolve(name), List.of(lines));
    }

    @Test
    void gymnasiumsEpisodesReplayToTheBit() throws IOException {
        Path out = dir.resolve("states.csv");
        CliRun o = run("plant", "replay", "--plant", "cartpole-gym", "--in", GYMNASIUM_LOG.toString(), "--out", out.toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("replayed 11 episodes, 1671 steps on cartpole-gym"), o.out());
        assertTrue(o.out().contains("1671 of 1671 steps identical to the bit; terminated differs in 0"), o.out());
        List<String> expected = Files.readAllLines(GYMNASIUM_LOG);
        List<String> actual = Files.readAllLines(out);
        assertEquals(expected.size(), actual.size());
        assertEquals(HEADER, actual.get(0));
        for (int i = 1; i < expected.size(); i++) {
            String[] e = expected.get(i).split(",", -1);
            String[] a = actual.get(i).split(",", -1);
            for (int c : new int[] {0, 1, 2, 7}) {
                assertEquals(e[c], a[c], "line " + (i + 1) + " column " + c);
            }
            for (int c = 3; c < 7; c++) {
                assertEquals(Double.doubleToRawLongBits(Double.parseDouble(e[c])), Double.doubleToRawLongBits(Double.parseDouble(a[c])),
                        "line " + (i + 1) + " column " + c + ": " + a[c] + " vs " + e[c]);
            }
        }
    }

    /** The output parses back to the same bits: replaying it again matches it exactly. */
    @Test
    void theOutputIsFullPrecisionAndReadsBackAsALog() throws IOException {
        Path first = dir.resolve("first.csv");
        assertEquals(0, run("plant", "replay", "--in", GYMNASIUM_LOG.toString(), "--out", first.toString(),
                "--nonideal", "strong").code());
        Path second = dir.resolve("second.csv");
        CliRun o = run("plant", "replay", "--in", first.toString(), "--out", second.toString(), "--nonideal", "strong");
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("1671 of 1671 steps identical to the bit"), o.out());
        assertEquals(Files.readAllLines(first), Files.readAllLines(second));
    }

    @Test
    void theContinuousPlantTakesForcesAndAnActionsOnlyLog() throws IOException {
        Path in = file("actions.csv", HEADER, "7,0,,0,0,0.02,0,", "7,1,3.5,,,,,", "7,2,-10,,,,,", "7,3,0.25,,,,,");
        Path out = dir.resolve("states.csv");
        CliRun o = run("plant", "replay", "--plant", "cartpole-continuous", "--in", in.toString(), "--out", out.toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("nothing to compare with"), o.out());
        CartPolePlant plant = new CartPolePlant(CartPoleParameters.gym(), CartPolePlant.ForceMode.CONTINUOUS);
        plant.activate();
        plant.reset(new double[] {0, 0, 0.02, 0});
        double[] s = new double[4];
        List<String> rows = Files.readAllLines(out);
        assertEquals("7,0,,0.0,0.0,0.02,0.0,0", rows.get(1));
        double[] forces = {3.5, -10, 0.25};
        for (int k = 0; k < forces.length; k++) {
            plant.write(0, new double[] {forces[k]});
            plant.trueState(s);
            assertEquals("7," + (k + 1) + "," + forces[k] + "," + s[0] + "," + s[1] + "," + s[2] + "," + s[3] + ",0", rows.get(k + 2));
        }
    }

    @Test
    void nonIdealitiesChangeTheReplayAndSettingsAreApplied() throws IOException {
        Path out = dir.resolve("states.csv");
        CliRun o = run("plant", "replay", "--in", GYMNASIUM_LOG.toString(), "--out", out.toString(),
                "--nonideal", "delay", "--set", "delay_ticks=1", "--set", "coulomb_friction=0.2");
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("non-idealities: delay_ticks=1 coulomb_friction=0.2"), o.out());
        assertFalse(o.out().contains("1671 of 1671"), o.out());
    }

    /** Every malformed row is named with its line; nothing is written; one line each, no stack trace. */
    @Test
    void malformedRowsAreReportedWithTheirLineNumbersAndNothingIsWritten() throws IOException {
        Path in = file("bad.csv",
                HEADER,                                   // 1
                "0,0,,0.01,0,0.02,0,0",                   // 2 fine
                "0,1,1,,,,,",                             // 3 fine
                "0,2,2,,,,,",                             // 4 not a CartPole action
                "1,0,1,0.01,0,0.02,0,0",                  // 5 step 0 with an action
                "2,0,,0.01,x,0.02,0,0",                   // 6 not a number
                "3,0,,0.01,0,0.02,0",                     // 7 seven fields
                "",                                       // 8 blank: ignored
                "4,0,,0.01,,0.02,0,0",                    // 9 initial state incomplete
                "5,1,1,,,,,",                             // 10 no step 0
                "6,0,,0,0,0,0,0",                         // 11 fine
                "6,2,1,,,,,",                             // 12 gap
                "7,0,,0,0,0,0,yes",                       // 13 bad terminated
                "6,0,,0,0,0,0,0");                        // 14 episode 6 again
        Path out = dir.resolve("states.csv");
        CliRun o = run("plant", "replay", "--in", in.toString(), "--out", out.toString());
        assertEquals(2, o.code());
        List<String> lines = o.err().lines().toList();
        assertEquals("neurorig plant replay: " + in + ": 9 malformed rows; nothing was replayed", lines.get(0));
        assertEquals(List.of(
                "  " + in + ":4: action 2 is not a CartPole-v1 action: expected 0 (push left) or 1 (push right)",
                "  " + in + ":5: step 0 gives the initial state; its action must be empty (the first action is at step 1)",
                "  " + in + ":6: x_dot 'x' is not a finite number",
                "  " + in + ":7: 7 fields, expected 8 (" + HEADER + ")",
                "  " + in + ":9: step 0 must give the initial state: x_dot is empty",
                "  " + in + ":10: episode 5 step 1 comes before its step 0 (an episode starts at step 0, with its initial state)",
                "  " + in + ":12: episode 6 step 2 follows step 0: expected step 1",
                "  " + in + ":13: terminated 'yes' is not 0, 1, false or true",
                "  " + in + ":14: episode 6 starts again (its step 0 is on line 11); give each episode its own number"),
                lines.subList(1, lines.size()));
        assertFalse(o.err().contains("Exception"), o.err());
        assertFalse(Files.exists(out), "nothing is written when a row is malformed");
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no partial file is left behind");
        }
    }

    @Test
    void oneClearLinePerUsageMistake() throws IOException {
        Path ok = file("ok.csv", HEADER, "0,0,,0,0,0,0,0", "0,1,1,,,,,");
        Path out = dir.resolve("o.csv");
        assertEquals("neurorig plant replay: --in: " + dir.resolve("missing.csv") + " does not exist",
                run("plant", "replay", "--in", dir.resolve("missing.csv").toString(), "--out", out.toString()).err().strip());
        assertEquals("neurorig plant replay: --plant: no plant named 'cartpole-v2': expected one of cartpole-gym, cartpole-continuous",
                run("plant", "replay", "--plant", "cartpole-v2", "--in", ok.toString(), "--out", out.toString()).err().strip());
        assertTrue(run("plant", "replay", "--in", ok.toString(), "--out", out.toString(), "--nonideal", "hard").err().strip()
                .startsWith("neurorig plant replay: no non-ideality preset named 'hard': expected one of none, mild,"));
        assertEquals("neurorig plant replay: nonideal.pwm_bits = 30 is out of range: expected an integer from 0 to 24 (bits)",
                run("plant", "replay", "--in", ok.toString(), "--out", out.toString(), "--set", "pwm_bits=30").err().strip());
        assertEquals("neurorig plant replay: --out: the directory " + dir.resolve("nowhere") + " does not exist",
                run("plant", "replay", "--in", ok.toString(), "--out", dir.resolve("nowhere/o.csv").toString()).err().strip());
        assertEquals("neurorig plant replay: --out " + ok + " is the input file: write the replay to another file",
                run("plant", "replay", "--in", ok.toString(), "--out", ok.toString()).err().strip());
        Path headerless = file("headerless.csv", "0,0,,0,0,0,0,0");
        assertEquals("neurorig plant replay: " + headerless + ": 1 malformed row; nothing was replayed" + System.lineSeparator()
                + "  " + headerless + ":1: expected the header " + HEADER + ", found '0,0,,0,0,0,0,0'",
                run("plant", "replay", "--in", headerless.toString(), "--out", out.toString()).err().strip());
        Path force = file("force.csv", HEADER, "0,0,,0,0,0,0,0", "0,1,12.5,,,,,");
        assertTrue(run("plant", "replay", "--plant", "cartpole-continuous", "--in", force.toString(), "--out", out.toString())
                .err().contains(force + ":3: action 12.5 N is beyond the plant's force limit of 10 N either way"));
        assertFalse(Files.exists(out));
    }

    @Test
    void listShowsPlantsPresetsAndParameters() {
        CliRun o = run("plant", "list");
        assertEquals(0, o.code());
        assertTrue(o.out().contains("cartpole-continuous"), o.out());
        assertTrue(o.out().contains("friction             friction of the cart"), o.out());
        assertTrue(o.out().contains("coulomb_friction     N"), o.out());
        assertTrue(o.out().contains("theta_offset         rad"), o.out());
        assertTrue(o.out().contains("force_bias           N"), o.out());
        assertTrue(o.out().contains("offset               a pole-angle sensor whose zero is off"), o.out());
        assertTrue(run("--help").out().contains("plant"));
    }
}
