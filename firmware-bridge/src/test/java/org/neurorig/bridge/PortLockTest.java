package org.neurorig.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurorig.device.DeviceException;

/** Two programs never drive one serial port: the second opener is refused before it writes a byte. */
class PortLockTest {

    private static final int ROUNDS = 50;

    /** A {@link PortOpener} in a JVM of its own, driven line by line. */
    private record Opener(Process process, Writer in, BufferedReader out) implements AutoCloseable {

        static Opener start() throws IOException {
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
                if (a.startsWith("--")) {
                    cmd.add(a);
                }
            }
            cmd.addAll(List.of("-Xmx64m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                    PortOpener.class.getName()));
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            Opener o = new Opener(p, new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8),
                    new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)));
            assertEquals("ready", o.out.readLine());
            return o;
        }

        void send(String order) throws IOException {
            in.write(order + "\n");
            in.flush();
        }

        String answer() throws IOException {
            String line = out.readLine();
            if (line == null) {
                throw new IOException("the opener (pid " + process.pid() + ") exited");
            }
            return line;
        }

        @Override
        public void close() throws IOException {
            in.close(); // its stdin at an end: it exits, closing what it holds
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    @Test
    void twoProgramsOpeningOnePortTogetherLeaveExactlyOneWithIt() throws Exception {
        try (PseudoTerminal pty = PseudoTerminal.create(); Opener a = Opener.start(); Opener b = Opener.start()) {
            String port = pty.slavePath();
            for (Opener o : List.of(a, b)) { // each alone first: the port is free, and JSSC's natives are loaded
                o.send("open " + port);
                assertEquals("opened", o.answer());
                o.send("close");
                assertEquals("closed", o.answer());
            }
            int bothOpened = 0;
            int neither = 0;
            List<String> refusals = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                a.send("open " + port);
                b.send("open " + port);
                String ra = a.answer();
                String rb = b.answer();
                if (ra.equals("opened") && rb.equals("opened")) {
                    bothOpened++;
                } else if (!ra.equals("opened") && !rb.equals("opened")) {
                    neither++;
                    refusals.add(ra + " | " + rb);
                } else {
                    Opener winner = ra.equals("opened") ? a : b;
                    String refusal = ra.equals("opened") ? rb : ra;
                    refusals.add(refusal);
                    assertTrue(refusal.startsWith("refused serial port " + port + " is in use by pid " + winner.process.pid()
                            + " (java ... "), "round " + round + ": " + refusal);
                    assertTrue(refusal.contains(PortOpener.class.getName() + "): stop that program"), refusal);
                }
                a.send("close");
                b.send("close");
                assertEquals("closed", a.answer());
                assertEquals("closed", b.answer());
            }
            System.out.printf("%d rounds: both opened %d, neither %d, exactly one %d%n", ROUNDS, bothOpened, neither,
                    ROUNDS - bothOpened - neither);
            refusals.stream().distinct().limit(5).forEach(System.out::println);
            assertEquals(0, bothOpened, "rounds in which both programs opened the port");
            assertEquals(0, neither, "rounds in which neither did: " + refusals);
        }
    }

    @Test
    void aHolderKilledBySigkillLeavesThePortFree() throws Exception {
        try (PseudoTerminal pty = PseudoTerminal.create(); Opener holder = Opener.start()) {
            String port = pty.slavePath();
            holder.send("open " + port);
            assertEquals("opened", holder.answer());
            DeviceException held = assertThrows(DeviceException.class, () -> SerialPortChannel.open(port, 115_200));
            assertTrue(held.getMessage().contains("is in use by pid " + holder.process.pid()), held.getMessage());

            holder.process.destroyForcibly(); // SIGKILL: no close, no cleanup, only the kernel's
            assertTrue(holder.process.waitFor(10, TimeUnit.SECONDS));
            try (SerialPortChannel mine = SerialPortChannel.open(port, 115_200)) {
                assertTrue(mine.lock().flocked());
                // where the lock file was left behind, it was stale and is now this process's
                for (Path file : mine.lock().lockFile().stream().toList()) {
                    assertEquals(String.format("%10d%n", ProcessHandle.current().pid()), Files.readString(file));
                }
            }
        }
    }

    @Test
    void aSecondLinkInThisProcessIsRefusedAndTheFirstKeepsThePort() throws Exception {
        try (PseudoTerminal pty = PseudoTerminal.create(); SerialPortChannel first = SerialPortChannel.open(pty.slavePath(), 115_200)) {
            DeviceException e = assertThrows(DeviceException.class, () -> SerialPortChannel.open(pty.slavePath(), 115_200));
            assertEquals("serial port " + pty.slavePath() + " is in use by this process (pid " + ProcessHandle.current().pid()
                    + "): stop that program (or close that link) first, or choose another port", e.getMessage());
            assertTrue(first.lock().flocked());
        }
    }

    @Test
    void aLockFileIsWrittenAsMinicomReadsItAndRemovedOnClose(@TempDir Path locks) throws Exception {
        try (PseudoTerminal pty = PseudoTerminal.create()) {
            Path file = locks.resolve("LCK.." + pty.slavePath().substring("/dev/".length()).replace('/', '_'));
            try (PortLock lock = PortLock.take(pty.slavePath(), locks)) {
                assertEquals(file, lock.lockFile().orElseThrow());
                assertEquals(String.format("%10d\n", ProcessHandle.current().pid()), Files.readString(file));
                assertEquals(List.of(file), Files.list(locks).toList(), "no temporary file left beside it");
            }
            assertFalse(Files.exists(file));
        }
    }

    @Test
    void aStaleLockFileOfADeadProcessIsReplaced(@TempDir Path locks) throws Exception {
        Process gone = new ProcessBuilder("true").start();
        assertEquals(0, gone.waitFor());
        try (PseudoTerminal pty = PseudoTerminal.create()) {
            Path file = locks.resolve(UucpLockFile.nameFor(Path.of(pty.slavePath())).orElseThrow());
            for (String stale : List.of(String.format("%10d%n", gone.pid()), "garbage\n", "")) {
                Files.writeString(file, stale);
                try (PortLock lock = PortLock.take(pty.slavePath(), locks)) {
                    assertEquals(Optional.of(file), lock.lockFile());
                    assertEquals(String.format("%10d%n", ProcessHandle.current().pid()), Files.readString(file), stale);
                }
                assertFalse(Files.exists(file));
            }
        }
    }

    @Test
    void aLockFileOfARunningProgramRefusesThePortAndSaysWhatToDo(@TempDir Path locks) throws Exception {
        Process minicom = new ProcessBuilder("sleep", "60").start(); // stands for a program that keeps lock files
        try (PseudoTerminal pty = PseudoTerminal.create()) {
            Path file = locks.resolve(UucpLockFile.nameFor(Path.of(pty.slavePath())).orElseThrow());
            Files.writeString(file, String.format("%10d%n", minicom.pid()));
            DeviceException e = assertThrows(DeviceException.class, () -> PortLock.take(pty.slavePath(), locks));
            assertEquals("serial port " + pty.slavePath() + " is in use by pid " + minicom.pid() + " (sleep 60): stop that"
                    + " program first; if it does not use the port, delete its lock file " + file, e.getMessage());
            assertEquals(String.format("%10d%n", minicom.pid()), Files.readString(file), "its lock file untouched");
            // the refused take released the device's flock: once the file is gone, the port is free
            Files.delete(file);
            try (PortLock lock = PortLock.take(pty.slavePath(), locks)) {
                assertTrue(lock.lockFile().isPresent());
            }
        } finally {
            minicom.destroyForcibly();
            minicom.waitFor();
        }
    }

    @Test
    void noLockFileWhereTheDirectoryIsMissingOrTheDeviceIsOutsideDev(@TempDir Path dir) throws Exception {
        try (PseudoTerminal pty = PseudoTerminal.create(); PortLock lock = PortLock.take(pty.slavePath(), dir.resolve("none"))) {
            assertTrue(lock.lockFile().isEmpty());
            assertTrue(lock.flocked());
        }
        assertTrue(UucpLockFile.nameFor(dir.resolve("notes.txt")).isEmpty());
        assertEquals("LCK..ttyACM0", UucpLockFile.nameFor(Path.of("/dev/ttyACM0")).orElseThrow());
        assertEquals("LCK..pts_3", UucpLockFile.nameFor(Path.of("/dev/pts/3")).orElseThrow());
    }

    @Test
    void aLongCommandLineKeepsItsProgramAndItsEnd() {
        assertEquals("picocom -b 115200 /dev/ttyACM0", PortUsers.shortened(List.of("/usr/bin/picocom", "-b", "115200",
                "/dev/ttyACM0")));
        String jvm = PortUsers.shortened(List.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java", "--add-modules",
                "jdk.incubator.vector", "-cp", "/a/very/long/class/path/".repeat(10), "org.neurorig.cli.Main", "run",
                "--profile", "uno-usb"));
        assertEquals("java ... org.neurorig.cli.Main run --profile uno-usb", jvm);
    }

    /** binfmt_misc's entries as the kernel lists them, with and without the P (keep argv[0]) flag. */
    @Test
    void aProgramRunByAnEmulatorIsNamedAsItWasStarted(@TempDir Path registry) throws IOException {
        String interpreter = "/usr/libexec/qemu-binfmt/aarch64-binfmt-P";
        Files.writeString(registry.resolve("qemu-aarch64"), "enabled\ninterpreter " + interpreter + "\nflags: PF\n");
        assertEquals("sleep 60", PortUsers.shortened(PortUsers.withoutEmulator(
                List.of(interpreter, "/usr/bin/sleep", "sleep", "60"), registry)));
        Files.writeString(registry.resolve("qemu-aarch64"), "enabled\ninterpreter " + interpreter + "\nflags: F\n");
        assertEquals("sleep 60", PortUsers.shortened(PortUsers.withoutEmulator(
                List.of(interpreter, "/usr/bin/sleep", "60"), registry)));
        assertEquals(List.of("sleep", "60"), PortUsers.withoutEmulator(List.of("sleep", "60"), registry));
    }
}
