package org.neurorig.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The emulator's stable link replaces nothing but a stale link of its own kind, and removes only its own. */
class PseudoTerminalLinkTest {

    /** A /dev/pts/N that does not exist: what a dead emulator's link points at. */
    private static final Path GONE = Path.of("/dev/pts/999999");

    @Test
    void aLinkIsMadeWhereNothingIsAndRemovedAfter(@TempDir Path dir) throws Exception {
        Path path = dir.resolve("uno");
        try (PseudoTerminal pty = PseudoTerminal.create()) {
            PseudoTerminalLink link = PseudoTerminalLink.create(path, pty.slavePath());
            assertEquals(Path.of(pty.slavePath()), Files.readSymbolicLink(path));
            link.remove();
            assertFalse(Files.exists(path, LinkOption.NOFOLLOW_LINKS));
        }
    }

    @Test
    void aFileIsRefusedAndLeftAsItWas(@TempDir Path dir) throws Exception {
        Path notes = Files.writeString(dir.resolve("notes.txt"), "my notes\n");
        try (PseudoTerminal pty = PseudoTerminal.create()) {
            IOException e = assertThrows(IOException.class, () -> PseudoTerminalLink.create(notes, pty.slavePath()));
            assertEquals("will not make the link " + notes + ": it exists and is a file; choose another path, or remove it"
                    + " if it is yours to remove", e.getMessage());
        }
        assertFalse(Files.isSymbolicLink(notes));
        assertEquals("my notes\n", Files.readString(notes));
        assertEquals(1, Files.list(dir).count(), "nothing made beside it");
    }

    @Test
    void aDirectoryALinkElsewhereAndALiveTerminalAreRefused(@TempDir Path dir) throws Exception {
        Path sub = Files.createDirectory(dir.resolve("sub"));
        Path elsewhere = Files.createSymbolicLink(dir.resolve("hosts"), Path.of("/etc/hosts"));
        try (PseudoTerminal other = PseudoTerminal.create(); PseudoTerminal mine = PseudoTerminal.create()) {
            Path live = Files.createSymbolicLink(dir.resolve("uno"), Path.of(other.slavePath()));
            assertTrue(refusal(sub, mine).endsWith("it exists and is a directory; choose another path, or remove it if it is"
                    + " yours to remove"));
            assertTrue(refusal(elsewhere, mine).contains("it exists and is a link to /etc/hosts, not to a pseudo-terminal"));
            assertTrue(refusal(live, mine).contains("it exists and is a link to " + other.slavePath() + ", a pseudo-terminal"
                    + " that exists (another emulator's, or someone's terminal)"));
            assertEquals(Path.of("/etc/hosts"), Files.readSymbolicLink(elsewhere));
            assertEquals(Path.of(other.slavePath()), Files.readSymbolicLink(live));
            assertTrue(Files.isDirectory(sub));
        }
    }

    private static String refusal(Path path, PseudoTerminal pty) {
        return assertThrows(IOException.class, () -> PseudoTerminalLink.create(path, pty.slavePath())).getMessage();
    }

    @Test
    void aStaleLinkOfADeadRunIsReplaced(@TempDir Path dir) throws Exception {
        Path path = Files.createSymbolicLink(dir.resolve("uno"), GONE);
        PseudoTerminalLink.requireFree(path);
        try (PseudoTerminal pty = PseudoTerminal.create()) {
            PseudoTerminalLink.create(path, pty.slavePath()).remove();
            Files.createSymbolicLink(path, GONE);
            PseudoTerminalLink link = PseudoTerminalLink.create(path, pty.slavePath());
            assertEquals(Path.of(pty.slavePath()), Files.readSymbolicLink(path));
            assertEquals(1, Files.list(dir).count(), "no temporary link left beside it");
            link.remove();
        }
    }

    @Test
    void aStaleLinkThatAlreadyNamesTheNewTerminalIsKept(@TempDir Path dir) throws Exception {
        try (PseudoTerminal pty = PseudoTerminal.create()) {
            Path path = Files.createSymbolicLink(dir.resolve("uno"), Path.of(pty.slavePath()));
            PseudoTerminalLink link = PseudoTerminalLink.create(path, pty.slavePath());
            assertEquals(Path.of(pty.slavePath()), Files.readSymbolicLink(path));
            link.remove();
            assertFalse(Files.exists(path, LinkOption.NOFOLLOW_LINKS));
        }
    }

    @Test
    void removeLeavesALinkSomeoneElseReplaced(@TempDir Path dir) throws Exception {
        Path path = dir.resolve("uno");
        try (PseudoTerminal pty = PseudoTerminal.create(); PseudoTerminal next = PseudoTerminal.create()) {
            PseudoTerminalLink link = PseudoTerminalLink.create(path, pty.slavePath());
            Files.delete(path);
            Files.createSymbolicLink(path, Path.of(next.slavePath())); // a newer emulator's
            link.remove();
            assertEquals(Path.of(next.slavePath()), Files.readSymbolicLink(path));
        }
    }
}
