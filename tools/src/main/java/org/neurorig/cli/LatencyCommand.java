package org.neurorig.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.neurorig.bench.MeasurementContext;
import org.neurorig.latency.LatencySeries;
import org.neurorig.latency.LatencySummary;
import org.neurorig.learning.Timing;
import org.neurorig.loop.WaitMode;
import org.neurorig.os.RealTimeSettings;
import org.neurorig.plot.Charts;
import org.neurorig.run.ProgressLine;
import org.neurorig.run.RunFolder;
import org.neurorig.wakeup.Cyclictest;
import org.neurorig.wakeup.LatencyPlot;
import org.neurorig.wakeup.LatencyRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code neurorig latency}: the loop's wake-up latency and tick compute, optionally beside cyclictest's. */
@Command(name = "latency",
        mixinStandardHelpOptions = true,
        description = {"Measure the control loop's wake-up latency and compute time at a fixed rate.",
                "Wake-up latency runs from the deadline to the start of the tick, as cyclictest measures it; the "
                        + "compute is timed phase by phase. Prints a cyclictest-style summary and writes a histogram "
                        + "PNG and an HdrHistogram interval log to a run folder.",
                "With --vs-cyclictest, runs Linux's cyclictest right after with the same period, priority, CPU and "
                        + "memory locking, and prints both side by side."})
public final class LatencyCommand implements Callable<Integer> {

    private static final String PNG = "latency.png";
    private static final String HLOG = "latency.hlog";
    private static final String SUMMARY = "summary.txt";

    @Spec
    CommandSpec spec;

    @Option(names = "--rate", paramLabel = "HZ", defaultValue = "1000",
            description = "loop rate in Hz; the period must be whole microseconds (default: ${DEFAULT-VALUE})")
    int rate;

    @Option(names = "--duration", paramLabel = "TIME", defaultValue = "30s",
            description = "how long to measure, e.g. 30s, 500ms, 2m (default: ${DEFAULT-VALUE})")
    String duration;

    @Option(names = "--warmup", paramLabel = "TIME", defaultValue = "2s",
            description = "run first without measuring, for the JIT (default: ${DEFAULT-VALUE})")
    String warmup;

    @Option(names = "--priority", paramLabel = "1-99", defaultValue = "0",
            description = "SCHED_FIFO priority of the loop thread; 0: the normal scheduler (default)")
    int priority;

    @Option(names = "--cpu", paramLabel = "N", defaultValue = "-1", description = "pin the loop thread to this CPU")
    int cpu;

    @Option(names = "--no-mlock", description = "do not lock memory (by default mlockall is asked for with --priority)")
    boolean noMlock;

    @Option(names = "--wait", paramLabel = "MODE", defaultValue = "sleep",
            description = "how to wait for a deadline: sleep (clock_nanosleep), spin-then-sleep, spin (default: ${DEFAULT-VALUE})")
    String waitMode;

    @Option(names = "--spin", paramLabel = "US", defaultValue = "50",
            description = "with --wait spin-then-sleep: spin this many microseconds before each deadline (default: ${DEFAULT-VALUE})")
    long spinMicros;

    @Option(names = "--network", paramLabel = "N", defaultValue = "256",
            description = "units of the controller's network on the cart-pole; 0: no controller work (default: ${DEFAULT-VALUE})")
    int network;

    @Option(names = "--learning", paramLabel = "RULE", defaultValue = "none",
            description = "learning in the tick: none, or np (online node perturbation of the recurrent and readout "
                    + "weights) (default: ${DEFAULT-VALUE})")
    String learning;

    @Option(names = "--update-every", paramLabel = "K", defaultValue = "16",
            description = "with --learning np: apply the weight updates K ticks at a time, one pass over trace and "
                    + "weights (default: ${DEFAULT-VALUE})")
    int updateEvery;

    @Option(names = "--no-spread", description = "with --learning np: do each block's pass at once, on its K-th tick, "
            + "instead of spread over the next K ticks (a flat tick)")
    boolean noSpread;

    @Option(names = "--vs-cyclictest", description = "also run cyclictest (Debian: rt-tests) with the same settings")
    boolean vsCyclictest;

    @Option(names = "--out", paramLabel = "DIR",
            description = "the run folder for latency.png and latency.hlog (default: runs/latency-DATE-TIME)")
    Path out;

    @Option(names = "--telemetry", paramLabel = "FILE", description = "also record telemetry to this log")
    Path telemetry;

    @Override
    public Integer call() throws Exception {
        PrintWriter console = spec.commandLine().getOut();
        if (rate < 1 || rate > 100_000) {
            throw new IllegalArgumentException("--rate " + rate + " is out of range: expected 1 to 100000 Hz");
        }
        if (1_000_000 % rate != 0) {
            throw new IllegalArgumentException("--rate " + rate + ": the period 1/" + rate
                    + " s is not a whole number of microseconds (cyclictest's unit); try 1000, 2000, 4000 or 5000");
        }
        long durationNanos = Durations.parse("--duration", duration);
        long warmupNanos = Durations.parse("--warmup", warmup);
        if (durationNanos < 100_000_000L) {
            throw new IllegalArgumentException("--duration " + duration + " is too short: expected at least 100ms");
        }
        WaitMode wait = WaitMode.named(waitMode);
        if (wait == null) {
            throw new IllegalArgumentException("--wait " + waitMode + ": expected " + WaitMode.words());
        }
        if (network < 0 || network > 8192) {
            throw new IllegalArgumentException("--network " + network + " is out of range: expected 0 to 8192 units");
        }
        boolean withLearning = switch (learning) {
            case "none" -> false;
            case "np" -> true;
            default -> throw new IllegalArgumentException("--learning " + learning + ": expected none or np");
        };
        if (withLearning && network == 0) {
            throw new IllegalArgumentException("--learning np needs a network: drop --network 0");
        }
        if (updateEvery < 1 || updateEvery > Timing.MAX_UPDATE_EVERY) {
            throw new IllegalArgumentException("--update-every " + updateEvery + " is out of range: expected 1 to "
                    + Timing.MAX_UPDATE_EVERY + " ticks");
        }
        Timing timing = null;
        if (withLearning) {
            timing = Timing.online(0.9f).updatingEvery(updateEvery);
            timing = noSpread ? timing : timing.spread();
        }
        boolean mlock = priority > 0 && !noMlock;
        RealTimeSettings rt = new RealTimeSettings(priority, cpu, mlock);
        Optional<Path> cyclictest = Optional.empty();
        if (vsCyclictest) {
            cyclictest = Cyclictest.find();
            if (cyclictest.isEmpty()) {
                throw new IllegalStateException(Cyclictest.installHint());
            }
        }
        Charts.requireDrawable();
        RunFolder folder = RunFolder.create(out, "latency");
        Transcript transcript = new Transcript(console);
        PrintWriter stdout = transcript.out();
        stdout.print(MeasurementContext.current().header());
        long periodNanos = 1_000_000_000L / rate;
        long periodMicros = periodNanos / 1000;
        stdout.printf(Locale.ROOT, "neurorig latency: %d Hz (period %d us), %s measured after %s warm-up; %s; wait: %s; controller: %s%n",
                rate, periodMicros, duration, warmup, describe(rt), waitMode,
                network == 0 ? "none (bare loop)" : "network N=" + network + " on the cart-pole"
                        + (withLearning ? " with online node perturbation, updates every " + updateEvery + " ticks"
                                + (noSpread ? ", each pass at once" : ", each pass spread over the next " + updateEvery) : ""));
        stdout.flush();
        LatencyRun.Outcome r;
        // a log gets no per-second lines: the summary that follows says it all, and they would bury it
        ProgressLine progress = new ProgressLine(console, spec.commandLine().getErr(), ProgressLine.stdoutIsTerminal());
        try {
            r = LatencyRun.run(new LatencyRun.Options(periodNanos, durationNanos, warmupNanos, rt, wait, spinMicros * 1000,
                    network, timing, folder.file(HLOG), telemetry), new PrintStream(System.err, true), progress::status);
        } catch (Exception e) {
            folder.discardIfUnused(); // e.g. no permission for the priority: the loop never started
            throw e;
        } finally {
            progress.clear();
        }
        stdout.println(r.realTime().render());
        LatencySummary w = r.summary(LatencySeries.WAKE_UP);
        stdout.printf(Locale.ROOT, "T: 0 (%5d) P:%2d I:%d C:%8d Min:%7d Avg:%5d Max:%8d   (neurorig, cyclictest's format, us)%n",
                r.realTime().threadId(), priority, periodMicros, w.count(), Math.round(w.min() / 1e3), Math.round(w.mean() / 1e3),
                Math.round(w.max() / 1e3));
        stdout.println();
        List<LatencyPlot.Series> plotted = new ArrayList<>();
        plotted.add(new LatencyPlot.Series("neurorig", r.histograms().get(LatencySeries.WAKE_UP)));
        stdout.printf(Locale.ROOT, "%-30s %8s %8s %8s %8s %8s %8s %9s%n", "wake-up latency (us)", "min", "avg", "p50", "p99", "p99.9",
                "max", "overruns");
        row(stdout, "neurorig", w, Long.toString(r.overruns()));
        row(stdout, "neurorig, CO-corrected", r.summary(LatencySeries.WAKE_UP_CORRECTED), "");
        if (cyclictest.isPresent()) {
            System.err.println("running cyclictest for " + duration + " ...");
            Cyclictest.Result c = Cyclictest.run(cyclictest.get(), periodMicros, durationNanos / periodNanos, priority, cpu, mlock);
            LatencySummary cs = LatencySummary.of(c.histogram());
            row(stdout, "cyclictest", cs, "n/a");
            plotted.add(new LatencyPlot.Series("cyclictest", c.histogram()));
            stdout.printf(Locale.ROOT, "p99 neurorig / cyclictest: %.2fx   (cyclictest at 1 us resolution; run: %s)%n",
                    (double) w.p99() / Math.max(1, cs.p99()), String.join(" ", c.command()));
        }
        stdout.println();
        stdout.printf(Locale.ROOT, "%-30s %8s %8s %8s %8s %8s%n", "compute per tick (us)", "mean", "p50", "p99", "p99.9", "max");
        for (LatencySeries s : List.of(LatencySeries.READ, LatencySeries.UPDATE, LatencySeries.WRITE, LatencySeries.PUBLISH,
                LatencySeries.TICK)) {
            LatencySummary p = r.summary(s);
            stdout.printf(Locale.ROOT, "%-30s %8.2f %8.2f %8.2f %8.2f %8.2f%n", s.tag(), p.mean() / 1e3, p.p50() / 1e3, p.p99() / 1e3,
                    p.p999() / 1e3, p.max() / 1e3);
        }
        stdout.println();
        stdout.printf(Locale.ROOT, "ticks measured %d; overruns %d (skipped periods %d), watchdog trips %d "
                + "(counters read at the window's ends, within a few ticks)%n", w.count(), r.overruns(), r.skippedPeriods(), r.trips());
        stdout.printf(Locale.ROOT, "GC during the measured run: %d collections, %d ms (%s); loop thread allocated %d bytes%n",
                r.gcCount(), r.gcMillis(), r.gcNames(), r.loopAllocatedBytes());
        if (telemetry != null) {
            stdout.printf(Locale.ROOT, "telemetry: %s (dropped %d, missing %d)%n", TerminalText.line(telemetry.toString()),
                    r.telemetryDropped(), r.telemetryMissing());
        }
        LatencyPlot.write(folder.file(PNG), String.format(Locale.ROOT, "wake-up latency at %d Hz, %s", rate, describe(rt)),
                plotted);
        stdout.println("run folder: " + TerminalText.line(folder.dir().toAbsolutePath().toString()) + " (" + PNG + "; " + HLOG + ", an HdrHistogram "
                + "interval log with the tags " + String.join(", ", Arrays.stream(LatencySeries.values()).map(LatencySeries::tag)
                        .toList()) + "; " + SUMMARY + ", this text)");
        transcript.save(folder.file(SUMMARY));
        return 0;
    }

    private static void row(PrintWriter out, String name, LatencySummary s, String overruns) {
        out.printf(Locale.ROOT, "%-30s %8.1f %8.1f %8.1f %8.1f %8.1f %8.1f %9s%n", name, s.min() / 1e3, s.mean() / 1e3, s.p50() / 1e3,
                s.p99() / 1e3, s.p999() / 1e3, s.max() / 1e3, overruns);
    }

    private static String describe(RealTimeSettings rt) {
        List<String> parts = new ArrayList<>();
        parts.add(rt.fifoPriority() > 0 ? "SCHED_FIFO " + rt.fifoPriority() : "normal scheduler");
        parts.add(rt.cpu() >= 0 ? "CPU " + rt.cpu() : "any CPU");
        parts.add(rt.lockMemory() ? "mlockall" : "no mlockall");
        return String.join(", ", parts);
    }

    /** Durations as users write them: 30s, 500ms, 2m, 1h, 1.5s. */
    static final class Durations {
        private static final Pattern FORMAT = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");

        private Durations() {
        }

        static long parse(String option, String text) {
            Matcher m = FORMAT.matcher(text.trim());
            if (!m.matches()) {
                throw new IllegalArgumentException(option + " '" + text
                        + "' is not a duration: expected a number and a unit, e.g. 30s, 500ms, 2m or 1h");
            }
            double value = Double.parseDouble(m.group(1));
            double unit = switch (m.group(2)) {
                case "ms" -> 1e6;
                case "s" -> 1e9;
                case "m" -> 60e9;
                default -> 3600e9;
            };
            double nanos = value * unit;
            if (nanos > 7 * 24 * 3600e9) {
                throw new IllegalArgumentException(option + " '" + text + "' is too long: at most a week");
            }
            return (long) nanos;
        }
    }
}
