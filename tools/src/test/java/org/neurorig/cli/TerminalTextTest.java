package org.neurorig.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurorig.bridge.LoopbackDevice;

/** What the CLI echoes from elsewhere reaches the terminal shown, never acted on. */
class TerminalTextTest {

    private static final String CLEAR_SCREEN = "\u001b[2J";

    private static boolean raw(String s) {
        return s.chars().anyMatch(c -> c != '\n' && TerminalText.needsEscape((char) c, true));
    }

    @Test
    void controlCharactersAreShownByTheirCode() {
        assertEquals("rig\\x1b[2J", TerminalText.line("rig" + CLEAR_SCREEN));
        assertEquals("a\\x07b\\x7fc\\x0d\\x0a", TerminalText.line("a\u0007b\u007fc\r\n"));
        assertEquals("\\u009b2J and \\u202eevil", TerminalText.line("\u009b2J and \u202eevil"));
        assertEquals("one\ntwo\\x1b", TerminalText.lines("one\ntwo\u001b"));
        assertEquals("tab\\x09", TerminalText.lines("tab\t"));
    }

    @Test
    void printableTextIsReturnedAsItIs() {
        String text = "/dev/ttyACM0: cartpole-emu 1.0.0 (protocol 1), ünïcödé, \\x1b stays a backslash";
        assertSame(text, TerminalText.line(text));
        assertEquals("null", TerminalText.line(null));
    }

    @Test
    void aDevicesIdentityWithAnEscapeSequenceIsPrintedEscaped() throws Exception {
        try (LoopbackDevice device = LoopbackDevice.start("evil" + CLEAR_SCREEN)) {
            CliRun o = CliRun.of("firmware", "ping", "--port", device.port(), "--count", "5");
            assertEquals(0, o.code(), o.out() + o.err());
            assertTrue(o.out().startsWith(device.port() + ": evil\\x1b[2J 1.0.0 (protocol "
                    + org.neurorig.bridge.codec.Protocol.VERSION + ","), o.out());
            assertTrue(!raw(o.out()) && !raw(o.err()), o.out() + o.err());
        }
    }

    @Test
    void aPathFromTheCommandLineIsEchoedEscapedInAnError() {
        CliRun o = CliRun.of("firmware", "ping", "--port", "/dev/ttyACM" + CLEAR_SCREEN);
        assertEquals(2, o.code());
        assertTrue(o.err().startsWith("neurorig firmware ping: serial port /dev/ttyACM\\x1b[2J does not exist"), o.err());
        assertTrue(!raw(o.err()), o.err());
    }

    @Test
    void aProfileWithAnEscapeSequenceInItsNameIsRefusedWithoutEchoingIt(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("rig.toml"), "extends = \"sim-cartpole\"\n[rig]\nname = \"x\\u001b[2J\"\n");
        CliRun o = CliRun.of("profiles", "check", file.toString());
        assertEquals(2, o.code(), o.out() + o.err());
        assertEquals(file + ":3: rig.name: the string holds the control character \\u001B at character 2: remove it (a"
                + " terminal would act on it instead of showing it)", o.err().strip());
        CliRun run = CliRun.of("profiles", "check", dir.resolve("x" + CLEAR_SCREEN + ".toml").toString());
        assertEquals(2, run.code());
        assertTrue(run.err().contains("x\\x1b[2J.toml"), run.err());
        assertTrue(!raw(run.err()), run.err());
    }
}
