package org.neurorig.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * What a run was asked to do, kept in its folder ({@code run.properties}) so that {@code --resume}
 * assembles the same rig again.
 *
 * @param profile     the profile reference as given: a shipped name, or a file's absolute path
 * @param overrides   the {@code key=value} overrides, in order ({@code --rule} included as {@code learning.rule})
 * @param episodes    episodes asked for
 * @param fast        whether the simulated rig ran as fast as it computes
 * @param resumedFrom the run folder it continued, or null
 * @param command     the command line, for the reader
 */
public record RunRecord(String profile, List<String> overrides, long episodes, boolean fast, Path resumedFrom, String command) {

    /** A record is a few hundred bytes; the limit only keeps another file from being read whole. */
    static final int MAX_BYTES = 64 * 1024;

    public RunRecord {
        overrides = List.copyOf(overrides);
    }

    public void store(Path file) throws IOException {
        Properties p = new Properties();
        p.setProperty("profile", profile);
        for (int i = 0; i < overrides.size(); i++) {
            p.setProperty("set." + i, overrides.get(i));
        }
        p.setProperty("episodes", Long.toString(episodes));
        p.setProperty("fast", Boolean.toString(fast));
        if (resumedFrom != null) {
            p.setProperty("resumed_from", resumedFrom.toString());
        }
        p.setProperty("command", command);
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            p.store(w, "neurorig run: what this run was asked to do (read by --resume)");
        }
    }

    /** Reads a record {@link #store} wrote; a damaged one fails with a line that names the file. */
    public static RunRecord load(Path file) throws IOException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1); // a file that is no record may have no end, or no line break
        }
        if (bytes.length > MAX_BYTES) {
            throw new IOException(file + " is larger than 64 KiB; a run record neurorig writes is a few hundred bytes:"
                    + " it is not one, or it was damaged");
        }
        Properties p = new Properties();
        try (Reader r = new StringReader(new String(bytes, StandardCharsets.UTF_8))) {
            p.load(r);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + " is damaged (" + e.getMessage() + ")", e);
        }
        String profile = p.getProperty("profile");
        if (profile == null || profile.isBlank()) {
            throw new IOException(file + " names no profile: it is not a run record neurorig wrote");
        }
        List<String> overrides = new ArrayList<>();
        for (int i = 0; p.containsKey("set." + i); i++) {
            overrides.add(p.getProperty("set." + i));
        }
        long episodes;
        try {
            episodes = Long.parseLong(p.getProperty("episodes", "0"));
        } catch (NumberFormatException e) {
            throw new IOException(file + ": episodes = " + p.getProperty("episodes") + " is not a number", e);
        }
        String from = p.getProperty("resumed_from");
        return new RunRecord(profile, overrides, episodes, Boolean.parseBoolean(p.getProperty("fast")),
                from == null ? null : Path.of(from), p.getProperty("command", ""));
    }
}
