package org.neurorig.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MainTest {

    @Test
    void helpListsTheCommands() {
        CommandRun o = CommandRun.of("--help");
        assertEquals(0, o.code());
        assertTrue(o.out().contains("Commands:") && o.out().contains("bench"), o.out());
    }

    @Test
    void versionNamesTheModulesJvmAndKernels() {
        CommandRun o = CommandRun.of("--version");
        assertEquals(0, o.code());
        assertTrue(o.out().contains("kernels: "), o.out());
        assertFalse(o.out().contains("mixed build"), o.out());
    }

    @Test
    void aMistypedCommandSuggestsTheRightOne() {
        CommandRun o = CommandRun.of("benhc");
        assertEquals(2, o.code());
        assertTrue(o.err().contains("Did you mean: neurorig bench?"), o.err());
    }

    @Test
    void aBadValueIsOneLineWithoutAStackTrace() {
        CommandRun o = CommandRun.of("bench", "--sizes", "64,0");
        assertEquals(2, o.code());
        assertEquals("neurorig bench: --sizes: 0 is out of range: expected 1 to 8192", o.err().strip());
    }
}
