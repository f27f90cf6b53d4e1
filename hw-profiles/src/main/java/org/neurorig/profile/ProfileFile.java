package org.neurorig.profile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import org.neurorig.os.FileKind;

/**
 * A profile file's text, read only when it can be a profile: a regular file (a FIFO would block the
 * read until something writes to it, a device such as {@code /dev/zero} never ends) of at most
 * {@link #MAX_BYTES}, checked before reading and again while reading (a file can grow, and files
 * under {@code /proc} give their size as 0), in UTF-8.
 */
final class ProfileFile {

    /** A profile is a few KB (the largest shipped one is under 8 KB); anything near this is not one. */
    static final int MAX_BYTES = 128 * 1024;
    static final String LIMIT = "128 KiB";

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private ProfileFile() {
    }

    /** The text of {@code file}, named {@code source} in messages. */
    static String text(Path file, String source) throws ProfileException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw problem(source, "no such file; give a profile name from 'neurorig profiles list' or the path of a .toml file");
        } catch (IOException e) {
            throw problem(source, "cannot be read (" + e.getMessage() + ")");
        }
        if (!attributes.isRegularFile()) {
            throw problem(source, "is " + FileKind.describe(file, attributes) + ", not a regular file; a profile is a .toml file of at most " + LIMIT);
        }
        if (attributes.size() > MAX_BYTES) {
            throw tooLarge(source, attributes.size());
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (AccessDeniedException e) {
            throw problem(source, "cannot be read: permission denied");
        } catch (IOException e) {
            throw problem(source, "cannot be read (" + e.getMessage() + ")");
        }
        if (bytes.length > MAX_BYTES) {
            throw tooLarge(source, -1);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw problem(source, "is not UTF-8 text; save it as UTF-8");
        }
        // Some Windows editors start UTF-8 with a byte-order mark; it is not part of the profile.
        return !text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK ? text.substring(1) : text;
    }

    private static ProfileException tooLarge(String source, long size) {
        String is = size < 0 ? "is larger than " + LIMIT
                : size < 2 * MAX_BYTES ? "is " + size + " bytes"
                : size < 1 << 20 ? "is " + size / 1024 + " KiB"
                : "is " + String.format(Locale.ROOT, "%.1f MiB", size / (double) (1 << 20));
        return problem(source, is + "; a profile is at most " + LIMIT + " (" + MAX_BYTES
                + " bytes; the shipped ones are a few KB): is it the right file?");
    }

    private static ProfileException problem(String source, String message) {
        return new ProfileException(new ProfileProblem(new Origin(source, 0), "", message));
    }
}
