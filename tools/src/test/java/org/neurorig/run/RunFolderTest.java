package org.neurorig.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFolderTest {

    @TempDir
    Path dir;

    @Test
    void theDefaultFolderIsUnderRunsNamedForWhatRanAndWhen() {
        LocalDateTime when = LocalDateTime.of(2025, 3, 4, 5, 6, 7);
        assertEquals(Path.of("runs", "latency-20250304-050607"), RunFolder.defaultFor("latency", when));
        assertEquals(Path.of("runs", "mop-energy-20250304-050607"), RunFolder.defaultFor("mop-energy", when));
        assertEquals(Path.of("runs", "my_rig-20250304-050607"), RunFolder.defaultFor("my/rig", when), "one folder, not two");
    }

    @Test
    void theFolderGivenIsMadeAndUsed() throws IOException {
        Path out = dir.resolve("a").resolve("b");
        RunFolder created = RunFolder.create(out, "latency");
        assertEquals(out, created.dir());
        assertTrue(Files.isDirectory(out));
    }

    @Test
    void anUnusedFolderIsRemovedOnlyWhenThisRunMadeIt() throws IOException {
        RunFolder made = RunFolder.create(dir.resolve("new"), "latency");
        made.discardIfUnused();
        assertTrue(!Files.exists(dir.resolve("new")), "made here and empty: removed");

        Path given = Files.createDirectories(dir.resolve("given"));
        RunFolder.create(given, "latency").discardIfUnused();
        assertTrue(Files.isDirectory(given), "the user's own empty folder stays");

        RunFolder used = RunFolder.create(dir.resolve("used"), "latency");
        Files.writeString(used.file("latency.hlog"), "x");
        used.discardIfUnused();
        assertTrue(Files.exists(used.file("latency.hlog")), "a folder with a file in it stays");
    }
}
