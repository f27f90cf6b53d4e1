package org.neurorig.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MainTest {

    @Test
    void helpListsTheCommands() {
        CliRun o = CliRun.of("--help");
        assertEquals(0, o.code());
        assertTrue(o.out().contains("Commands:") && o.out().contains("bench"), o.out());
    }

    @Test
    void versionNamesTheModulesJvmAndKernels() {
        CliRun o = CliRun.of("--version");
        assertEquals(0, o.code());
        assertTrue(o.out().contains("kernels: "), o.out());
        assertFalse(o.out().contains("mixed build"), o.out());
    }

    @Test
    void aMistypedCommandSuggestsTheRightOne() {
        CliRun o = CliRun.of("benhc");
        assertEquals(2, o.code());
        // picocli may suggest more similar names after bench
        assertTrue(o.err().startsWith("neurorig: unknown command 'benhc'; did you mean bench"), o.err());
        assertTrue(o.err().strip().endsWith("(see 'neurorig --help')"), o.err());
    }

    /** Every kind of mistake picocli catches, in several commands: one line naming the command, no usage after it. */
    @Test
    void everyParseErrorIsOneLineNamingTheCommandAndItsHelp() {
        assertParseError("neurorig run: invalid value for option '--episodes': 'abc' is not a whole number",
                "run", "--episodes", "abc");
        assertParseError("neurorig compare: invalid value for option '--seeds': 'many' is not a whole number",
                "compare", "--seeds", "many");
        assertParseError("neurorig latency: unknown option '--rat'; did you mean --rate?", "latency", "--rat", "100");
        assertParseError("neurorig run: unknown option '--episdoes'; did you mean --episodes?", "run", "--episdoes", "3");
        assertParseError("neurorig telemetry: missing required parameter: 'LOG'", "telemetry");
        assertParseError("neurorig run: missing required parameter for option '--episodes' (N)", "run", "--episodes");
        assertParseError("neurorig plant replay: missing required options: '--in=FILE', '--out=FILE'", "plant", "replay");
        assertParseError("neurorig learn: unknown command 'scalin'; did you mean scaling?", "learn", "scalin");
        assertParseError("neurorig firmware: unknown command 'qqq'", "firmware", "qqq");
        assertParseError("neurorig profiles show: unexpected argument 'two'", "profiles", "show", "one", "two");
        assertParseError("neurorig mop bench: invalid value for option '--hidden': 'many' is not a whole number",
                "mop", "bench", "--hidden", "many");
    }

    private static void assertParseError(String expected, String... args) {
        CliRun o = CliRun.of(args);
        assertEquals(2, o.code(), o.err());
        String command = expected.substring(0, expected.indexOf(':'));
        assertEquals(expected + " (see '" + command + " --help')", o.err().strip(), String.join(" ", args));
        assertEquals("", o.out(), "nothing on stdout");
    }

    @Test
    void aBadValueIsOneLineWithoutAStackTrace() {
        CliRun o = CliRun.of("bench", "--sizes", "64,0");
        assertEquals(2, o.code());
        assertEquals("neurorig bench: --sizes: 0 is out of range: expected 1 to 8192", o.err().strip());
    }
}
