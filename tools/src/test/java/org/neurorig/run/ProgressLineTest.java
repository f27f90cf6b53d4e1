package org.neurorig.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressLineTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private ProgressLine line(boolean terminal) {
        return new ProgressLine(new PrintWriter(out), new PrintWriter(err), terminal);
    }

    @Test
    void aLogGetsTheEventsAndNoStatus() {
        ProgressLine progress = line(false);
        for (int s = 1; s <= 3; s++) {
            progress.status(s + " s: " + s * 1000 + " ticks");
        }
        progress.event("seed 0 done");
        progress.status("4 s");
        progress.event("seed 1 done");
        progress.finish();
        progress.clear();
        assertEquals("seed 0 done" + System.lineSeparator() + "seed 1 done" + System.lineSeparator(), out.toString());
    }

    @Test
    void aTerminalRedrawsOneLineInPlaceAndClearsItAtTheEnd() {
        ProgressLine progress = line(true);
        progress.status("1 s: 1000 ticks");
        progress.status("2 s: 2000 ticks");
        progress.status("2 s: 2000 ticks");
        progress.clear();
        assertEquals("\r1 s: 1000 ticks\033[K\r2 s: 2000 ticks\033[K\r\033[K", out.toString(), "an unchanged line is not redrawn");
    }

    @Test
    void aTerminalShowsEventsInPlaceAndLeavesTheLastOnScreen() {
        ProgressLine progress = line(true);
        progress.event("seed 0 done");
        progress.event("seed 1 done");
        progress.finish();
        progress.finish();
        assertEquals("\rseed 0 done\033[K\rseed 1 done\033[K" + System.lineSeparator(), out.toString());
    }

    @Test
    void aWarningGetsALineOfItsOwnAndTheProgressIsRedrawnBelowIt() {
        ProgressLine progress = line(true);
        progress.status("episode 3");
        progress.warn("the watchdog tripped");
        assertEquals("\repisode 3\033[K\r\033[Kepisode 3", out.toString());
        assertEquals("warning: the watchdog tripped" + System.lineSeparator(), err.toString());
        ProgressLine log = new ProgressLine(new PrintWriter(new StringWriter()), new PrintWriter(err), false);
        log.warn("again");
        assertEquals("warning: the watchdog tripped" + System.lineSeparator() + "warning: again" + System.lineSeparator(),
                err.toString());
    }
}
