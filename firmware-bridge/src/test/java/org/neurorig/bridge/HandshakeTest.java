package org.neurorig.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurorig.bridge.codec.AckFrame;
import org.neurorig.bridge.codec.ConfigFrame;
import org.neurorig.bridge.codec.FrameDecoder;
import org.neurorig.bridge.codec.FrameEncoder;
import org.neurorig.bridge.codec.HelloFrame;
import org.neurorig.bridge.codec.Protocol;
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
                        + holder.pid() + " (sleep 30)", "stop that program");
            } finally {
                holder.destroyForcibly();
                holder.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void aDeviceNameWithAnEscapeSequenceIsShownNotActedOn() throws Exception {
        try (LoopbackDevice device = LoopbackDevice.start("evil\u001b[2J"); FirmwareLink link = new FirmwareLink(
                LinkSettings.of(device.port()).withHandshakeTimeout(Duration.ofSeconds(3)))) {
            FirmwareIdentity id = link.connect();
            assertEquals("evil\\x1b[2J", id.name());
            assertTrue(id.describe().chars().noneMatch(Character::isISOControl), id.describe());
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

    /**
     * A device of protocol version 1 (the firmware of the previous release) drops this host's HELLO,
     * whose check it cannot read, but answers the HELLO in its own layout that goes out with each one.
     * Its IDENTITY, which this host's decoder drops in turn, still names the device's version in the
     * refusal: at the first answer, where without it the handshake would time out with "no valid frame".
     */
    @Test
    void aDeviceOfProtocolVersionOneIsRefusedByItsVersion() throws Exception {
        try (VersionOneDevice device = VersionOneDevice.start()) {
            long start = System.nanoTime();
            DeviceException e = refused(LinkSettings.of(device.port()).withHandshakeTimeout(Duration.ofSeconds(20)));
            long took = System.nanoTime() - start;
            oneLine(e, "the device at " + device.port() + " speaks protocol version 1 (cartpole-emu 1.0.0), this host"
                    + " speaks version 2", "reflash it", "make -C firmware-bridge/firmware flash MODE=plant PORT="
                    + device.port(), "or drive it from a neurorig release of protocol version 1");
            assertTrue(device.hellosAnswered() >= 1, "no HELLO in version 1's layout went out");
            assertTrue(took < TimeUnit.SECONDS.toNanos(20), "refused only at the timeout: " + e.getMessage());
        }
    }

    /**
     * The rig image drives a real motor, which cannot be stepped: it announces no lockstep, the host
     * refuses to ask for it, and the firmware itself refuses the flag (asked directly, frame by frame).
     */
    @Test
    @Tag("emulator")
    void lockstepIsRefusedByAndForAFirmwareThatCannotStep() throws Exception {
        Emulators.assumeAvailable();
        Path elf = FirmwareBuild.build(FirmwareBuild.Mode.RIG, FirmwareBuild.Options.defaults());
        try (EmulatedUno uno = EmulatedUno.start(elf, null)) {
            oneLine(refused(Emulators.settings(uno.port()).withLockstep(true)), ", cartpole-rig 1.0.0 (",
                    "cannot be stepped in lockstep", "a real rig runs in real time; open it without lockstep");
            assertEquals(Protocol.ACK_BAD_VALUE, configResult(uno.port(), Protocol.CONFIG_LOCKSTEP));
            assertEquals(Protocol.ACK_OK, configResult(uno.port(), 0), "the same exchange in real time");
        }
    }

    private static final byte[] NOTHING = {};

    /** Greets the device at {@code port} and sends one CONFIG with {@code flags}; returns its ACK's result. */
    private static int configResult(String port, int flags) throws Exception {
        SerialPortChannel p = SerialPortChannel.open(port, 115_200);
        try {
            FrameEncoder encoder = new FrameEncoder();
            FrameDecoder decoder = FrameDecoder.forHost();
            decoder.channels(4, 1);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            boolean greeted = false;
            int configSeq = -1;
            long nextSend = 0;
            long bytesRead = 0;
            int hellos = 0;
            int configs = 0;
            StringBuilder seen = new StringBuilder();
            while (System.nanoTime() - deadline < 0) {
                if (System.nanoTime() - nextSend > 0) { // QEMU notices a newly opened pseudo-terminal about once a second
                    if (!greeted) {
                        p.write(encoder.encode(Protocol.HELLO, 0, new HelloFrame().wrap(encoder.frame()).set(Protocol.VERSION)));
                        hellos++;
                    } else {
                        configs++;
                        configSeq = 1;
                        p.write(encoder.encode(Protocol.CONFIG, configSeq, new ConfigFrame().wrap(encoder.frame())
                                .set(100, 1, flags)));
                    }
                    nextSend = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
                }
                int n = p.available();
                bytesRead += Math.max(0, n);
                for (byte b : n > 0 ? p.read(n) : NOTHING) {
                    if (!decoder.push(b)) {
                        continue;
                    }
                    if (seen.length() < 400) {
                        seen.append(decoder.type()).append(' ');
                    }
                    if (decoder.type() == Protocol.IDENTITY && !greeted) {
                        greeted = true;
                        nextSend = 0;
                    } else if (decoder.type() == Protocol.ACK) {
                        AckFrame ack = new AckFrame().wrap(decoder.frame());
                        if (ack.ackedType() == Protocol.CONFIG && ack.ackedSeq() == configSeq) {
                            return ack.result();
                        }
                    }
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
            // what the exchange got to, for a failure that happens once in many runs
            return fail("no answer to CONFIG from " + port + ": " + hellos + " HELLO and " + configs + " CONFIG sent, "
                    + (greeted ? "greeted" : "never greeted") + ", " + bytesRead + " bytes read, frame types seen: " + seen);
        } finally {
            p.close();
        }
    }

    @Test
    @Tag("emulator")
    void firmwareOfAnotherProtocolVersionIsRefused() throws Exception {
        Emulators.assumeAvailable();
        Path elf = FirmwareBuild.build(FirmwareBuild.Mode.PLANT,
                new FirmwareBuild.Options(115_200, 20_000, "-DNR_PROTOCOL_VERSION=3", "test-protocol-3"));
        try (EmulatedUno uno = EmulatedUno.start(elf, null)) {
            oneLine(refused(Emulators.settings(uno.port())), "speaks protocol version 3 (cartpole-emu 1.0.0)",
                    "this host speaks version 2", "make -C firmware-bridge/firmware flash MODE=plant PORT=" + uno.port(),
                    "tools/neurorig firmware build");
        }
    }
}
