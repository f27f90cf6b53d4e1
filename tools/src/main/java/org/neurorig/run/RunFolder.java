package org.neurorig.run;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.StandardOpenOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.neurorig.learning.Checkpoint;

/**
 * The run folder a command writes its files to: the one given with {@code --out}, or by default
 * {@code runs/NAME-yyyyMMdd-HHmmss} under the current directory, so that no command leaves files in
 * the directory it was started from. The names below are {@code neurorig run}'s files: telemetry, the
 * checkpoint, the latency log, the episodes, the resolved profile, the run's record, the figures and
 * the report. A folder that already holds a run is never written over.
 *
 * <p>{@code neurorig run} holds a lock on its folder ({@value #LOCK}, an fcntl lock the kernel drops
 * when the process dies, however it dies): so a folder can tell a run still going from one whose
 * process was killed, and {@code --resume} of a killed run can clear what its last save left.
 */
public final class RunFolder {

    public static final String TELEMETRY = "telemetry.bin";
    public static final String CHECKPOINT = "checkpoint.nrck";
    public static final String LATENCY_LOG = "latency.hlog";
    public static final String EPISODES = "episodes.csv";
    public static final String PROFILE = "profile.toml";
    public static final String RECORD = "run.properties";
    public static final String SUMMARY = "summary.txt";
    public static final String REPORT = "report.html";
    public static final String LOCK = ".run.lock";

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final Path dir;
    private boolean madeHere;
    private FileChannel lockChannel;

    private RunFolder(Path dir) {
        this.dir = dir;
    }

    /** {@code runs/NAME-yyyyMMdd-HHmmss} under the current directory; NAME says what ran: a profile, a command. */
    public static Path defaultFor(String name, LocalDateTime now) {
        return Path.of("runs", name.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + STAMP.format(now));
    }

    /**
     * The run folder of a command: {@code out} when the user gave one, else {@link #defaultFor} {@code name}
     * and now; created and checked as {@link #create(Path)} does.
     */
    public static RunFolder create(Path out, String name) throws IOException {
        Path dir = out != null ? out : defaultFor(name, LocalDateTime.now());
        boolean existed = Files.exists(dir);
        RunFolder created = create(dir);
        created.madeHere = !existed;
        return created;
    }

    /**
     * Creates the folder for a new run and checks that it can be written.
     *
     * @throws IOException one line for the user: the folder holds a run already, or it cannot be created or written
     */
    public static RunFolder create(Path dir) throws IOException {
        if (Files.exists(dir.resolve(RECORD)) || Files.exists(dir.resolve(TELEMETRY))) {
            throw new IOException("the run folder " + dir + " already holds a run; choose another with --out DIR "
                    + "(or continue that run with --resume " + dir + ")");
        }
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".write-check", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new IOException("cannot write the run folder " + dir + " (" + reason(dir, e) + "); choose another with --out DIR", e);
        }
        return new RunFolder(dir);
    }

    /**
     * Takes the folder's lock for a run that will write it; held until {@link #release()} or the
     * process's end.
     *
     * @throws IOException when another run holds it
     */
    public void holdForRun() throws IOException {
        FileChannel ch = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock held;
        try {
            held = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            held = null;
        }
        if (held == null) {
            ch.close();
            throw new IOException("the run folder " + dir + " is in use by a run that is still going; choose another with --out DIR");
        }
        lockChannel = ch;
    }

    /** Lets go of the folder: another run may resume from it now. The kernel does this too when the process ends. */
    public void release() {
        if (lockChannel != null) {
            try {
                lockChannel.close();
            } catch (IOException ignored) {
                // closing drops the lock either way
            }
            lockChannel = null;
        }
    }

    /** Whether a running process holds the folder's lock. */
    private static boolean inUse(Path dir) {
        Path lock = dir.resolve(LOCK);
        if (!Files.isRegularFile(lock)) {
            return false;
        }
        try (FileChannel ch = FileChannel.open(lock, StandardOpenOption.WRITE)) {
            FileLock probe = ch.tryLock();
            if (probe == null) {
                return true;
            }
            probe.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true; // this process holds it
        } catch (IOException e) {
            return false; // a lock that cannot be opened is held by nobody who could write here
        }
    }

    /**
     * An earlier run's folder, to resume from: it must hold a checkpoint and the run's record.
     *
     * @throws IOException one line for the user naming what is missing
     */
    public static RunFolder existing(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("--resume " + dir + ": no such folder; give the run folder an earlier run printed");
        }
        if (!Files.isRegularFile(dir.resolve(RECORD))) {
            throw new IOException("--resume " + dir + ": it holds no " + RECORD + ", so it is not the folder of a run; "
                    + "give the folder an earlier run printed");
        }
        if (inUse(dir)) {
            throw new IOException("--resume " + dir + ": that run is still going; stop it first (Ctrl-C saves its checkpoint)");
        }
        boolean ended = Files.isRegularFile(dir.resolve(SUMMARY));
        if (!ended) {
            Checkpoint.removeStaleTemporaries(dir.resolve(CHECKPOINT)); // a kill during a save leaves one
        }
        if (!Files.isRegularFile(dir.resolve(CHECKPOINT))) {
            throw new IOException("--resume " + dir + ": it holds no " + CHECKPOINT + (ended ? "" : ": its run ended before "
                    + "its first tick, so it learned nothing")
                    + "; start a new run, or give the folder of another");
        }
        return new RunFolder(dir);
    }

    /** Whether the run ended cleanly, with its summary and report written (not killed). */
    public boolean endedCleanly() {
        return Files.isRegularFile(dir.resolve(SUMMARY));
    }

    public Path dir() {
        return dir;
    }

    public Path file(String name) {
        return dir.resolve(name);
    }

    /**
     * Removes the folder when {@link #create(Path, String)} made it and nothing was written to it: a
     * command that failed leaves no empty run folder behind.
     */
    public void discardIfUnused() {
        if (!madeHere) {
            return;
        }
        release();
        try (var entries = Files.list(dir)) {
            if (entries.allMatch(e -> e.getFileName().toString().equals(LOCK))) {
                Files.deleteIfExists(dir.resolve(LOCK));
            }
        } catch (IOException ignored) {
            // left as it is
        }
        try (var entries = Files.list(dir)) {
            if (entries.findAny().isEmpty()) {
                Files.delete(dir);
            }
        } catch (IOException ignored) {
            // an empty folder left behind is harmless
        }
    }

    /** Why {@code dir} could not be made or written, in words: the exception's message is often only the path. */
    private static String reason(Path dir, Exception e) {
        return switch (e) {
            case java.nio.file.AccessDeniedException a -> "permission denied";
            case java.nio.file.FileAlreadyExistsException f -> "a file of that name is in the way";
            case java.nio.file.NoSuchFileException f -> refusedBy((f.getFile() == null ? dir : Path.of(f.getFile())).getParent());
            case java.nio.file.FileSystemException f when "Not a directory".equals(f.getReason()) -> fileInTheWay(dir);
            case java.nio.file.FileSystemException f when f.getReason() != null -> f.getReason();
            default -> e.getMessage() == null || e.getMessage().equals(dir.toString()) ? e.getClass().getSimpleName() : e.getMessage();
        };
    }

    /** A folder that exists but answers "no such file" to a new entry: a system folder such as /proc. */
    private static String refusedBy(Path parent) {
        return parent != null && Files.isDirectory(parent) ? parent + " does not let a folder or file be made in it"
                : "no such folder: " + parent;
    }

    /** The first part of {@code dir}'s path that is a file, where a folder was needed. */
    private static String fileInTheWay(Path dir) {
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.exists(p) && !Files.isDirectory(p)) {
                return p + " is a file, not a folder";
            }
        }
        return "a file is in the way";
    }
}
