package org.neurorig.bridge;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Arduino Uno emulated by QEMU ({@code qemu-system-avr -machine uno}) running a firmware image, its
 * USART0 on a pseudo-terminal. Optionally a stable symbolic link points at the pseudo-terminal, so a
 * restarted emulator (a new /dev/pts/N) is found again at the same path, as a replugged USB board is.
 *
 * <p>QEMU 7.2's AVR does not emulate the watchdog timer (WDR is a no-op), does not wake from SLEEP
 * (so the firmware busy-waits and the emulator uses one host core), and passes serial bytes one per
 * main-loop turn. The emulator is killed when this object is closed, and when the JVM exits.
 */
public final class EmulatedUno implements AutoCloseable {

    private static final Pattern PTY = Pattern.compile("char device redirected to (/dev/pts/\\d+)");
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly),
                "neurorig-emulator-reaper"));
    }

    private final Process process;
    private final Path log;
    private final String pty;
    private final PseudoTerminalLink link;

    private EmulatedUno(Process process, Path log, String pty, PseudoTerminalLink link) {
        this.process = process;
        this.log = log;
        this.pty = pty;
        this.link = link;
    }

    /** Why an Uno cannot be emulated here, or empty when it can. */
    public static Optional<String> unavailable() {
        if (ExternalTool.find("qemu-system-avr").isEmpty()) {
            return Optional.of("qemu-system-avr is not installed (apt-get install --no-install-recommends qemu-system-misc)");
        }
        return Optional.empty();
    }

    /**
     * Starts QEMU on {@code elf} and waits (at most 10 s) for its pseudo-terminal.
     *
     * @param link a symbolic link to make, pointing at the pseudo-terminal, or null; refused, before
     *             anything starts, when something other than a stale link of an earlier run is there
     *             ({@link PseudoTerminalLink})
     */
    public static EmulatedUno start(Path elf, Path link) throws IOException {
        if (link != null) {
            PseudoTerminalLink.requireFree(link);
        }
        Optional<String> missing = unavailable();
        if (missing.isPresent()) {
            throw new IOException("cannot emulate an Uno: " + missing.get());
        }
        if (!Files.isRegularFile(elf)) {
            throw new IOException("no firmware image at " + elf + ": build one with 'neurorig firmware build'");
        }
        Path log = Files.createTempFile("neurorig-qemu-", ".log");
        Process process = new ProcessBuilder("qemu-system-avr", "-machine", "uno", "-bios", elf.toString(), "-serial",
                "pty", "-nographic", "-monitor", "none")
                .redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        RUNNING.add(process);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        String pty = null;
        while (pty == null) {
            Matcher m = PTY.matcher(Files.readString(log, StandardCharsets.UTF_8));
            if (m.find()) {
                pty = m.group(1);
            } else if (!process.isAlive() || System.nanoTime() - deadline > 0) {
                process.destroyForcibly();
                RUNNING.remove(process);
                String out = Files.readString(log, StandardCharsets.UTF_8).strip();
                Files.deleteIfExists(log);
                throw new IOException("qemu-system-avr did not start the emulated Uno" + (out.isEmpty() ? "" : ": " + out));
            } else {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
        }
        PseudoTerminalLink made = null;
        if (link != null) {
            try {
                made = PseudoTerminalLink.create(link, pty);
            } catch (IOException e) {
                process.destroyForcibly();
                RUNNING.remove(process);
                Files.deleteIfExists(log);
                throw e;
            }
        }
        return new EmulatedUno(process, log, pty, made);
    }

    /** The path for the host to open: the symbolic link if one was asked for, else the pseudo-terminal. */
    public String port() {
        return link != null ? link.path().toString() : pty;
    }

    /** The pseudo-terminal QEMU made, {@code /dev/pts/N}. */
    public String pty() {
        return pty;
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** Kills the emulator at once (SIGKILL), as a crash or a pulled cable would: for fault tests. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        RUNNING.remove(process);
    }

    /** Waits until the emulator exits by itself (or is killed elsewhere). */
    public int waitFor() throws InterruptedException {
        int code = process.waitFor();
        RUNNING.remove(process);
        return code;
    }

    @Override
    public void close() {
        kill();
        if (link != null) {
            link.remove();
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            // a temporary file gone already: nothing to clean
        }
    }
}
