package org.neurorig.bridge;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A UUCP-style lock file for a serial port, as minicom, cu and (built so) picocom keep them:
 * {@code /run/lock/LCK..ttyACM0} holding the owner's pid as ten ASCII characters and a newline. A file
 * whose pid is not running is stale (left by a program that was killed) and is replaced.
 *
 * <p>The name is the device's path under {@code /dev} with {@code /} as {@code _}
 * ({@code /dev/pts/3} is {@code LCK..pts_3}), after following symbolic links, so that
 * {@code /dev/serial/by-id/...} and {@code /dev/ttyACM0} are one port. A device outside {@code /dev}
 * has no conventional name and gets no lock file.
 *
 * <p>The file is made whole under a temporary name and then hard-linked to its name: the link fails if
 * the name exists, so two programs never both believe they made it, and no reader sees it half written.
 * Replacing a stale file is not atomic (read, check the pid, delete, link again): two programs doing it
 * at once could both succeed. {@link PortLock} takes the device's {@code flock} first, so this only
 * matters against another program that uses lock files alone, and only over a stale one.
 */
final class UucpLockFile {

    private final Path file;
    private final long pid;

    private UucpLockFile(Path file, long pid) {
        this.file = file;
        this.pid = pid;
    }

    /** A process that holds a port's lock file, and the file. */
    record Holder(long pid, Path file) {
    }

    /** The lock file's name for {@code device} (a real path), or empty when it is not under /dev. */
    static Optional<String> nameFor(Path realDevice) {
        String p = realDevice.toString();
        if (!p.startsWith("/dev/") || p.length() == "/dev/".length()) {
            return Optional.empty();
        }
        return Optional.of("LCK.." + p.substring("/dev/".length()).replace('/', '_'));
    }

    /**
     * Creates the lock file for {@code realDevice} in {@code dir} with this process's pid, replacing a
     * stale one.
     *
     * @return the lock, or empty when there is nothing to lock in ({@code dir} missing or not writable,
     *         a device outside /dev)
     * @throws Busy when a running process holds it
     */
    static Optional<UucpLockFile> create(Path dir, Path realDevice) throws Busy, IOException {
        Optional<String> name = nameFor(realDevice);
        if (name.isEmpty() || !Files.isDirectory(dir) || !Files.isWritable(dir)) {
            return Optional.empty();
        }
        Path file = dir.resolve(name.get());
        long self = ProcessHandle.current().pid();
        Path tmp = Files.createTempFile(dir, "LTMP.", "",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));
        try {
            Files.writeString(tmp, String.format(Locale.ROOT, "%10d\n", self), StandardCharsets.US_ASCII);
            for (int attempt = 0; attempt < 2; attempt++) {
                try {
                    Files.createLink(file, tmp);
                    return Optional.of(new UucpLockFile(file, self));
                } catch (FileAlreadyExistsException e) {
                    OptionalLong owner = owner(file);
                    if (owner.isPresent() && owner.getAsLong() != self && running(owner.getAsLong())) {
                        throw new Busy(new Holder(owner.getAsLong(), file));
                    }
                    // stale: its process is gone (or it is this process's, from a link closed without it)
                    deleteIfOwnedBy(file, owner);
                }
            }
            throw new Busy(new Holder(owner(file).orElse(-1), file)); // made again as fast as we removed it
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** A lock file held by a running process. */
    static final class Busy extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient Holder holder;

        Busy(Holder holder) {
            super(holder.file() + " is held by pid " + holder.pid());
            this.holder = holder;
        }

        Holder holder() {
            return holder;
        }
    }

    /**
     * The pid in a lock file: ASCII (the HDB format, what everyone writes now) or, in a 4-byte file, a
     * binary int (the old format); empty for a file that is neither, which counts as stale.
     */
    static OptionalLong owner(Path file) {
        try {
            byte[] b = Files.readAllBytes(file);
            String text = new String(b, StandardCharsets.US_ASCII).strip();
            if (text.matches("[0-9]{1,10}")) {
                return OptionalLong.of(Long.parseLong(text));
            }
            if (b.length == 4) {
                return OptionalLong.of(ByteBuffer.wrap(b).order(ByteOrder.nativeOrder()).getInt() & 0xFFFF_FFFFL);
            }
        } catch (IOException e) {
            // removed meanwhile: nobody holds it
        }
        return OptionalLong.empty();
    }

    private static boolean running(long pid) {
        return pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Deletes a stale file unless another program replaced it since it was read. */
    private static void deleteIfOwnedBy(Path file, OptionalLong owner) throws IOException {
        if (owner(file).equals(owner)) {
            try {
                Files.delete(file);
            } catch (NoSuchFileException e) {
                // another program removed it first
            }
        }
    }

    Path file() {
        return file;
    }

    /** Removes the file, if it is still this process's. */
    void release() {
        try {
            if (owner(file).equals(OptionalLong.of(pid))) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // a lock directory gone read-only: the file is stale once this process exits
        }
    }
}
