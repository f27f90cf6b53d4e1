package org.neurorig.compare;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Progress of a long run: on a terminal one status line rewritten in place, otherwise (a pipe, a log
 * file, a test) plain lines, one per event. Thread-safe.
 */
final class Progress {

    private final PrintWriter out;
    private final boolean terminal;
    private final long start = System.nanoTime();
    private int lastWidth;

    Progress(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    synchronized void line(String text) {
        String stamped = String.format(Locale.ROOT, "[%s] %s", elapsed(), text);
        if (terminal) {
            out.print('\r' + stamped + " ".repeat(Math.max(0, lastWidth - stamped.length())));
            lastWidth = stamped.length();
        } else {
            out.println(stamped);
        }
        out.flush();
    }

    /** Ends the in-place line on a terminal, so what follows starts on a line of its own. */
    synchronized void finish() {
        if (terminal && lastWidth > 0) {
            out.println();
            lastWidth = 0;
        }
        out.flush();
    }

    double seconds() {
        return (System.nanoTime() - start) / 1e9;
    }

    String elapsed() {
        long s = (long) seconds();
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
