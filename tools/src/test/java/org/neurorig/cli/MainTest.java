package org.neurorig.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class MainTest {

    private record Outcome(int code, String out, String err) {
    }

    private static Outcome run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Outcome(code, out.toString(), err.toString());
    }

    @Test
    void helpListsTheCommands() {
        Outcome o = run("--help");
        assertEquals(0, o.code());
        assertTrue(o.out().contains("Commands:") && o.out().contains("bench"), o.out());
    }

    @Test
    void versionNamesTheModulesJvmAndKernels() {
        Outcome o = run("--version");
        assertEquals(0, o.code());
        assertTrue(o.out().contains("kernels: "), o.out());
        assertFalse(o.out().contains("mixed build"), o.out());
    }

    @Test
    void aMistypedCommandSuggestsTheRightOne() {
        Outcome o = run("benhc");
        assertEquals(2, o.code());
        assertTrue(o.err().contains("Did you mean: neurorig bench"), o.err()); // picocli may list more similar names
    }

    @Test
    void aBadValueIsOneLineWithoutAStackTrace() {
        Outcome o = run("bench", "--sizes", "64,0");
        assertEquals(2, o.code());
        assertEquals("neurorig bench: --sizes: 0 is out of range: expected 1 to 8192", o.err().strip());
    }
}
