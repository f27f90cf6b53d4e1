package org.neurorig.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurorig.bridge.Emulators;

class FirmwareCommandTest {

    @Test
    void aPortThatDoesNotExistIsOneLine() {
        CliRun o = CliRun.of("firmware", "ping", "--port", "/dev/ttyACM99");
        assertEquals(2, o.code());
        assertEquals("neurorig firmware ping: serial port /dev/ttyACM99 does not exist: check the cable and the name"
                + " (ls /dev/ttyACM* /dev/ttyUSB*), or start an emulated Uno with 'neurorig firmware emulate'", o.err().strip());
    }

    @Test
    void badBuildSettingsAreOneLine() {
        CliRun o = CliRun.of("firmware", "build", "--tick-us", "3000");
        assertEquals(2, o.code());
        assertEquals("neurorig firmware build: --tick-us 3000 is not usable: expected 1000 to 250000 and a divisor of one"
                + " second (e.g. 20000)", o.err().strip());
    }

    /** A --link path that holds a file is refused before anything starts, and the file is left as it was. */
    @Test
    void emulateLeavesAFileAtTheLinkPathAlone(@TempDir Path dir) throws Exception {
        Path notes = Files.writeString(dir.resolve("notes.txt"), "my notes\n");
        CliRun o = CliRun.of("firmware", "emulate", "--link", notes.toString(), "--for", "1");
        assertEquals(2, o.code(), o.out() + o.err());
        assertEquals("neurorig firmware emulate: will not make the link " + notes + ": it exists and is a file; choose"
                + " another path, or remove it if it is yours to remove", o.err().strip());
        assertEquals("", o.out());
        assertFalse(Files.isSymbolicLink(notes));
        assertEquals("my notes\n", Files.readString(notes));
    }

    /** emulate runs QEMU and prints the port; ping greets the firmware on it and prints its round trips. */
    @Test
    @Tag("emulator")
    void emulateThenPing() throws Exception {
        Emulators.assumeAvailable();
        StringWriter emulateOut = new StringWriter();
        AtomicInteger emulateCode = new AtomicInteger(-1);
        Thread emulate = new Thread(() -> emulateCode.set(Main.run(new String[] {"firmware", "emulate", "--for", "5"},
                new PrintWriter(emulateOut, true), new PrintWriter(new StringWriter(), true))));
        emulate.start();
        Pattern port = Pattern.compile("serial port: (/dev/pts/\\d+)");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Matcher m = port.matcher("");
        while (!(m = port.matcher(emulateOut.toString())).find()) {
            assertTrue(System.nanoTime() < deadline && emulate.isAlive(), "emulate printed no port: " + emulateOut);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        CliRun ping = CliRun.of("firmware", "ping", "--port", m.group(1), "--count", "200");
        emulate.join();
        assertEquals(0, ping.code(), ping.out() + ping.err());
        assertTrue(ping.out().contains("cartpole-emu 1.0.0 (protocol 2, 4 sensors, 1 actuator, tick 20000 us"), ping.out());
        assertTrue(ping.out().matches("(?s).*round trip PING -> PONG, 200 samples: min \\d+, p50 \\d+, p90 \\d+, p99 \\d+,"
                + " max \\d+ us.*"), ping.out());
        assertTrue(ping.out().contains("3125 us at 115200 baud, 360 us at 1000000"), ping.out());
        assertTrue(ping.out().contains("device: 0 rejected, 0 lost"), ping.out());
        assertEquals(0, emulateCode.get(), emulateOut.toString());
    }
}
