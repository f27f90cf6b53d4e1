package org.neurorig.profile;

/**
 * Where a setting was written: a profile file and line, or a command-line override.
 *
 * @param source the file as the user named it (or {@code --set})
 * @param line   1-based line, 0 when there is none (a missing key, an override)
 */
public record Origin(String source, int line) {

    static final Origin COMMAND_LINE = new Origin("--set", 0);

    @Override
    public String toString() {
        return line > 0 ? source + ":" + line : source;
    }
}
