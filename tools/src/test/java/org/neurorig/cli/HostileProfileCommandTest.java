package org.neurorig.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code neurorig profiles check} and {@code neurorig run --profile} say of a file that is no
 * profile: one line naming it and what a profile is, exit code 2, quickly. The bounds are generous:
 * a FIFO used to block forever and {@code /dev/zero} to fill the heap.
 */
class HostileProfileCommandTest {

    private static final Duration GENEROUS = Duration.ofSeconds(20);
    private static final String HINT = "neurorig run: nothing was started; this lists what to fix: neurorig profiles check ";

    @TempDir
    Path tmp;

    private static CliRun quickly(String... args) {
        return assertTimeoutPreemptively(GENEROUS, () -> CliRun.of(args));
    }

    private Path fifo() throws IOException, InterruptedException {
        Path fifo = tmp.resolve("rig.toml");
        assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "mkfifo is not available");
        return fifo;
    }

    @Test
    void checkSaysInOneLineThatADeviceIsNoProfile() {
        assumeTrue(Files.exists(Path.of("/dev/zero")), "no /dev/zero here");
        CliRun r = quickly("profiles", "check", "/dev/zero");
        assertEquals(2, r.code(), r.out() + r.err());
        assertEquals("/dev/zero: is a character device, not a regular file; a profile is a .toml file of at most 128 KiB\n",
                r.err());
        assertEquals("", r.out());
    }

    @Test
    void checkAndRunRefuseAFifoWithoutWaitingForAWriter() throws Exception {
        Path fifo = fifo();
        String refusal = fifo + ": is a FIFO (named pipe), not a regular file; a profile is a .toml file of at most 128 KiB";
        CliRun check = quickly("profiles", "check", fifo.toString());
        assertEquals(2, check.code(), check.out() + check.err());
        assertEquals(refusal + "\n", check.err());
        CliRun run = quickly("run", "--fast", "--episodes", "1", "--profile", fifo.toString(), "--out", tmp.resolve("never").toString());
        assertEquals(2, run.code(), run.out() + run.err());
        assertEquals("neurorig run: " + refusal + "\n" + HINT + fifo + "\n", run.err());
        assertFalse(run.out().contains("assembling"), run.out());
        assertFalse(Files.exists(tmp.resolve("never")), "a run folder was made for a run that never started");
    }

    @Test
    void runRefusesAFileOverTheLimitByItsSize() throws IOException {
        Path big = Files.writeString(tmp.resolve("big.toml"), "#".repeat(200_000));
        CliRun run = quickly("run", "--fast", "--episodes", "1", "--profile", big.toString(), "--out", tmp.resolve("never").toString());
        assertEquals(2, run.code(), run.out() + run.err());
        assertEquals("neurorig run: " + big + ": is 200000 bytes; a profile is at most 128 KiB (131072 bytes; the shipped ones"
                + " are a few KB): is it the right file?", run.err().lines().findFirst().orElseThrow());
        assertFalse(run.err().contains("\tat "), run.err());
    }

    @Test
    void checkReadsAProfileOfCommentsUpToTheLimitQuickly() throws IOException {
        String head = "extends = \"sim-cartpole\"\n";
        String comment = "# why this rig is set up as it is, at some length\n";
        Path file = Files.writeString(tmp.resolve("commented.toml"),
                head + comment.repeat((128 * 1024 - head.length()) / comment.length()));
        CliRun r = quickly("profiles", "check", file.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().startsWith(file + ": valid ("), r.out());
    }

    @Test
    void checkListsAtMostFiftyProblemsAndCountsThemAll() throws IOException {
        StringBuilder text = new StringBuilder("extends = \"sim-cartpole\"\n[rig]\n");
        for (int i = 0; i < 70; i++) {
            text.append("unknown_").append(i).append(" = 1\n");
        }
        Path file = Files.writeString(tmp.resolve("many.toml"), text);
        CliRun r = quickly("profiles", "check", file.toString());
        assertEquals(2, r.code(), r.out() + r.err());
        List<String> lines = r.err().lines().toList();
        assertEquals(52, lines.size(), r.err());
        assertTrue(lines.get(49).startsWith(file + ":52: rig.unknown_49: unknown key"), lines.get(49));
        assertEquals(List.of("... and 20 more", "70 problems"), lines.subList(50, 52));
    }

    @Test
    void resumeRefusesARunRecordTooLargeToBeOne() throws IOException {
        Path folder = Files.createDirectory(tmp.resolve("old-run"));
        Files.writeString(folder.resolve("checkpoint.nrck"), "");
        Files.writeString(folder.resolve("run.properties"), "profile=" + "x".repeat(100_000)); // one line, no end
        CliRun r = quickly("run", "--fast", "--resume", folder.toString(), "--out", tmp.resolve("never").toString());
        assertEquals(2, r.code(), r.out() + r.err());
        assertEquals("neurorig run: " + folder.resolve("run.properties") + " is larger than 64 KiB; a run record neurorig"
                + " writes is a few hundred bytes: it is not one, or it was damaged\n", r.err());
    }
}
