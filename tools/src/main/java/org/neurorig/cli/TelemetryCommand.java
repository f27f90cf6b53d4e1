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
import org.neurorig.telemetry.TelemetryScan;
import org.neurorig.telemetry.TickRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code neurorig telemetry LOG [--csv FILE]}: what a telemetry log holds, where it is damaged, and its export to CSV. */
@Command(name = "telemetry",
        mixinStandardHelpOptions = true,
        description = {"Summarize a telemetry log written by the control loop.",
                "Counts the records, gaps in the sequence numbers, episodes, safe-state ticks and limits hit, and "
                        + "optionally exports every record as CSV. The log and its CSV number episodes from 0 (the "
                        + "loop's index); summaries, reports and plots count them from 1.",
                "Every record is checked before it is counted. A damaged region is listed (where, how many bytes, "
                        + "why) and skipped: a version-2 log is read on from the next whole record after it, a "
                        + "version-1 log (no checks) up to it. A log that ends in a partial record (the writer was "
                        + "stopped mid-record, by a crash or a kill) is not damaged: the partial record is noted."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:the log was read whole (a partial record at its end is noted, not an error)",
                "2:no log was read: the file is missing, is not a telemetry log, or its header is damaged",
                "4:the log is damaged: what could be read was summarized (and exported), and each damaged region listed"})
public final class TelemetryCommand implements Callable<Integer> {

    /** Exit code of a log whose records are damaged (the summary covers what was read). */
    public static final int DAMAGED = 4;

    /** Damaged regions listed one per line; past these, a count. */
    private static final int LISTED = 20;

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
        long[] s = new long[7]; // missing, episodeEnds, terminal, safe, limited, overrun, maxWake
        long[] previous = {-1};
        TelemetryScan scan = t.read(r -> {
            long seq = r.sequence();
            if (previous[0] >= 0 && seq != previous[0] + 1) {
                s[0] += seq - previous[0] - 1;
            }
            previous[0] = seq;
            int f = r.flags();
            s[1] += (f & TickRecord.FLAG_EPISODE_END) != 0 ? 1 : 0;
            s[2] += (f & TickRecord.FLAG_TERMINAL) != 0 ? 1 : 0;
            s[3] += (f & TickRecord.FLAG_SAFE_STATE) != 0 ? 1 : 0;
            s[4] += (f & (TickRecord.FLAG_CLAMPED | TickRecord.FLAG_SLEW_LIMITED | TickRecord.FLAG_NON_FINITE)) != 0 ? 1 : 0;
            s[5] += (f & TickRecord.FLAG_OVERRUN) != 0 ? 1 : 0;
            s[6] = Math.max(s[6], r.wakeNanos());
        });
        out.printf(Locale.ROOT, "%s: version %d, period %d us, %d sensors, %d commands, %d probes, activity %d units every %d ticks%n",
                TerminalText.line(log.toString()), t.version(), l.periodNanos() / 1000, l.sensorCount(), l.commandCount(),
                l.probeCount(), l.activityUnits(),
                l.activityEvery());
        out.printf(Locale.ROOT, scan.records() == 0 ? "records 0%n" : "records %d (sequence %d to %d), missing %d%n",
                scan.records(), scan.firstSequence(), scan.lastSequence(), s[0]);
        out.printf(Locale.ROOT, "episodes ended %d (%d terminal), ticks in the safe state %d, ticks with a command limited %d, "
                + "overruns %d, largest wake-up latency %.1f us%n", s[1], s[2], s[3], s[4], s[5], s[6] / 1e3);
        if (scan.endsInPartialRecord()) {
            out.println(scan.partialRecordNote());
        }
        if (scan.damaged()) {
            out.println(scan.damageSummary());
            if (scan.version() > 1) {
                scan.damage().stream().limit(LISTED).forEach(d -> out.println("  " + d.describe()));
                if (scan.damagedRegions() > LISTED) {
                    out.printf(Locale.ROOT, "  and %,d more damaged regions%n", scan.damagedRegions() - LISTED);
                }
            }
        }
        if (csv != null) {
            TelemetryScan exported = t.exportCsv(csv);
            out.printf(Locale.ROOT, "wrote %d rows to %s%n", exported.records(), TerminalText.line(csv.toString()));
        }
        out.flush();
        return scan.damaged() ? DAMAGED : 0;
    }
}
