package org.neurorig.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A profile's mistakes as {@code neurorig run} and {@code neurorig profiles check} report them: each with
 * its file:line (or --set) and key, every one of a file's at once, nothing started, and a hint that finds
 * them again.
 */
class ProfileMistakesTest {

    private static final String HINT = "neurorig run: nothing was started; this lists what to fix: ";

    @TempDir
    Path tmp;

    /** {@code neurorig run --fast --episodes 1 ARGS --out tmp/never}: refused, with nothing started. */
    private CliRun refusedRun(String... args) {
        List<String> line = new ArrayList<>(List.of("run", "--fast", "--episodes", "1"));
        line.addAll(List.of(args));
        line.addAll(List.of("--out", tmp.resolve("never").toString()));
        CliRun r = CliRun.of(line.toArray(String[]::new));
        assertEquals(2, r.code(), r.out() + r.err());
        assertFalse(r.out().contains("assembling"), "a rig was assembled: " + r.out());
        assertFalse(Files.exists(tmp.resolve("never")), "a run folder was made for a run that never started");
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
        return r;
    }

    @Test
    void aNegativeRateIsNamedWithItsKeyAndNothingIsStarted() {
        CliRun r = refusedRun("--set", "rig.rate_hz=-1");
        assertEquals("neurorig run: --set: rig.rate_hz: -1 is out of range: expected a number in [1, 20000]\n"
                + HINT + "neurorig profiles check sim-cartpole --set rig.rate_hz=-1\n", r.err());
    }

    @Test
    void aNegativeRateInAFileIsOneOfItsProblemsAndCheckListsThemAll() throws IOException {
        Path file = Files.writeString(tmp.resolve("fast.toml"), """
                extends = "sim-cartpole"
                [rig]
                rate_hz = -1
                [learning]
                rule = "np"
                [network]
                g = -2
                """);
        String problems = file + ":3: rig.rate_hz: -1 is out of range: expected a number in [1, 20000]\n"
                + file + ":7: network.g: -2 is out of range: expected a number in [0, 20]\n";
        CliRun check = CliRun.of("profiles", "check", file.toString());
        assertEquals(2, check.code(), check.out() + check.err());
        assertEquals(problems + "2 problems\n", check.err());
        CliRun run = refusedRun("--profile", file.toString());
        assertEquals(problems.replace(file.toString(), "neurorig run: " + file), run.err().lines()
                .filter(l -> !l.startsWith(HINT)).map(l -> l + "\n").reduce("", String::concat));
    }

    @Test
    void theHintAfterASetMistakeFindsTheSameProblemAgain() {
        CliRun run = refusedRun("--rule", "np", "--set", "network.tau=-1", "--set", "device.plant=cartpole");
        String hint = run.err().lines().filter(l -> l.startsWith(HINT)).findFirst().orElseThrow();
        assertEquals(HINT + "neurorig profiles check sim-cartpole --set network.tau=-1 --set device.plant=cartpole"
                + " --set learning.rule=np", hint);
        String[] words = hint.substring(HINT.length() + "neurorig ".length()).split(" ");
        CliRun check = CliRun.of(words);
        assertEquals(2, check.code(), check.out() + check.err());
        assertEquals("--set: network.tau: -1 is out of range: expected a number in [0.000001, 1000]\n", check.err(),
                "the same problem, and only it: network.dt = 0.02 is not blamed for the wrong tau");
    }

    @Test
    void theHintQuotesAnOverrideTheShellWouldSplit() {
        assertEquals("neurorig profiles check '/tmp/my rig.toml' --set 'device.port=/dev/tty USB0' --set 'rig.name=it'\\''s'",
                ProfileCheckLine.of("/tmp/my rig.toml", List.of("device.port=/dev/tty USB0", "rig.name=it's")));
    }

    @Test
    void anOutOfRangeValueIsNamedWithoutAStrayEqualsSign() {
        CliRun r = refusedRun("--set", "learning.eta=-5");
        assertEquals("neurorig run: --set: learning.eta: -5 is out of range: expected a number in [0, 100]",
                r.err().lines().findFirst().orElseThrow());
    }

    @Test
    void profilesCheckTakesOverridesLikeRun() {
        CliRun valid = CliRun.of("profiles", "check", "sim-cartpole", "--set", "rig.rate_hz=100");
        assertEquals(0, valid.code(), valid.err());
        assertTrue(valid.out().contains("100 Hz"), valid.out());
        CliRun wrong = CliRun.of("profiles", "check", "sim-cartpole", "--set", "rig.rate_hz=-1");
        assertEquals(2, wrong.code());
        assertEquals("--set: rig.rate_hz: -1 is out of range: expected a number in [1, 20000]\n", wrong.err());
    }

    @Test
    void aRunFolderThatCannotBeMadeSaysWhyNotWhere() throws IOException {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "a Linux /proc");
        CliRun proc = CliRun.of("run", "--fast", "--episodes", "1", "--out", "/proc/x");
        assertEquals(2, proc.code(), proc.out() + proc.err());
        assertEquals("neurorig run: cannot write the run folder /proc/x (/proc does not let a folder or file be made in it);"
                + " choose another with --out DIR\n", proc.err());
        assertFalse(proc.out().contains("assembling"), proc.out());
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        CliRun under = CliRun.of("run", "--fast", "--episodes", "1", "--out", file.resolve("sub").toString());
        assertEquals(2, under.code(), under.out() + under.err());
        assertEquals("neurorig run: cannot write the run folder " + file.resolve("sub") + " (" + file
                + " is a file, not a folder); choose another with --out DIR\n", under.err());
    }
}
