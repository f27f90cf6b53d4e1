package org.neurorig.os;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * What a file that is not a regular file is, for a message that refuses it as input: reading a FIFO
 * waits for a writer, a device such as {@code /dev/zero} never ends, a directory has no bytes.
 */
public final class FileKind {

    private FileKind() {
    }

    /** "a directory", "a FIFO (named pipe)", "a character device", ... in the words of {@code ls -l}'s first column. */
    public static String describe(Path file, BasicFileAttributes attributes) {
        if (attributes.isDirectory()) {
            return "a directory";
        }
        if (attributes.isRegularFile()) {
            return "a regular file";
        }
        try {
            int type = (Integer) Files.getAttribute(file, "unix:mode") & 0170000;
            return switch (type) {
                case 0010000 -> "a FIFO (named pipe)";
                case 0020000 -> "a character device";
                case 0060000 -> "a block device";
                case 0140000 -> "a socket";
                default -> "a special file";
            };
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "a special file"; // a file system without unix attributes: refusing it needs no more
        }
    }
}
