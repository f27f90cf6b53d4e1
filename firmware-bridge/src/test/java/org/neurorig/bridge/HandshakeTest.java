package org.neurorig.bridge;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurorig.device.DeviceException;

/** A user's mistakes at configure time end in one line that names the port and what to do. */
class HandshakeTest {

    private static DeviceException refused(LinkSettings settings) {
        FirmwarePlant plant = new FirmwarePlant(settings);
        try {
            return assertThrows(DeviceException.class, plant::configure);
        } finally {
            plant.close();
        }
    }

    private static void oneLine(DeviceException e, String... parts) {
        String m = e.getMessage();
        assertFalse(m.contains("\n"), "more than one line: " + m);
        for (String p : parts) {
            assertTrue(m.contains(p), "'" + p + "' missing from: " + m);
        }
    }

    @Test
    void aPortThatDoesNotExist() {
        oneLine(refused(LinkSettings.of("/dev/ttyACM99")), "serial port /dev/ttyACM99 does not exist",
                "neurorig firmware emulate");
    }

    @Test
    void aFileThatIsNotASerialPort(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("notes.txt"), "hello");
        oneLine(refused(LinkSettings.of(file.toString())), file + " is not a serial port");
    }

    @Test
    void aPortInUseByAnotherProgram() throws Exception {
        try (PseudoTerminal pty = PseudoTerminal.create()) {
            Process holder = new ProcessBuilder("sleep", "30").redirectInput(new File(pty.slavePath())).start();
            try {
                oneLine(refused(LinkSettings.of(pty.slavePath())), "serial port " + pty.slavePath() + " is in use by pid "
                        + holder.pid() + " (sleep)", "close that program");
            } finally {
                holder.destroyForcibly();
                holder.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void aPortThisProcessAlreadyDrives() throws Exception {
        try (PseudoTerminal pty = PseudoTerminal.create()) {
            SerialPortChannel first = SerialPortChannel.open(pty.slavePath(), 115_200);
            try {
                oneLine(refused(LinkSettings.of(pty.slavePath())), "is in use by this process");
            } finally {
                first.close();
            }
        }
    }

    /**
     * The timeout bounds the wait, stated in HELLOs rather than in wall time: one goes out every 100 ms,
     * so a 0.3 s handshake sends at most four (a starved thread sends fewer, never more), where the
     * default 3 s would send thirty. And it waits its whole timeout before giving up.
     */
    @Test
    void aDeviceThatNeverAnswers() throws Exception {
        try (PseudoTerminal pty = PseudoTerminal.create()) {
            long start = System.nanoTime();
            DeviceException e = refused(LinkSettings.of(pty.slavePath()).withHandshakeTimeout(Duration.ofMillis(300)));
            long took = System.nanoTime() - start;
            oneLine(e, "no answer to the handshake from " + pty.slavePath() + " within 0.3 s", "nothing came back",
                    "right port");
            Matcher hellos = Pattern.compile("\\((\\d+) HELLOs sent").matcher(e.getMessage());
            assertTrue(hellos.find(), e.getMessage());
            int sent = Integer.parseInt(hellos.group(1));
            assertTrue(sent >= 1 && sent <= 4, sent + " HELLOs in a 0.3 s handshake");
            assertTrue(took >= TimeUnit.MILLISECONDS.toNanos(300), "gave up after " + took / 1e6 + " ms");
        }
    }

    /** The device answers each HELLO with text at the wrong speed, from the moment the host is listening. */
    @Test
    void aDeviceThatAnswersGarbage() throws Exception {
        try (PseudoTerminal pty = PseudoTerminal.create(); Arena arena = Arena.ofShared()) {
            MemorySegment junk = arena.allocate(64);
            for (int i = 0; i < 64; i++) {
                junk.set(java.lang.foreign.ValueLayout.JAVA_BYTE, i, (byte) (0x41 + i % 26)); // text at the wrong speed
            }
            MemorySegment heard = arena.allocate(64);
            MemorySegment pollfd = arena.allocate(8);
            AtomicBoolean done = new AtomicBoolean();
            Thread talker = new Thread(() -> {
                while (!done.get()) {
                    if (pty.read(heard, 64, pollfd, 20) > 0) {
                        pty.write(junk, 64);
                    }
                }
            });
            talker.start();
            DeviceException e;
            try {
                e = refused(LinkSettings.of(pty.slavePath()).withHandshakeTimeout(Duration.ofMillis(400)));
            } finally {
                done.set(true);
                talker.join();
            }
            oneLine(e, "bytes came back but no valid frame", "baud");
        }
    }

    @Test
    @Tag("emulator")
    void firmwareOfAnotherProtocolVersionIsRefused() throws Exception {
        Emulators.assumeAvailable();
        Path elf = FirmwareBuild.build(FirmwareBuild.Mode.PLANT,
                new FirmwareBuild.Options(115_200, 20_000, "-DNR_PROTOCOL_VERSION=2", "test-protocol-2"));
        try (EmulatedUno uno = EmulatedUno.start(elf, null)) {
            oneLine(refused(Emulators.settings(uno.port())), "speaks protocol version 2 (cartpole-emu 1.0.0)",
                    "this host speaks version 1", "tools/neurorig firmware build");
        }
    }
}
