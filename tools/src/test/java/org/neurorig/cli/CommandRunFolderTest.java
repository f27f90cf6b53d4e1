package org.neurorig.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commands that write files put them in a run folder, runs/COMMAND-DATE-TIME under the current
 * directory by default, and say where; nothing is left loose in the directory they were started from.
 */
class CommandRunFolderTest {

    @Test
    @Timeout(180)
    void latencyWritesItsPlotAndLogToARunFolderUnderRuns(@TempDir Path cwd) throws Exception {
        CliRun o = CliRun.inDirectory(cwd, "latency", "--duration", "100ms", "--warmup", "0s", "--network", "0", "--no-mlock");
        assertEquals(0, o.code(), o.err() + o.out());
        Path folder = theOnlyRunFolder(cwd, "latency");
        assertTrue(Files.size(folder.resolve("latency.png")) > 1000 && Files.size(folder.resolve("latency.hlog")) > 0);
        assertTrue(o.out().contains("run folder: " + folder + " ("), o.out());
    }

    @Test
    @Timeout(180)
    void learnScalingWritesItsTablesAndPlotToARunFolderUnderRuns(@TempDir Path cwd) throws Exception {
        CliRun o = CliRun.inDirectory(cwd, "learn", "scaling", "--quick", "--seeds", "1", "--threads", "2");
        assertEquals(0, o.code(), o.err() + o.out());
        Path folder = theOnlyRunFolder(cwd, "learn-scaling");
        assertTrue(Files.isRegularFile(folder.resolve("learn-scaling.png")) && Files.isRegularFile(folder.resolve("tables.txt")));
        assertTrue(o.out().contains("run folder: " + folder + " ("), o.out());
    }

    /** The one entry of {@code cwd} is runs/, and its one entry is NAME-yyyyMMdd-HHmmss. */
    private static Path theOnlyRunFolder(Path cwd, String name) throws IOException {
        Path real = cwd.toRealPath();
        assertEquals(List.of(real.resolve("runs")), list(real), "nothing but runs/ in the current directory");
        List<Path> folders = list(real.resolve("runs"));
        assertEquals(1, folders.size(), folders.toString());
        assertTrue(folders.getFirst().getFileName().toString().matches(name + "-\\d{8}-\\d{6}"), folders.toString());
        return folders.getFirst();
    }

    private static List<Path> list(Path dir) throws IOException {
        try (var entries = Files.list(dir)) {
            return entries.sorted().toList();
        }
    }
}
