package org.neurorig.wakeup;

import java.io.PrintWriter;

/**
 * How far a latency measurement has got: one line that a terminal redraws in place, once a second.
 * When the output is a file or a pipe nothing is shown: the summary that follows says it all, and a
 * log of per-second lines would only bury it.
 */
public final class LatencyProgress {

    private final PrintWriter out;
    private final boolean terminal;
    private boolean shown;

    /** @param terminal the output is a terminal (see {@code ProgressLine.stdoutIsTerminal()}) */
    public LatencyProgress(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /** Shows {@code line} in place of the last one, on a terminal only. */
    public synchronized void show(String line) {
        if (terminal) {
            out.print("\r" + line + "\033[K");
            out.flush();
            shown = true;
        }
    }

    /** Clears the line, so that what follows starts at the left edge of an empty line. */
    public synchronized void finish() {
        if (shown) {
            out.print("\r\033[K");
            out.flush();
            shown = false;
        }
    }
}
