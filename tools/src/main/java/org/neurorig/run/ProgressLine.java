package org.neurorig.run;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * The live progress of a run: one line a terminal redraws in place, or, when the output is a file
 * or a pipe, plain lines (at most one a second, and one at the end) that a log keeps.
 */
public final class ProgressLine {

    /**
     * What the line shows.
     *
     * @param episodes         episodes ended in this run
     * @param lifetime         the last episode's length in ticks (-1 before the first ends)
     * @param episodeReturn    its return
     * @param best             the longest episode so far
     * @param recentLifetime   mean length of the last ten episodes
     * @param baseline         the rule's reward prediction (NaN without learning)
     * @param learningRate     the rule's learning rate (NaN without learning)
     * @param wakeP99Nanos     wake-up latency p99 so far, or -1 when not measured (yet: the warm-up; or at all: a
     *                         simulated rig run as fast as it computes)
     * @param overruns         ticks that missed their deadline
     * @param trips            watchdog trips
     * @param awaitingOperator a real rig waits for its operator to set the pole up
     * @param seconds          time since the run started
     */
    public record Snapshot(long episodes, int lifetime, double episodeReturn, int best, double recentLifetime, double baseline,
            double learningRate, long wakeP99Nanos, long overruns, long trips, boolean awaitingOperator, double seconds) {
    }

    private static final long PLAIN_EVERY_NANOS = 1_000_000_000L;

    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean terminal;
    private final int episodeLimit;
    private String shown = "";
    private long lastPlain;
    private boolean plainShown;
    private long lastPlainEpisodes = -1;

    /**
     * @param terminal     redraw one line in place (the output is a terminal)
     * @param episodeLimit an episode's tick limit, shown beside each lifetime
     */
    public ProgressLine(PrintWriter out, PrintWriter err, boolean terminal, int episodeLimit) {
        this.out = out;
        this.err = err;
        this.terminal = terminal;
        this.episodeLimit = episodeLimit;
    }

    /** Whether standard output is a terminal, where progress is redrawn in place rather than logged line by line. */
    public static boolean stdoutIsTerminal() {
        java.io.Console console = System.console();
        return console != null && console.isTerminal(); // since JDK 22 there is a Console also when output is redirected
    }

    /** Shows {@code s}: in place on a terminal; otherwise as a new line when a second has passed and an episode ended. */
    public synchronized void show(Snapshot s, long nowNanos) {
        String line = format(s);
        if (terminal) {
            if (!line.equals(shown)) {
                out.print("\r" + line + "\033[K");
                out.flush();
                shown = line;
            }
        } else if (s.episodes() != lastPlainEpisodes && (!plainShown || nowNanos - lastPlain >= PLAIN_EVERY_NANOS)) {
            plainShown = true;
            out.println(line);
            lastPlain = nowNanos;
            lastPlainEpisodes = s.episodes();
        }
    }

    /** Ends the progress: the final state stays on screen (a terminal) or is the last line (a log). */
    public synchronized void finish(Snapshot s) {
        if (terminal) {
            out.print("\r" + format(s) + "\033[K\n");
            shown = "";
        } else if (s.episodes() != lastPlainEpisodes) {
            out.println(format(s));
        }
        out.flush();
    }

    /** A warning on its own line; a terminal's progress line is redrawn below it. */
    public synchronized void warn(String warning) {
        if (terminal && !shown.isEmpty()) {
            out.print("\r\033[K");
            out.flush();
        }
        err.println("warning: " + warning);
        err.flush();
        if (terminal && !shown.isEmpty()) {
            out.print(shown);
            out.flush();
        }
    }

    /** The line itself, e.g. {@code episode 37 | lifetime 212/500 (best 500, last 10: 190) | return 180.4 | ...}. */
    String format(Snapshot s) {
        StringBuilder b = new StringBuilder(160);
        b.append(String.format(Locale.ROOT, "%s episode %d", clock(s.seconds()), s.episodes()));
        if (s.lifetime() >= 0) {
            b.append(String.format(Locale.ROOT, " | lifetime %d/%d (best %d, last 10: %.0f) | return %.1f", s.lifetime(),
                    episodeLimit, s.best(), s.recentLifetime(), s.episodeReturn()));
        }
        if (!Double.isNaN(s.baseline())) {
            b.append(String.format(Locale.ROOT, " | baseline %.3g", s.baseline()));
        }
        if (!Double.isNaN(s.learningRate())) {
            b.append(String.format(Locale.ROOT, " | eta %.3g", s.learningRate()));
        }
        b.append(s.wakeP99Nanos() >= 0 ? String.format(Locale.ROOT, " | wake p99 %d us", Math.round(s.wakeP99Nanos() / 1e3))
                : " | wake p99 n/a");
        b.append(" | overruns ").append(s.overruns());
        if (s.trips() > 0) {
            b.append(" | watchdog trips ").append(s.trips());
        }
        if (s.awaitingOperator()) {
            b.append(" | waiting: set the pole upright and centre the cart");
        }
        return b.toString();
    }

    private static String clock(double seconds) {
        long s = (long) seconds;
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%02d:%02d", s / 60, s % 60);
    }
}
