package org.neurorig.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.neurorig.telemetry.TelemetryLayout;
import org.neurorig.telemetry.TelemetryLog;
import org.neurorig.telemetry.TickRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code neurorig telemetry LOG [--csv FILE]}: what a telemetry log holds, and its export to CSV. */
@Command(name = "telemetry",
        mixinStandardHelpOptions = true,
        description = {"Summarize a telemetry log written by the control loop.",
                "Counts the records, gaps in the sequence numbers, episodes, safe-state ticks and limits hit, and "
                        + "optionally exports every record as CSV. The log and its CSV number episodes from 0 (the "
                        + "loop's index); summaries, reports and plots count them from 1."})
public final class TelemetryCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "LOG", description = "the telemetry log")
    Path log;

    @Option(names = "--csv", paramLabel = "FILE", description = "write every record as a CSV row to FILE")
    Path csv;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (!Files.isRegularFile(log)) {
            throw new NoSuchFileException(log + " does not exist or is not a file");
        }
        TelemetryLog t = TelemetryLog.open(log);
        TelemetryLayout l = t.layout();
        long[] s = new long[10]; // records, first, last, missing, episodeEnds, terminal, safe, limited, overrun, maxWake
        s[1] = -1;
        t.read(r -> {
            long seq = r.sequence();
            if (s[0] == 0) {
                s[1] = seq;
            } else if (seq != s[2] + 1) {
                s[3] += seq - s[2] - 1;
            }
            s[2] = seq;
            s[0]++;
            int f = r.flags();
            s[4] += (f & TickRecord.FLAG_EPISODE_END) != 0 ? 1 : 0;
            s[5] += (f & TickRecord.FLAG_TERMINAL) != 0 ? 1 : 0;
            s[6] += (f & TickRecord.FLAG_SAFE_STATE) != 0 ? 1 : 0;
            s[7] += (f & (TickRecord.FLAG_CLAMPED | TickRecord.FLAG_SLEW_LIMITED | TickRecord.FLAG_NON_FINITE)) != 0 ? 1 : 0;
            s[8] += (f & TickRecord.FLAG_OVERRUN) != 0 ? 1 : 0;
            s[9] = Math.max(s[9], r.wakeNanos());
        });
        out.printf(Locale.ROOT, "%s: period %d us, %d sensors, %d commands, %d probes, activity %d units every %d ticks%n",
                log, l.periodNanos() / 1000, l.sensorCount(), l.commandCount(), l.probeCount(), l.activityUnits(), l.activityEvery());
        out.printf(Locale.ROOT, "records %d (sequence %d to %d), missing %d%n", s[0], s[1], s[2], s[3]);
        out.printf(Locale.ROOT, "episodes ended %d (%d terminal), ticks in the safe state %d, ticks with a command limited %d, "
                + "overruns %d, largest wake-up latency %.1f us%n", s[4], s[5], s[6], s[7], s[8], s[9] / 1e3);
        if (csv != null) {
            long rows = t.exportCsv(csv).records();
            out.printf(Locale.ROOT, "wrote %d rows to %s%n", rows, csv);
        }
        return 0;
    }
}
