package org.neurorig.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.neurorig.learning.Checkpoint;
import org.neurorig.network.RateNetwork;
import org.neurorig.profile.ProfileLoader;
import org.neurorig.run.RunFolder;
import org.neurorig.telemetry.TelemetryLog;
import org.neurorig.telemetry.TickRecord;

/**
 * {@code neurorig run} killed with SIGKILL at random moments, again and again, each run resuming the
 * one before: every killed folder can be resumed, its checkpoint is whole, and it is at most one
 * checkpoint interval behind what the run had done (as far as its telemetry on disk shows).
 */
class CrashResumeTest {

    private static final int KILLS = 8;
    private static final int EVERY_EPISODES = 5;
    private static final List<String> SETTINGS = List.of("network.n=48", "checkpoint.every_episodes=" + EVERY_EPISODES,
            "checkpoint.min_interval_s=0");

    @Test
    @Timeout(300)
    void aRunKilledAtAnyMomentResumesWithAtMostOneIntervalLost(@TempDir Path tmp) throws Exception {
        SplittableRandom random = new SplittableRandom(23);
        Path previous = null;
        long before = 0; // episodes the resumed checkpoint had learned over
        List<String> seen = new ArrayList<>();
        for (int k = 0; k < KILLS; k++) {
            Path dir = tmp.resolve("run" + k);
            Process child = start(dir, previous, 1_000_000);
            try {
                awaitRunning(child);
                long ms = random.nextLong(50, 1500);
                assertTrue(!child.waitFor(ms, TimeUnit.MILLISECONDS), "the run ended by itself");
                child.destroyForcibly(); // SIGKILL: no hook, no final save
                assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            } finally {
                child.destroyForcibly();
            }
            RunFolder.existing(dir); // resumable; clears what a save the kill interrupted left
            try (var files = Files.list(dir)) {
                List<String> temporaries = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList();
                assertEquals(List.of(), temporaries);
            }
            Path checkpoint = dir.resolve(RunFolder.CHECKPOINT);
            RateNetwork network = new RateNetwork(ProfileLoader.load("sim-cartpole", SETTINGS).network());
            Checkpoint.restore(checkpoint, network); // whole: its checksum holds
            long saved = Checkpoint.summary(checkpoint).episodes();
            long ended = episodesEnded(dir.resolve(RunFolder.TELEMETRY));
            seen.add("kill " + k + ": checkpoint after episode " + saved + ", telemetry shows " + (before + ended));
            assertTrue(saved >= before, "never behind the checkpoint it resumed: " + seen);
            assertTrue(before + ended - saved <= EVERY_EPISODES, "at most one interval lost: " + seen);
            previous = dir;
            before = saved;
        }
        assertTrue(before > 0, "the runs learned on: " + seen);
        seen.forEach(System.out::println);
        Path last = tmp.resolve("last");
        Process child = start(last, previous, 3);
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, child.exitValue(), out);
        assertTrue(out.contains(previous + " was not stopped cleanly (no summary, no report): resuming from its checkpoint, "
                + "saved after episode " + before + "; what ran after it is lost (its telemetry, up to the crash, stays in that "
                + "folder: "), out);
        assertEquals(before + 3, Checkpoint.summary(last.resolve(RunFolder.CHECKPOINT)).episodes(), out);
    }

    /** A folder a run still writes is not resumed (nor cleared); one without a checkpoint says why. */
    @Test
    void aFolderInUseOrWithoutACheckpointIsRefusedInOneLine(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("going");
        RunFolder going = RunFolder.create(dir);
        going.holdForRun();
        Files.writeString(dir.resolve(RunFolder.RECORD), "profile=sim-cartpole\n");
        Files.write(dir.resolve(".checkpoint.nrck.1.tmp"), new byte[8]);
        java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, () -> RunFolder.existing(dir));
        assertEquals("--resume " + dir + ": that run is still going; stop it first (Ctrl-C saves its checkpoint)", e.getMessage());
        assertTrue(Files.exists(dir.resolve(".checkpoint.nrck.1.tmp")), "a running save is left alone");
        going.release();
        e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, () -> RunFolder.existing(dir));
        assertEquals("--resume " + dir + ": it holds no checkpoint.nrck: its run ended before its first tick, so it learned "
                + "nothing; start a new run, or give the folder of another", e.getMessage());
        assertTrue(!Files.exists(dir.resolve(".checkpoint.nrck.1.tmp")), "a dead run's temporary file is removed");
    }

    private static Process start(Path dir, Path resume, int episodes) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("--")) {
                cmd.add(a);
            }
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "run", "--fast", "--episodes",
                Integer.toString(episodes), "--until-learned", "0", "--out", dir.toString()));
        if (resume != null) {
            cmd.addAll(List.of("--resume", resume.toString()));
        } else {
            for (String s : SETTINGS) {
                cmd.addAll(List.of("--set", s));
            }
        }
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** Until the run says it has started: its folder holds a checkpoint from then on. */
    private static void awaitRunning(Process child) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        List<String> lines = new ArrayList<>();
        String line;
        while ((line = out.readLine()) != null) {
            lines.add(line);
            if (line.contains("; run folder ")) {
                // the rest of its output is not read: drained so that a full pipe never blocks it
                Thread.ofVirtual().start(() -> {
                    try {
                        out.transferTo(java.io.Writer.nullWriter());
                    } catch (java.io.IOException ended) {
                        // the process was killed
                    }
                });
                return;
            }
        }
        throw new AssertionError("the run did not start: " + lines);
    }

    private static long episodesEnded(Path telemetry) throws Exception {
        long[] ended = {0};
        TelemetryLog.open(telemetry).read(r -> ended[0] += (r.flags() & TickRecord.FLAG_EPISODE_END) != 0 ? 1 : 0);
        return ended[0];
    }
}
