package org.neurorig.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A real JMH run at one small size: the figures come with their machine and commit, printed and kept. */
class BenchCommandTest {

    @Test
    @Timeout(180)
    void aRunPrintsItsContextAboveTheTableAndKeepsTheSameTextInItsFolder(@TempDir Path dir) throws Exception {
        CliRun o = CliRun.of("bench", "--sizes", "16", "--no-narrow", "--out", dir.toString());
        assertEquals(0, o.code(), o.err() + o.out());
        assertTrue(o.out().startsWith("machine: ") && o.out().contains(" cores; ")
                && o.out().contains("\nJVM: ") && o.out().contains(" bits\ncommit: "), o.out());
        assertTrue(o.out().contains("\n    16 "), "the table's row for N = 16: " + o.out());
        String kept = Files.readString(dir.resolve("summary.txt"));
        assertEquals(o.out(), kept, "summary.txt holds what was printed");
    }
}
