package org.neurorig.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a measuring command prints, kept as it is printed, so that its run folder holds the same text as
 * the terminal showed. Progress lines redrawn in place go to the console only, not through this.
 */
final class Transcript {

    private final StringWriter kept = new StringWriter();
    private final PrintWriter out;

    Transcript(PrintWriter console) {
        this.out = new PrintWriter(new Writer() {
            @Override
            public void write(char[] text, int offset, int length) {
                console.write(text, offset, length);
                kept.write(text, offset, length);
            }

            @Override
            public void flush() {
                console.flush();
            }

            @Override
            public void close() {
                console.flush();
            }
        });
    }

    /** Prints to the console and keeps it. */
    PrintWriter out() {
        return out;
    }

    /** Writes everything printed so far to {@code file}. */
    void save(Path file) throws IOException {
        out.flush();
        Files.writeString(file, kept.toString());
    }
}
