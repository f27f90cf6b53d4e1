package org.neurorig.run;

import java.io.PrintWriter;

/**
 * A command's live progress on standard output: on a terminal one line redrawn in place; in a file
 * or a pipe, plain lines that a log keeps. The caller says what a log gets: a {@link #status} is for
 * the terminal only, an {@link #event} is a line of the log too. Thread-safe.
 */
public final class ProgressLine {

    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean terminal;
    private String shown = "";

    /**
     * @param err      where warnings go
     * @param terminal {@code out} is a terminal (see {@link #stdoutIsTerminal()})
     */
    public ProgressLine(PrintWriter out, PrintWriter err, boolean terminal) {
        this.out = out;
        this.err = err;
        this.terminal = terminal;
    }

    /** Whether standard output is a terminal, where progress is redrawn in place rather than logged line by line. */
    public static boolean stdoutIsTerminal() {
        java.io.Console console = System.console();
        return console != null && console.isTerminal(); // since JDK 22 there is a Console also when output is redirected
    }

    /** On a terminal, {@code line} takes the place of the one shown; a log does not get it. */
    public synchronized void status(String line) {
        if (terminal && !line.equals(shown)) {
            out.print("\r" + line + "\033[K");
            out.flush();
            shown = line;
        }
    }

    /** On a terminal, {@code line} takes the place of the one shown; a log gets it as a line of its own. */
    public synchronized void event(String line) {
        if (terminal) {
            status(line);
        } else {
            out.println(line);
            out.flush();
        }
    }

    /** Ends the progress with its last line left on screen, so that what follows starts on a line of its own. */
    public synchronized void finish() {
        if (terminal && !shown.isEmpty()) {
            out.println();
            shown = "";
        }
        out.flush();
    }

    /** Ends the progress with its line erased, for output that says it all. */
    public synchronized void clear() {
        if (terminal && !shown.isEmpty()) {
            out.print("\r\033[K");
            shown = "";
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
}
