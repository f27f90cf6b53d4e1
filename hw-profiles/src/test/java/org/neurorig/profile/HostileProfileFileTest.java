package org.neurorig.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files that are not profiles, or are built to be slow, refused or read quickly: a FIFO, a device, a
 * directory, a file past the size limit, and files of blank or comment lines up to that limit (tomlj
 * alone takes minutes on a few thousand of those lines). The time bounds are generous, far above what
 * each takes: they fail only where the cost grows faster than the file.
 */
class HostileProfileFileTest {

    private static final Duration GENEROUS = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private ProfileException refused(String reference) {
        return assertTimeoutPreemptively(GENEROUS,
                () -> assertThrows(ProfileException.class, () -> ProfileLoader.load(reference, List.of())));
    }

    @Test
    void aFifoIsRefusedWithoutWaitingForAWriter() throws Exception {
        Path fifo = dir.resolve("rig.toml");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeTrue(mkfifo.waitFor() == 0, "mkfifo is not available");
        ProfileException e = refused(fifo.toString());
        assertEquals(fifo + ": is a FIFO (named pipe), not a regular file; a profile is a .toml file of at most 128 KiB",
                e.getMessage());
    }

    @Test
    void aDeviceIsRefusedAsAProfileAndAsWhatOneExtends() throws IOException {
        assumeTrue(Files.exists(Path.of("/dev/zero")), "no /dev/zero here");
        assertEquals("/dev/zero: is a character device, not a regular file; a profile is a .toml file of at most 128 KiB",
                refused("/dev/zero").getMessage());
        Path file = Files.writeString(dir.resolve("zero.toml"), "# extends a device\nextends = \"/dev/zero\"\n");
        assertEquals(file + ":2: extends: /dev/zero: is a character device, not a regular file;"
                + " a profile is a .toml file of at most 128 KiB", refused(file.toString()).getMessage());
    }

    @Test
    void aDirectoryIsRefused() throws IOException {
        Path sub = Files.createDirectory(dir.resolve("rigs.toml"));
        assertEquals(sub + ": is a directory, not a regular file; a profile is a .toml file of at most 128 KiB",
                refused(sub.toString()).getMessage());
    }

    @Test
    void aFileOverTheLimitIsRefusedBeforeItIsRead() throws IOException {
        Path big = dir.resolve("big.toml");
        Files.writeString(big, "extends = \"sim-cartpole\"\n" + "#".repeat(ProfileFile.MAX_BYTES));
        assertEquals(big + ": is " + Files.size(big) + " bytes; a profile is at most 128 KiB (131072 bytes;"
                + " the shipped ones are a few KB): is it the right file?", refused(big.toString()).getMessage());
        Files.writeString(big, "#".repeat(400 * 1024));
        assertTrue(refused(big.toString()).getMessage().startsWith(big + ": is 400 KiB; a profile is at most 128 KiB"));
    }

    @Test
    void blankAndCommentLinesUpToTheLimitParseQuickly() throws IOException {
        String tail = "extends = \"sim-cartpole\"\n[rig]\nrate_hz = -1\n";
        String comment = "# " + "a comment line of the kind a long profile has, with a # inside\n";
        int room = ProfileFile.MAX_BYTES - tail.length();
        for (String lines : List.of("\n".repeat(room), comment.repeat(room / comment.length()), "#\n".repeat(room / 2))) {
            Path file = Files.writeString(dir.resolve("long.toml"), lines + tail);
            assertTrue(Files.size(file) <= ProfileFile.MAX_BYTES);
            int rateLine = (int) lines.lines().count() + 3;
            ProfileException e = refused(file.toString());
            assertEquals(file + ":" + rateLine + ": rig.rate_hz: -1 is out of range: expected a number in [1, 20000]",
                    e.getMessage(), "the line is the file's own, with every dropped line counted");
        }
    }

    @Test
    void aFileThatIsNotTomlStopsAfterTwentyErrors() throws IOException {
        Path csv = Files.writeString(dir.resolve("data.toml"), "x,y,z\n".repeat(ProfileFile.MAX_BYTES / 6));
        ProfileException e = refused(csv.toString());
        assertEquals(ProfileToml.MAX_ERRORS + 1, e.problems().size(), e.getMessage());
        assertEquals(new Origin(csv.toString(), 1), e.problems().getFirst().origin());
        assertEquals(new Origin(csv.toString(), 20), e.problems().get(19).origin());
        assertEquals(csv + ": not read further after 20 TOML errors: is it a profile?", e.problems().getLast().toString());
    }

    @Test
    void linesInsideAMultiLineStringAreKeptAndLinesAfterItKeepTheirNumbers() throws ProfileException, IOException {
        String description = "# not a comment\n\n   \n'''\n";
        Path file = Files.writeString(dir.resolve("text.toml"), "extends = \"sim-cartpole\"\n\n# a comment\n[rig]\n"
                + "description = \"\"\"\n" + description + "\"\"\"\n\n# more\nname = 'x#y' # a comment\n\n[network]\nn = 0\n");
        ProfileException e = assertThrows(ProfileException.class, () -> ProfileLoader.load(file.toString(), List.of()));
        List<String> problems = e.problems().stream().map(Object::toString).toList();
        // the string's lines are its content: its first line break is character 16, after "# not a comment"
        assertEquals(List.of(file + ":5: rig.description: the string holds the control character \\u000A at character 16: "
                + "remove it (a terminal would act on it instead of showing it)",
                file + ":16: network.n: 0 is out of range: expected an integer in [1, 8192]"), problems);
        Path oneLine = Files.writeString(dir.resolve("one-line.toml"),
                Files.readString(file).replace(description, "# not a comment '''"));
        RigProfile p = ProfileLoader.load(oneLine.toString(), List.of("network.n=8"));
        assertEquals("# not a comment '''", p.description());
        assertEquals("x#y", p.name());
    }

    @Test
    void aKeyWrittenTwiceNamesBothLinesOfTheFile() throws IOException {
        Path file = Files.writeString(dir.resolve("twice.toml"), "\n# one\n[rig]\n\nrate_hz = 50\n# two\n\nrate_hz = 60\n");
        ProfileException e = refused(file.toString());
        assertEquals(1, e.problems().size(), e.getMessage());
        ProfileProblem p = e.problems().getFirst();
        assertEquals(8, p.origin().line());
        assertTrue(p.message().contains("previously defined at line 5,"), p.message());
    }

    @Test
    void aUtf8ByteOrderMarkIsNotPartOfTheProfile() throws ProfileException, IOException {
        Path file = dir.resolve("bom.toml");
        Files.write(file, "\uFEFFextends = \"sim-cartpole\"\n[rig]\nname = \"mine\"\n".getBytes(StandardCharsets.UTF_8));
        assertEquals("mine", ProfileLoader.load(file.toString(), List.of()).name());
    }
}
