package org.neurorig.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Logs {@code neurorig plant replay} must refuse in a few lines, or read as a user meant them: a state no
 * episode starts from, a byte-order mark, a FIFO, a file without line breaks.
 */
class HostileReplayLogTest {

    private static final String HEADER = "episode,step,action,x,x_dot,theta,theta_dot,terminated";
    private static final Duration GENEROUS = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private CliRun replay(Path in, Path out) {
        return assertTimeoutPreemptively(GENEROUS, () -> CliRun.of("plant", "replay", "--in", in.toString(), "--out", out.toString()));
    }

    @Test
    void anInitialStateBeyondThePhysicsIsRefusedWithItsRowColumnAndRange() throws IOException {
        Path in = Files.write(dir.resolve("far.csv"), List.of(HEADER, "0,0,,0,0,0,1e308,0", "0,1,1,,,,,", "1,0,,-1500,0,0,0,0"));
        Path out = dir.resolve("states.csv");
        CliRun r = replay(in, out);
        assertEquals(2, r.code(), r.out() + r.err());
        assertEquals(List.of(
                "neurorig plant replay: " + in + ": 2 malformed rows; nothing was replayed",
                "  " + in + ":2: theta_dot 1e308 is outside the states an episode may start from: expected a number in [-1000, 1000] (rad/s)",
                "  " + in + ":4: x -1500 is outside the states an episode may start from: expected a number in [-1000, 1000] (m)"),
                r.err().lines().toList());
        assertFalse(Files.exists(out));
    }

    @Test
    void aByteOrderMarkBeforeTheHeaderIsNotPartOfIt() throws IOException {
        String log = HEADER + "\n0,0,,0.01,0,0.02,0,0\n0,1,1,,,,,\n";
        Path plain = Files.writeString(dir.resolve("plain.csv"), log);
        Path marked = dir.resolve("marked.csv");
        Files.write(marked, ("\uFEFF" + log).getBytes(StandardCharsets.UTF_8));
        CliRun r = replay(marked, dir.resolve("marked-states.csv"));
        assertEquals(0, r.code(), r.out() + r.err());
        assertEquals(0, replay(plain, dir.resolve("plain-states.csv")).code());
        assertEquals(Files.readString(dir.resolve("plain-states.csv")), Files.readString(dir.resolve("marked-states.csv")));
    }

    @Test
    void aFifoIsRefusedWithoutWaitingForAWriter() throws Exception {
        Path fifo = dir.resolve("log.csv");
        assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "mkfifo is not available");
        CliRun r = replay(fifo, dir.resolve("states.csv"));
        assertEquals(2, r.code(), r.out() + r.err());
        assertEquals("neurorig plant replay: --in: " + fifo + " is a FIFO (named pipe), not a regular file; expected a CSV log ("
                + HEADER + ")\n", r.err());
    }

    @Test
    void aFileWithoutLineBreaksIsNotReadWhole() throws IOException {
        Path in = dir.resolve("one-line.csv");
        try (Writer w = Files.newBufferedWriter(in)) {
            w.write(HEADER + "\n0,0,,0,0,0,0,0\n");
            for (int i = 0; i < 2_000; i++) {
                w.write("0".repeat(10_000)); // 20 MB on one line
            }
        }
        CliRun r = replay(in, dir.resolve("states.csv"));
        assertEquals(2, r.code(), r.out() + r.err());
        assertEquals(List.of("neurorig plant replay: " + in + ": 1 malformed row; nothing was replayed",
                "  " + in + ":3: longer than 1000 characters: a row is 8 short fields (" + HEADER + ")"), r.err().lines().toList());
        Path binary = Files.write(dir.resolve("binary.csv"), new byte[3_000_000]); // no line break, valid UTF-8 (NUL)
        CliRun b = replay(binary, dir.resolve("states.csv"));
        assertEquals(2, b.code(), b.out() + b.err());
        assertEquals(List.of("neurorig plant replay: " + binary + ": 1 malformed row; nothing was replayed",
                "  " + binary + ":1: longer than 1000 characters: a row is 8 short fields (" + HEADER + ")"), b.err().lines().toList());
    }

    @Test
    void anOutThatIsNoRegularFileIsRefusedAndLeftAsItWas() throws Exception {
        Path in = Files.write(dir.resolve("ok.csv"), List.of(HEADER, "0,0,,0,0,0,0,0", "0,1,1,,,,,"));
        Path fifo = dir.resolve("states.csv");
        assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "mkfifo is not available");
        CliRun r = replay(in, fifo);
        assertEquals(2, r.code(), r.out() + r.err());
        assertEquals("neurorig plant replay: --out " + fifo + " is a FIFO (named pipe): write the replay to a regular file\n", r.err());
        assertTrue(Files.exists(fifo) && !Files.isRegularFile(fifo), "the FIFO was replaced by the replay's file");
    }
}
