package org.neurorig.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.neurorig.bridge.Emulators;
import org.neurorig.learning.Checkpoint;
import org.neurorig.network.RateNetwork;
import org.neurorig.network.WeightMatrix;
import org.neurorig.profile.ProfileLoader;
import org.neurorig.run.RunFolder;
import org.neurorig.run.RunRecord;
import org.neurorig.telemetry.TelemetryLog;
import org.neurorig.testing.SeedSweep;
import org.neurorig.testing.Signals;

/** {@code neurorig run} as a user meets it: runs that learn and leave a complete folder, clean stops, and their mistakes. */
class RunCommandTest {

    private static String read(Path file) throws Exception {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    private static int images(Path report) throws Exception {
        return read(report).split("src=\"data:image/png;base64,", -1).length - 1;
    }

    /**
     * The default rig from its start to the stop once it has learned (10 episodes in a row at the
     * 500-tick limit), on 5 seeds of the network, the rule's noise and the starts.
     */
    @Test
    @Timeout(300)
    void aSimulatedRunLearnsToBalanceStopsWhenItHasAndLeavesACompleteRunFolder(@TempDir Path tmp) throws Exception {
        SeedSweep.assertHoldsForAtLeast(4, SeedSweep.seeds(1, 5), "run --fast: episodes until it stopped as learned",
                seed -> learnedRun(tmp.resolve("run-" + seed), seed));
    }

    private static SeedSweep.Outcome learnedRun(Path dir, long seed) {
        try {
            CliRun r = CliRun.of("run", "--fast", "--episodes", "300", "--set", "learning.seed=" + seed, "--set",
                    "network.seed=" + seed, "--set", "episodes.seed=" + seed, "--out", dir.toString());
            assertEquals(0, r.code(), r.err());
            assertFalse(r.out().contains("\r"), "not a terminal: plain progress lines, no in-place redraws");
            for (String f : List.of(RunFolder.TELEMETRY, RunFolder.CHECKPOINT, RunFolder.EPISODES,
                    RunFolder.PROFILE, RunFolder.RECORD, RunFolder.SUMMARY, RunFolder.REPORT)) {
                assertTrue(Files.size(dir.resolve(f)) > 0, f);
            }
            List<String> rows = Files.readAllLines(dir.resolve(RunFolder.EPISODES));
            List<Integer> lifetimes = rows.stream().skip(1).map(l -> Integer.parseInt(l.split(",")[1])).toList();
            int n = lifetimes.size();
            assertTrue(r.out().contains("episode " + n + " | lifetime"), r.out());
            long ticks = lifetimes.stream().mapToLong(Integer::longValue).sum();
            long[] records = {0};
            TelemetryLog.open(dir.resolve(RunFolder.TELEMETRY)).read(t -> records[0]++);
            assertTrue(records[0] >= ticks, "every tick of every episode is in the telemetry: " + records[0] + " < " + ticks);
            assertEquals(3, images(dir.resolve(RunFolder.REPORT)), "learning curve, activity, trajectories (no latency in --fast)");
            assertTrue(read(dir.resolve(RunFolder.REPORT)).contains("ran as fast as it computes"));
            assertTrue(read(dir.resolve(RunFolder.PROFILE)).contains("name = \"sim-cartpole\""), "the resolved profile");
            String summary = read(dir.resolve(RunFolder.SUMMARY));
            boolean learned = summary.contains("it has learned: 10 episodes in a row (" + (n - 9) + " to " + n
                    + ") reached the limit of 500 ticks");
            if (learned) {
                assertEquals(List.of(500), lifetimes.subList(n - 10, n).stream().distinct().toList(),
                        "the last 10 episodes reached the limit");
                int inARow = 0;
                for (int i = 0; i < n - 1; i++) {
                    inARow = lifetimes.get(i) == 500 ? inARow + 1 : 0;
                    assertTrue(inARow < 10, "the run went on after it had learned, at episode " + (i + 1));
                }
                RateNetwork network = new RateNetwork(ProfileLoader.load("sim-cartpole", List.of()).network());
                Checkpoint.restore(dir.resolve(RunFolder.CHECKPOINT), network);
                assertTrue(norm(network.readoutWeights()) > 0, "the readout starts at zero and learned");
            } else {
                assertEquals(300, n, summary);
                assertTrue(summary.contains("the episodes asked for have run"), summary);
            }
            // episodes count from 1 in the progress line, episodes.csv and the summary alike
            assertTrue(rows.get(1).startsWith("1,") && rows.get(n).startsWith(n + ","), rows.get(1));
            int longest = 0; // the first of the longest, as the summary picks it
            for (int i = 1; i < n; i++) {
                longest = lifetimes.get(i) > lifetimes.get(longest) ? i : longest;
            }
            assertTrue(r.out().contains("(episode " + (longest + 1) + ")"), "the longest episode is number " + (longest + 1)
                    + ": " + r.out());
            double untrained = lifetimes.subList(0, 10).stream().mapToInt(Integer::intValue).average().orElseThrow();
            assertTrue(untrained < 100, "an untrained readout should not balance: " + untrained);
            return SeedSweep.Outcome.atMost(learned ? n : Double.POSITIVE_INFINITY, 300, "stopped as learned after episodes");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @Timeout(120)
    void resumeStartsFromTheCheckpointWithTheSameProfileAndOverrides(@TempDir Path tmp) throws Exception {
        Path first = tmp.resolve("first");
        assertEquals(0, CliRun.of("run", "--fast", "--episodes", "20", "--set", "network.n=48", "--out", first.toString()).code());
        Path second = tmp.resolve("second run's");
        CliRun r = CliRun.of("run", "--resume", first.toString(), "--rule", "none", "--fast", "--episodes", "3", "--out",
                second.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("resuming from " + first), r.out());
        assertTrue(r.out().contains("continue: neurorig run --resume '" + tmp + "/second run'\\''s'\n"),
                "a line to paste into a shell: " + r.out());
        RunRecord record = RunRecord.load(second.resolve(RunFolder.RECORD));
        assertEquals(List.of("network.n=48", "learning.rule=none"), record.overrides(), "the first run's overrides, then this one's");
        assertEquals(first, record.resumedFrom());
        // nothing learns in the second run: its checkpoint is the first one's, bit for bit
        List<WeightMatrix> a = Checkpoint.load(first.resolve(RunFolder.CHECKPOINT));
        List<WeightMatrix> b = Checkpoint.load(second.resolve(RunFolder.CHECKPOINT));
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i).data(), b.get(i).data(), a.get(i).name());
        }
        assertTrue(norm(b.stream().filter(m -> m.name().equals(Checkpoint.READOUT)).findFirst().orElseThrow().data()) > 0,
                "the loaded readout is the learned one, not the profile's zero start");
    }

    @Test
    @Timeout(120)
    void aRealTimeRunKeepsItsLatencyLogAndFigures(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("rt");
        CliRun r = CliRun.of("run", "--episodes", "1000", "--duration", "4s", "--set", "network.n=48", "--out", dir.toString());
        assertEquals(0, r.code(), r.err());
        String summary = read(dir.resolve(RunFolder.SUMMARY));
        assertTrue(summary.contains("its time is up") && summary.contains("wake-up latency"), summary);
        assertTrue(r.out().contains("wake p99 ") && !r.out().contains("\r"), r.out());
        Map<String, Long> counts = new HashMap<>();
        try (HistogramLogReader reader = new HistogramLogReader(dir.resolve(RunFolder.LATENCY_LOG).toFile())) {
            EncodableHistogram h;
            while ((h = reader.nextIntervalHistogram()) != null) {
                counts.merge(h.getTag(), ((org.HdrHistogram.Histogram) h).getTotalCount(), Long::sum);
            }
        }
        long wake = counts.getOrDefault("wake-up", 0L);
        long[] ticks = {0};
        TelemetryLog.open(dir.resolve(RunFolder.TELEMETRY)).read(t -> ticks[0]++);
        assertTrue(ticks[0] > 0, "the run ticked");
        assertEquals(ticks[0], wake, "every tick of the telemetry is in the interval log, the warm-up included: " + counts);
        assertEquals(4, images(dir.resolve(RunFolder.REPORT)), "learning curve, latency, activity, trajectories");
    }

    @Test
    void everyMistakeIsOneLineAndStartsNothing(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        Path held = tmp.resolve("held");
        Files.createDirectories(held);
        Files.writeString(held.resolve(RunFolder.RECORD), "profile=sim-cartpole\n");
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Map<List<String>, String> cases = new java.util.LinkedHashMap<>();
        cases.put(List.of("--profile", "no-such-rig"), "no-such-rig");
        cases.put(List.of("--set", "network.nn=5"), "did you mean");
        cases.put(List.of("--rule", "sgd"), "--rule sgd: expected one of np, wp, reinforce, miconi, none");
        cases.put(List.of("--episodes", "0"), "--episodes 0: expected at least 1");
        cases.put(List.of("--fast", "--profile", "uno-emulated"), "drop --fast");
        cases.put(List.of("--out", file.resolve("sub").toString()), "cannot write the run folder");
        cases.put(List.of("--out", held.toString()), "already holds a run");
        cases.put(List.of("--resume", empty.toString()), "holds no run.properties");
        cases.put(List.of("--resume", tmp.resolve("nowhere").toString()), "no such folder");
        cases.put(List.of("--profile", "uno-usb", "--set", "device.port=" + tmp.resolve("ttyACM9"), "--out",
                tmp.resolve("usb").toString()), "ttyACM9");
        for (Map.Entry<List<String>, String> c : cases.entrySet()) {
            List<String> args = new ArrayList<>(List.of("run"));
            args.addAll(c.getKey());
            if (!c.getKey().contains("--out")) {
                args.addAll(List.of("--out", tmp.resolve("never").toString()));
            }
            CliRun r = CliRun.of(args.toArray(String[]::new));
            assertEquals(2, r.code(), c.getKey() + ": " + r.out() + r.err());
            List<String> lines = r.err().lines().toList();
            assertTrue(lines.size() <= 2 && lines.getFirst().contains(c.getValue()), c.getKey() + ": " + r.err());
            assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
        }
        assertFalse(Files.exists(tmp.resolve("never")), "no run folder for a run that never started");
        assertFalse(Files.exists(tmp.resolve("usb")), "a port that is not there leaves no run folder behind");
    }

    @Test
    @Timeout(120)
    void ctrlCStopsCleanlySavesTheCheckpointAndWritesTheReport(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("interrupted");
        List<String> cmd = javaCommand();
        cmd.addAll(List.of("run", "--episodes", "100000", "--set", "network.n=48", "--out", dir.toString()));
        Process child = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            List<String> lines = new ArrayList<>();
            String line;
            while ((line = out.readLine()) != null) {
                lines.add(line);
                if (line.contains(" episode 3 |") || line.matches(".* episode [4-9] \\|.*")) {
                    break;
                }
            }
            assertTrue(line != null, "the run did not get going: " + lines);
            Signals.send(child.pid(), "INT");
            while ((line = out.readLine()) != null) {
                lines.add(line);
            }
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the process did not exit");
            String all = String.join("\n", lines);
            assertTrue(all.contains("stopped by Ctrl-C") && all.contains("actuators are at their safe values"), all);
            assertTrue(read(dir.resolve(RunFolder.SUMMARY)).contains("stopped by Ctrl-C"));
            assertTrue(images(dir.resolve(RunFolder.REPORT)) >= 3, "the report was written");
            RateNetwork network = new RateNetwork(ProfileLoader.load("sim-cartpole", List.of("network.n=48")).network());
            Checkpoint.restore(dir.resolve(RunFolder.CHECKPOINT), network);
            long[] safe = {0, 0};
            TelemetryLog.open(dir.resolve(RunFolder.TELEMETRY)).read(t -> safe[0]++);
            assertTrue(safe[0] > 100, "the telemetry up to the stop was flushed: " + safe[0] + " records");
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    @Timeout(120)
    void theNonIdealSimulatedRigRunsTheSameWayInAFolderOfItsOwn(@TempDir Path tmp) throws Exception {
        Path runs = tmp.resolve("runs");
        CliRun r = CliRun.of("run", "--profile", "sim-cartpole-nonideal", "--fast", "--episodes", "5", "--runs", runs.toString());
        assertEquals(0, r.code(), r.err());
        List<Path> folders;
        try (var list = Files.list(runs)) {
            folders = list.toList();
        }
        assertEquals(1, folders.size(), "one run folder: " + folders);
        assertTrue(folders.getFirst().getFileName().toString().matches("sim-cartpole-nonideal-\\d{8}-\\d{6}"), folders.toString());
        String summary = read(folders.getFirst().resolve(RunFolder.SUMMARY));
        assertTrue(summary.contains("sim-cartpole-nonideal"), summary);
    }

    /** Without CAP_SYS_NICE (setpriv drops it from root) a profile's real-time priority is refused: a warning, and the run goes on. */
    @Test
    @Timeout(120)
    void aRefusedRealTimePriorityIsAWarningAndTheRunGoesOn(@TempDir Path tmp) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv"))
                && "root".equals(System.getProperty("user.name")), "needs root and setpriv to run a child without CAP_SYS_NICE");
        Path dir = tmp.resolve("no-rt");
        List<String> cmd = new ArrayList<>(List.of("setpriv", "--bounding-set", "-sys_nice"));
        cmd.addAll(javaCommand());
        cmd.addAll(List.of("run", "--episodes", "2", "--set", "realtime.priority=80", "--set", "network.n=32", "--out",
                dir.toString()));
        Process p = new ProcessBuilder(cmd).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out + err);
        List<String> warnings = err.lines().filter(l -> l.startsWith("warning: ")).toList();
        assertTrue(warnings.stream().anyMatch(l -> l.contains("SCHED_FIFO") && l.contains("refused")), err);
        assertTrue(read(dir.resolve(RunFolder.REPORT)).contains("SCHED_FIFO"), "the report's notes say it too");
        assertEquals(3, Files.readAllLines(dir.resolve(RunFolder.EPISODES)).size());
    }

    private static List<String> javaCommand() {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("--")) {
                cmd.add(a);
            }
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        return cmd;
    }

    @Test
    @Timeout(180)
    @Tag("emulator")
    void theSameCommandRunsTheFirmwareOnTheEmulatedUno(@TempDir Path tmp) throws Exception {
        Emulators.assumeAvailable();
        Path dir = tmp.resolve("uno");
        CliRun r = CliRun.of("run", "--profile", "uno-emulated", "--episodes", "4", "--out", dir.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        String summary = read(dir.resolve(RunFolder.SUMMARY));
        assertTrue(summary.contains("emulated Uno (QEMU pid") && summary.contains("the episodes asked for have run"), summary);
        assertEquals(5, Files.readAllLines(dir.resolve(RunFolder.EPISODES)).size(), "a header and 4 episodes");
        Checkpoint.load(dir.resolve(RunFolder.CHECKPOINT));
    }

    private static double norm(float[] w) {
        double s = 0;
        for (float v : w) {
            s += v * v;
        }
        return Math.sqrt(s);
    }
}
