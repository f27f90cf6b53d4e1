package org.neurorig.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareCommandTest {

    @TempDir
    Path dir;

    @Test
    void quickRunPrintsProgressAndTheTablesAndFillsTheRunFolder() throws IOException {
        Path run = dir.resolve("run");
        CliRun o = CliRun.of("compare", "--quick", "--threads", "2", "--out", run.toString());
        assertEquals(0, o.code(), o.err());
        // 2 seeds x (2 severities x 5 learners + 2 effects x 2 learners)
        assertTrue(o.out().contains("] 28/28 seed "), "progress is shown: " + o.out());
        assertTrue(o.out().contains("seed 1: S trained on the model, cost "), o.out());
        for (String row : List.of("severity 0.00   S ", "H: NP", "H: WP", "H: REINFORCE", "S->H", "severity 1.00")) {
            assertTrue(o.out().contains(row), row + " in the table: " + o.out());
        }
        assertTrue(o.out().contains("delay ") && o.out().contains("friction "), "the single effects: " + o.out());
        assertTrue(o.out().contains("From severity 0.00 to severity 1.00, S on the hardware goes from"), "the reading: " + o.out());
        List<String> csv = Files.readAllLines(run.resolve("table.csv"));
        assertEquals(29, csv.size(), "a header and one line per run");
        assertTrue(csv.getFirst().startsWith("hardware,learner,seed,criterion"));
        assertTrue(Files.readString(run.resolve("settings.txt")).startsWith("command: neurorig compare --quick --threads 2 --out "));
        assertTrue(Files.readString(run.resolve("summary.txt")).contains("wall time: "));
        assertTrue(Files.readString(run.resolve("curves.csv")).startsWith("hardware,learner,episode,mean_length_10,sem,seeds\nseverity 0.00,H: NP,1,"));
        for (String png : List.of("learning-curves.png", "performance-vs-mismatch.png", "single-effects.png")) {
            byte[] head = Arrays.copyOf(Files.readAllBytes(run.resolve(png)), 8);
            assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, head, png);
            assertTrue(Files.size(run.resolve(png)) > 10_000, png + " has content");
        }
    }

    private void refused(String message, String... args) {
        String[] full = new String[args.length + 1];
        full[0] = "compare";
        System.arraycopy(args, 0, full, 1, args.length);
        CliRun o = CliRun.of(full);
        assertEquals(2, o.code(), String.join(" ", args) + ": " + o.out());
        assertEquals("neurorig compare: " + message, o.err().strip());
        assertTrue(o.out().isEmpty(), "nothing ran: " + o.out());
    }

    @Test
    void badOptionsAreOneLineNamingTheOption() throws IOException {
        Path out = dir.resolve("x").toAbsolutePath();
        refused("--seeds: 0 is out of range: expected 1 to 100", "--seeds", "0", "--out", out.toString());
        refused("--severities: 1.5 is out of range: expected 0 (none) to 1 (strong)", "--severities", "0,1.5", "--out", out.toString());
        refused("--effects: unknown effect 'wind': expected all, none, or some of delay, hold, pwm, deadband, saturation, gain, "
                + "friction, noise, encoder, mismatch, jitter, offset, bias", "--effects", "delay,wind", "--out", out.toString());
        refused("--episodes: 0 is out of range: expected 1 to 100000", "--episodes", "0", "--out", out.toString());
        refused("--set np.eta=fast: not a number", "--set", "np.eta=fast", "--out", out.toString());
        refused("--set np.speed=1: unknown setting 'np.speed': expected one of " + String.join(", ",
                org.neurorig.compare.Comparison.settingKeys()), "--set", "np.speed=1", "--out", out.toString());
        refused("--set wp.eta=-1: learning rate = -1.0 is out of range: expected a finite number >= 0", "--set", "wp.eta=-1",
                "--out", out.toString());
        refused("--set noequals: expected KEY=VALUE, e.g. --set np.eta=3e-4", "--set", "noequals", "--out", out.toString());
        CliRun o = CliRun.of("compare", "--severities", "0,strong", "--out", out.toString());
        assertEquals(2, o.code());
        assertEquals("neurorig compare: invalid value for option '--severities' (S): 'strong' is not a number "
                + "(see 'neurorig compare --help')", o.err().strip());
        Path file = Files.writeString(dir.resolve("file"), "");
        CliRun inTheWay = CliRun.of("compare", "--quick", "--out", file.toString());
        assertEquals(2, inTheWay.code());
        assertTrue(inTheWay.err().startsWith("neurorig compare: cannot write the run folder " + file), inTheWay.err());
        assertEquals(1, inTheWay.err().strip().lines().count(), inTheWay.err());
        assertTrue(!Files.exists(out), "no run folder for a refused run");
    }
}
