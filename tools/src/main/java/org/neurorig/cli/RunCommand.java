package org.neurorig.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.neurorig.learning.Checkpoint;
import org.neurorig.learning.CheckpointException;
import org.neurorig.plot.Charts;
import org.neurorig.profile.DeviceSpec;
import org.neurorig.profile.ProfileCatalog;
import org.neurorig.profile.ProfileException;
import org.neurorig.profile.ProfileLoader;
import org.neurorig.profile.ProfilePrinter;
import org.neurorig.profile.RigProfile;
import org.neurorig.rig.Rig;
import org.neurorig.rig.RigException;
import org.neurorig.rig.RigOptions;
import org.neurorig.run.ProgressLine;
import org.neurorig.run.RigRun;
import org.neurorig.run.RunFolder;
import org.neurorig.run.RunRecord;
import org.neurorig.run.RunReport;
import org.neurorig.telemetry.TelemetryLog;
import org.neurorig.telemetry.TelemetryScan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code neurorig run}: a rig from its profile, learning online in the real-time loop, ending in a report. */
@Command(name = "run",
        mixinStandardHelpOptions = true,
        description = {"Run a rig: its network learns online to balance the cart-pole, episode after episode.",
                "Runs in the real-time control loop and shows one live progress line. Stops once it has learned "
                        + "(by default 10 episodes in a row at the tick limit), after --episodes, or on Ctrl-C, which stops cleanly "
                        + "(actuators to their safe values, telemetry flushed, a checkpoint saved). Writes a run "
                        + "folder: telemetry, checkpoint, latency log, episodes, figures and a self-contained "
                        + "report.html."},
        footer = {"", "Examples:",
                "  neurorig run",
                "      the default sim-cartpole rig, until it has learned (at most 100 episodes)",
                "  neurorig run --fast --episodes 300 --until-learned 0 --rule np",
                "      simulated, as fast as it computes, all 300 episodes",
                "  neurorig run --profile uno-emulated",
                "      the reference firmware on QEMU's emulated Uno",
                "  neurorig run --resume runs/sim-cartpole-...",
                "      continue learning from a run's checkpoint"})
public final class RunCommand implements Callable<Integer> {

    private static final String DEFAULT_PROFILE = "sim-cartpole";
    private static final List<String> RULES = List.of("np", "wp", "reinforce", "miconi", "none");

    @Spec
    CommandSpec spec;

    @Option(names = "--profile", paramLabel = "NAME|FILE",
            description = "a shipped profile (see neurorig profiles list) or a TOML file (default: " + DEFAULT_PROFILE
                    + ", or the resumed run's)")
    String profile;

    @Option(names = "--rule", paramLabel = "RULE",
            description = "the learning rule: np, wp, reinforce, miconi or none (default: the profile's)")
    String rule;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override a profile value (repeatable), for example learning.eta=0.001")
    List<String> sets = new ArrayList<>();

    @Option(names = "--episodes", paramLabel = "N", defaultValue = "100",
            description = "stop after this many episodes (default: ${DEFAULT-VALUE})")
    long episodes;

    @Option(names = "--until-learned", paramLabel = "N", defaultValue = "10",
            description = "stop sooner, once N episodes in a row reach the episode's tick limit (default: "
                    + "${DEFAULT-VALUE}; 0 runs every episode)")
    int untilLearned;

    @Option(names = "--duration", paramLabel = "TIME", description = "stop after this long at the latest, e.g. 90s, 10m")
    String duration;

    @Option(names = "--out", paramLabel = "DIR", description = "the run folder (default: RUNS/PROFILE-DATE-TIME)")
    Path out;

    @Option(names = "--runs", paramLabel = "RUNS", defaultValue = "runs",
            description = "where run folders are made when --out is not given (default: ${DEFAULT-VALUE}, in the "
                    + "current directory)")
    Path runs;

    @Option(names = "--resume", paramLabel = "DIR",
            description = "continue from an earlier run's folder: its profile, overrides and checkpoint")
    Path resume;

    @Option(names = "--fast", description = "simulated rigs only: step as fast as it computes instead of in real time "
            + "(no deadlines, so no latency figures)")
    boolean fast;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        if (episodes < 1) {
            throw new IllegalArgumentException("--episodes " + episodes + ": expected at least 1");
        }
        if (untilLearned < 0) {
            throw new IllegalArgumentException("--until-learned " + untilLearned + ": expected 0 (off) or more");
        }
        long durationNanos = duration == null ? 0 : LatencyCommand.Durations.parse("--duration", duration);
        if (rule != null && !RULES.contains(rule)) {
            throw new IllegalArgumentException("--rule " + rule + ": expected one of " + String.join(", ", RULES));
        }
        RunRecord resumed = null;
        Path checkpoint = null;
        String resumedLine = null;
        if (resume != null) {
            RunFolder previous = RunFolder.existing(resume);
            resumed = RunRecord.load(previous.file(RunFolder.RECORD));
            checkpoint = previous.file(RunFolder.CHECKPOINT);
            resumedLine = recovered(previous);
        }
        String reference = profile != null ? profile : resumed != null ? resumed.profile() : DEFAULT_PROFILE;
        if (ProfileCatalog.looksLikePath(reference)) {
            reference = Path.of(reference).toAbsolutePath().normalize().toString(); // --resume works from anywhere
        }
        List<String> overrides = new ArrayList<>();
        if (resumed != null && profile == null) {
            overrides.addAll(resumed.overrides());
        }
        overrides.addAll(sets);
        if (rule != null) {
            overrides.add("learning.rule=" + rule);
        }
        RigProfile rigProfile;
        String profileText;
        try {
            rigProfile = ProfileLoader.load(reference, overrides);
            profileText = ProfilePrinter.print(reference, overrides);
        } catch (ProfileException e) {
            ProfilesCommand.printProblems(stderr, "neurorig run: ", e);
            stderr.println("neurorig run: nothing was started; this lists what to fix: " + ProfileCheckLine.of(reference, overrides));
            return 2;
        }
        if (fast && !(rigProfile.device() instanceof DeviceSpec.Simulated)) {
            throw new IllegalArgumentException("--fast needs a simulated rig, and " + rigProfile.name() + " runs on "
                    + rigProfile.device().summary() + ", which keeps its own time: drop --fast");
        }
        Charts.requireDrawable();
        Path folder = out != null ? out : runs.resolve(RunFolder.defaultFor(rigProfile.name(), LocalDateTime.now()).getFileName());
        RunFolder dir = RunFolder.create(folder, rigProfile.name());
        dir.holdForRun();
        RunRecord record = new RunRecord(reference, overrides, episodes, fast, resume,
                "neurorig " + String.join(" ", spec.commandLine().getParseResult().originalArgs()));

        ProgressLine progress = new ProgressLine(stdout, stderr, ProgressLine.stdoutIsTerminal());
        List<String> warnings = Collections.synchronizedList(new ArrayList<>());
        Consumer<String> warn = w -> {
            warnings.add(w);
            progress.warn(w);
        };
        RigOptions options = RigOptions.defaults().withTelemetry(dir.file(RunFolder.TELEMETRY)).withWarnings(warn)
                .checkpointingTo(dir.file(RunFolder.CHECKPOINT));
        if (checkpoint != null) {
            options = options.resumingFrom(checkpoint);
        }
        if (fast) {
            options = options.inInvokerMode();
        }
        if (resumedLine != null) {
            stdout.println("neurorig run: " + TerminalText.line(resumedLine));
        }
        stdout.println("neurorig run: assembling " + rigProfile.name() + " (" + rigProfile.device().summary() + ") ...");
        stdout.flush();
        Rig rig;
        try {
            rig = Rig.assemble(rigProfile, options);
        } catch (RigException e) {
            dir.discardIfUnused();
            throw new IllegalStateException(e.getMessage(), e);
        }
        record.store(dir.file(RunFolder.RECORD));
        Files.writeString(dir.file(RunFolder.PROFILE), profileText);

        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.set(true);
            try {
                finished.await(60, TimeUnit.SECONDS); // the run saves, flushes and reports, then the JVM exits
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "neurorig-run-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            RigRun.Outcome outcome;
            String rigLine = rig.describe();
            try {
                saveCheckpoint(rig, dir); // from the first tick on, the folder can be resumed, whatever ends the run
                stdout.println("neurorig run: " + TerminalText.line(rigLine));
                int maxTicks = rigProfile.episodes().maxTicks();
                String until = untilLearned > 0 && maxTicks > 0
                        ? " (sooner once " + untilLearned + " in a row last " + maxTicks + " ticks)" : "";
                stdout.println("  " + episodes + " episode" + (episodes == 1 ? "" : "s") + until + (duration == null ? "" : " or " + duration)
                        + (fast ? ", as fast as it computes" : ", in real time") + (resume == null ? "" : ", resuming from " + resume)
                        + "; run folder " + dir.dir() + (rig.checkpoints() == null ? "" : ", checkpoint " + rig.checkpoints().interval())
                        + "; Ctrl-C stops, saves and reports");
                stdout.flush();
                RigRun run = new RigRun(rig, episodes, untilLearned, durationNanos, progress, stop);
                outcome = fast ? run.runFast() : run.runRealTime(dir.file(RunFolder.LATENCY_LOG));
                saveCheckpoint(rig, dir);
            } catch (RigException e) {
                rig.stop();
                saveCheckpointAfterFailure(rig, dir, warn);
                throw new IllegalStateException(e.getMessage() + " (actuators are at their safe values; what was learned is in "
                        + dir.file(RunFolder.CHECKPOINT) + ")", e);
            } finally {
                rig.close();
            }
            if (outcome.reason() == RigRun.StopReason.INTERRUPTED) {
                stdout.println("neurorig run: " + outcome.reason().text() + "; actuators are at their safe values, the checkpoint "
                        + "is saved; writing the report ...");
                stdout.flush();
            }
            List<String> summary = RunReport.write(dir, new RunReport.Inputs(rigProfile, rigLine, record, outcome,
                    List.copyOf(warnings), profileText));
            stdout.println();
            summary.forEach(stdout::println);
            stdout.println();
            stdout.println("report:   " + TerminalText.line(dir.file(RunFolder.REPORT).toString()) + " (open it in a browser)");
            stdout.println("continue: neurorig run --resume " + ShellWords.quote(dir.dir().toString()));
            stdout.flush();
            return outcome.reason() == RigRun.StopReason.WATCHDOG ? 3 : 0;
        } finally {
            dir.release();
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting on a signal; the hook has seen the run finish
            }
        }
    }

    /** What a resumed folder holds, in one line; for a run that was killed, what of it was recovered. */
    private static String recovered(RunFolder previous) {
        String weights;
        try {
            long e = Checkpoint.summary(previous.file(RunFolder.CHECKPOINT)).episodes();
            weights = e == Checkpoint.UNKNOWN ? "its checkpoint" : "its checkpoint, saved after episode " + e;
        } catch (CheckpointException e) {
            return "resuming " + previous.dir(); // the rig's assembly says what is wrong with it
        }
        if (previous.endedCleanly()) {
            return "resuming " + previous.dir() + " from " + weights;
        }
        return previous.dir() + " was not stopped cleanly (no summary, no report): resuming from " + weights
                + "; what ran after it is lost (" + telemetryKept(previous) + ")";
    }

    /** How far a killed run's telemetry goes: its records stay in its folder. */
    private static String telemetryKept(RunFolder previous) {
        try {
            TelemetryScan scan = TelemetryLog.open(previous.file(RunFolder.TELEMETRY)).scan();
            if (scan.records() == 0) {
                return "its telemetry holds no record";
            }
            return String.format(java.util.Locale.ROOT, "its telemetry, up to the crash, stays in that folder: %,d records, "
                    + "into episode %,d of that run%s", scan.records(), scan.lastEpisode() + 1, scan.damaged() ? ", damaged" : "");
        } catch (java.nio.file.NoSuchFileException e) {
            return "it has no telemetry";
        } catch (IOException e) {
            return "its telemetry cannot be read: " + e.getMessage();
        }
    }

    private static void saveCheckpoint(Rig rig, RunFolder dir) {
        try {
            rig.saveCheckpoint(dir.file(RunFolder.CHECKPOINT));
        } catch (CheckpointException e) {
            throw new IllegalStateException("the checkpoint was not saved: " + e.getMessage(), e);
        }
    }

    private static void saveCheckpointAfterFailure(Rig rig, RunFolder dir, Consumer<String> warn) {
        try {
            rig.saveCheckpoint(dir.file(RunFolder.CHECKPOINT));
        } catch (CheckpointException | RuntimeException e) {
            warn.accept("the checkpoint was not saved: " + e.getMessage());
        }
    }
}
