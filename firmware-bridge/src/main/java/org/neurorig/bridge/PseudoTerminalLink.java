package org.neurorig.bridge;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Pattern;

/**
 * A symbolic link at a stable path to an emulator's pseudo-terminal ({@code /dev/pts/N}, a new N each
 * start), as {@code /dev/serial/by-id/...} is to a replugged board. The path is the user's: this never
 * replaces or deletes anything there but its own link.
 *
 * <p>What may stand at the path before: nothing, or a stale link of an earlier run, that is a symbolic
 * link to a {@code /dev/pts/N} that no longer exists (its emulator is gone, killed before it could remove
 * it). Anything else is refused without being touched: a file, a directory, a link elsewhere, and a link to
 * a pseudo-terminal that exists (another emulator's, still running, or a terminal that got its number).
 * Removed on {@link #remove()} only while it still points at this run's pseudo-terminal.
 *
 * <p>A link is made by {@code symlink(2)}, which fails if the path exists, so a file that appears after
 * the check is not replaced; a stale link is replaced by renaming a new link over it, after checking it
 * again just before. A stale link to the very /dev/pts/N this run's emulator got (the kernel gives the
 * lowest free number, often the dead run's) is kept as it is: it already points where it should.
 */
public final class PseudoTerminalLink {

    private static final Pattern PTY = Pattern.compile("/dev/pts/[0-9]+");

    private final Path link;
    private final Path pty;

    private PseudoTerminalLink(Path link, Path pty) {
        this.link = link;
        this.pty = pty;
    }

    /**
     * Refuses a path that holds something other than a stale link of an earlier run; call it before
     * starting anything, so that a mistake costs nothing.
     *
     * @throws IOException one line: the path, what is there, what to do
     */
    public static void requireFree(Path link) throws IOException {
        if (!Files.exists(link, LinkOption.NOFOLLOW_LINKS) || stale(link)) {
            return;
        }
        String what;
        if (Files.isSymbolicLink(link)) {
            String target = Files.readSymbolicLink(link).toString();
            what = PTY.matcher(target).matches() ? "a link to " + target + ", a pseudo-terminal that exists (another"
                    + " emulator's, or someone's terminal)" : "a link to " + target + ", not to a pseudo-terminal";
        } else if (Files.isDirectory(link, LinkOption.NOFOLLOW_LINKS)) {
            what = "a directory";
        } else if (Files.isRegularFile(link, LinkOption.NOFOLLOW_LINKS)) {
            what = "a file";
        } else {
            what = "not a link";
        }
        throw new IOException("will not make the link " + link + ": it exists and is " + what + "; choose another"
                + " path, or remove it if it is yours to remove");
    }

    /** A link left by a run that is gone: to a /dev/pts/N that does not exist any more. */
    private static boolean stale(Path link) throws IOException {
        return Files.isSymbolicLink(link) && PTY.matcher(Files.readSymbolicLink(link).toString()).matches()
                && !Files.exists(link); // exists() follows the link: false when its pseudo-terminal is gone
    }

    /**
     * Makes the link at {@code link} to {@code pty}, replacing only a stale link.
     *
     * @throws IOException as {@link #requireFree}, or when something appeared at the path meanwhile
     */
    public static PseudoTerminalLink create(Path link, String pty) throws IOException {
        Path target = Path.of(pty);
        if (Files.isSymbolicLink(link) && Files.readSymbolicLink(link).equals(target)) {
            // a stale link whose number the kernel gave again to this run's new pseudo-terminal: already right
            return new PseudoTerminalLink(link, target);
        }
        requireFree(link);
        try {
            Files.createSymbolicLink(link, target);
        } catch (FileAlreadyExistsException e) {
            // a stale link (checked above) or something new: only the former is replaced
            Path tmp = link.resolveSibling(link.getFileName() + ".neurorig-" + ProcessHandle.current().pid());
            Files.createSymbolicLink(tmp, target); // fails rather than replace anything at that name
            try {
                requireFree(link);
                Files.move(tmp, link, StandardCopyOption.ATOMIC_MOVE); // rename(2): replaces the stale link
            } finally {
                Files.deleteIfExists(tmp); // a symbolic link this made, when the move did not happen
            }
        }
        return new PseudoTerminalLink(link, target);
    }

    /** The link's path. */
    public Path path() {
        return link;
    }

    /** Removes the link if it still points at this run's pseudo-terminal (nobody replaced it since). */
    public void remove() {
        try {
            if (Files.isSymbolicLink(link) && Files.readSymbolicLink(link).equals(pty)) {
                Files.delete(link);
            }
        } catch (IOException e) {
            // removed or replaced meanwhile: nothing of ours to clean
        }
    }
}
