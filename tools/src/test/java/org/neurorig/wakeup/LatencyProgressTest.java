package org.neurorig.wakeup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class LatencyProgressTest {

    @Test
    void aFileOrAPipeGetsNoProgressLines() {
        StringWriter text = new StringWriter();
        LatencyProgress progress = new LatencyProgress(new PrintWriter(text), false);
        for (int s = 1; s <= 30; s++) {
            progress.show(s + " s: " + s * 1000 + " ticks");
        }
        progress.finish();
        assertEquals("", text.toString());
    }

    @Test
    void aTerminalRedrawsOneLineInPlaceAndClearsItAtTheEnd() {
        StringWriter text = new StringWriter();
        LatencyProgress progress = new LatencyProgress(new PrintWriter(text), true);
        progress.show("1 s: 1000 ticks");
        progress.show("2 s: 2000 ticks");
        progress.finish();
        assertEquals("\r1 s: 1000 ticks\033[K\r2 s: 2000 ticks\033[K\r\033[K", text.toString());
    }
}
