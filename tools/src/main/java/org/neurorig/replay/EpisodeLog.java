package org.neurorig.replay;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.agrona.collections.Long2LongHashMap;
import org.neurorig.os.FileKind;

/**
 * A log of cart-pole episodes in CSV, the format {@code neurorig plant replay} reads and writes:
 * <pre>
 *   episode,step,action,x,x_dot,theta,theta_dot,terminated
 *   0,0,,0.0213,-0.0049,0.0377,0.0105,0       step 0: the initial state; no action
 *   0,1,1,0.0212,0.1896,0.0379,-0.2703,0      step k: the action applied at step k, and the state after it
 * </pre>
 * An episode is a run of consecutive rows with steps 0, 1, 2, ... On rows after step 0 the four state
 * values and {@code terminated} may be left empty (a file of actions only); when given, they are the
 * logged states a replay is compared with. {@code terminated} is 0/1 or false/true. Blank lines are
 * ignored, and so is a UTF-8 byte-order mark. Every malformed row is reported with its line number.
 *
 * <p>A log is read as a stream, one row at a time: a log of ten million rows takes no more memory than
 * one of ten (what is kept grows only with the number of episodes, about 25 bytes each, and a line is
 * read only up to {@value #MAX_LINE_CHARS} characters). Each checked row goes to a {@link Rows} as it
 * is read, until the first malformed one; the rest of the file is then only checked, so that every
 * malformed row is reported (the first 20 in full), and what the rows fed is the caller's to discard.
 */
public final class EpisodeLog {

    /** The header, which is also the column order. */
    public static final String HEADER = "episode,step,action,x,x_dot,theta,theta_dot,terminated";
    private static final String[] COLUMNS = HEADER.split(",");
    private static final String[] UNITS = {"", "", "", "m", "m/s", "rad", "rad/s", ""};
    private static final int MAX_REPORTED = 20;
    private static final char BYTE_ORDER_MARK = '\uFEFF';
    /** Far more than a row of eight numbers in their longest form (about 200 characters). */
    static final int MAX_LINE_CHARS = 1000;
    @SuppressWarnings("StringOperationCanBeSimplified") // compared by identity: no line read is this instance
    private static final String TOO_LONG = new String("too long");

    /**
     * Each state value an episode may start from, in its unit, at most this far from 0 either way: a
     * thousand times anything a cart-pole episode reaches (it ends at 2.4 m and 12 degrees), and far
     * enough from the range of a double that the plant's arithmetic stays finite.
     */
    public static final double INITIAL_STATE_LIMIT = 1000;

    /** Receives a log's checked rows in order, as they are read. */
    public interface Rows {

        /** Step 0 of an episode, on {@code line}: its initial state (x, x_dot, theta, theta_dot). */
        void start(long episode, int line, double[] initialState) throws IOException;

        /**
         * Step {@code step} (1, 2, ...) of the episode last started, on {@code line}.
         *
         * @param loggedState      the four logged values after the step, or null when the log gives none
         * @param loggedTerminated 0, 1, or -1 when not given
         */
        void step(long episode, int line, int step, double action, double[] loggedState, int loggedTerminated)
                throws IOException;
    }

    private EpisodeLog() {
    }

    /**
     * Reads and checks every row of {@code file}, giving each to {@code rows} until the first malformed
     * one; actions must be ones {@code plant} can apply.
     *
     * @return the number of episodes
     * @throws IllegalArgumentException naming every malformed row (file:line: what is wrong), when there is one
     */
    public static long read(Path file, ReplayPlant plant, Rows rows) throws IOException {
        requireRegularFile(file);
        List<String> errors = new ArrayList<>();
        long errorCount = 0;
        Current current = null;
        Long broken = null; // the episode a reported error cut short: its later rows are not reported again
        Long2LongHashMap started = new Long2LongHashMap(-1); // episode -> the line of its step 0
        long episodes = 0;
        int lineNo = 0;
        boolean headerSeen = false;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            BoundedLines in = new BoundedLines(reader);
            for (String raw = in.next(); raw != null; raw = in.next()) {
                lineNo++;
                if (lineNo == 1 && !raw.isEmpty() && raw.charAt(0) == BYTE_ORDER_MARK) {
                    raw = raw.substring(1);
                }
                String line = raw.strip();
                if (line.isEmpty()) {
                    continue;
                }
                int before = errors.size();
                if (raw == TOO_LONG) {
                    if (errors.size() < MAX_REPORTED) {
                        errors.add(lineNo + ": longer than " + MAX_LINE_CHARS + " characters: a row is " + COLUMNS.length
                                + " short fields (" + HEADER + ")");
                    }
                    errorCount++;
                    if (!headerSeen) {
                        headerSeen = true; // seen, and wrong: a file of one endless line is not an empty one
                        break;
                    }
                    broken = current != null ? Long.valueOf(current.label) : broken;
                    current = null;
                    continue;
                }
                if (!headerSeen) {
                    headerSeen = true;
                    if (!line.replace(" ", "").equals(HEADER)) {
                        errors.add(lineNo + ": expected the header " + HEADER + ", found '" + abbreviate(line) + "'");
                        errorCount++;
                        break; // without the header the columns are unknown: nothing further can be checked
                    }
                    continue;
                }
                String[] f = line.split(",", -1);
                if (f.length != COLUMNS.length) {
                    errors.add(lineNo + ": " + f.length + " fields, expected " + COLUMNS.length + " (" + HEADER + ")");
                    broken = current != null ? Long.valueOf(current.label) : broken;
                    current = null;
                } else {
                    for (int i = 0; i < f.length; i++) {
                        f[i] = f[i].strip();
                    }
                    Row row = parseRow(f, lineNo, plant, errors);
                    if (row == null) {
                        // later rows of that episode would only repeat the error, or say it has no step 0
                        broken = labelOr(f[0], current != null ? Long.valueOf(current.label) : broken);
                        current = null;
                    } else if (row.step == 0) {
                        long earlier = started.get(row.episode);
                        if (earlier >= 0) {
                            errors.add(lineNo + ": episode " + row.episode + " starts again (its step 0 is on line " + earlier
                                    + "); give each episode its own number");
                            broken = row.episode;
                            current = null;
                        } else {
                            started.put(row.episode, lineNo);
                            episodes++;
                            current = new Current(row.episode);
                            if (errorCount == 0) {
                                rows.start(row.episode, lineNo, row.state);
                            }
                        }
                    } else if (current == null || current.label != row.episode) {
                        if (broken == null || broken != row.episode) {
                            if (!started.containsKey(row.episode)) {
                                errors.add(lineNo + ": episode " + row.episode + " step " + row.step
                                        + " comes before its step 0 (an episode starts at step 0, with its initial state)");
                            } else {
                                errors.add(lineNo + ": episode " + row.episode + " step " + row.step + " comes after another"
                                        + " episode began; keep each episode's rows together");
                            }
                            broken = row.episode;
                            current = null;
                        }
                    } else if (row.step != current.steps + 1) {
                        errors.add(lineNo + ": episode " + row.episode + " step " + row.step + " follows step " + current.steps
                                + ": expected step " + (current.steps + 1));
                        broken = current.label;
                        current = null;
                    } else if (!current.add(row)) {
                        errors.add(lineNo + ": state values are " + (row.state == null ? "missing" : "given")
                                + " here but " + (row.state == null ? "given" : "missing")
                                + " on the earlier rows of episode " + row.episode + "; give them on every row or on none");
                        broken = current.label;
                        current = null;
                    } else if (errorCount == 0) {
                        rows.step(row.episode, lineNo, row.step, row.action, row.state, row.terminated);
                    }
                }
                errorCount += errors.size() - before;
                while (errors.size() > MAX_REPORTED) {
                    errors.removeLast(); // counted, not kept: a file of errors would otherwise fill the heap
                }
            }
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("--in: " + file + " does not exist");
        } catch (MalformedInputException e) {
            throw new IllegalArgumentException(file + ":" + (lineNo + 1) + ": is not UTF-8 text; expected a CSV log ("
                    + HEADER + ")");
        }
        if (!headerSeen) {
            throw new IllegalArgumentException(file + " is empty: expected the header " + HEADER + " and rows");
        }
        if (errorCount > 0) {
            StringBuilder b = new StringBuilder();
            b.append(file).append(": ").append(errorCount).append(errorCount == 1 ? " malformed row" : " malformed rows")
                    .append("; nothing was replayed");
            for (String error : errors) {
                b.append(System.lineSeparator()).append("  ").append(file).append(':').append(error);
            }
            if (errorCount > errors.size()) {
                b.append(System.lineSeparator()).append("  ... and ").append(errorCount - errors.size()).append(" more");
            }
            throw new IllegalArgumentException(b.toString());
        }
        if (episodes == 0) {
            throw new IllegalArgumentException(file + " has a header but no rows: expected at least one episode");
        }
        return episodes;
    }

    private static Long labelOr(String field, Long otherwise) {
        try {
            return Long.parseLong(field);
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    /**
     * A file's lines without their line breaks, each at most {@link #MAX_LINE_CHARS} long: a longer one
     * is {@link #TOO_LONG}, and its rest is read past without being kept (a file without line breaks
     * would otherwise be read whole into one string). Reads the file's text in blocks of its own, not a
     * character per call.
     */
    private static final class BoundedLines {
        private final Reader in;
        private final char[] block = new char[64 * 1024];
        private int position;
        private int limit;
        private final StringBuilder line = new StringBuilder(128);

        BoundedLines(Reader in) {
            this.in = in;
        }

        /** The next line, or null at the end of the file. */
        String next() throws IOException {
            line.setLength(0);
            boolean tooLong = false;
            boolean any = false;
            while (true) {
                if (position == limit) {
                    limit = in.read(block, 0, block.length);
                    position = 0;
                    if (limit < 0) {
                        limit = 0;
                        return !any ? null : tooLong ? TOO_LONG : withoutReturn();
                    }
                }
                any = true;
                int start = position;
                while (position < limit && block[position] != '\n') {
                    position++;
                }
                int room = MAX_LINE_CHARS - line.length();
                line.append(block, start, Math.min(room, position - start));
                tooLong |= position - start > room;
                if (position < limit) {
                    position++; // the line break
                    return tooLong ? TOO_LONG : withoutReturn();
                }
            }
        }

        private String withoutReturn() {
            int end = line.length();
            return line.substring(0, end > 0 && line.charAt(end - 1) == '\r' ? end - 1 : end);
        }
    }

    /** A FIFO would block the read until something writes to it, and a device may never end. */
    private static void requireRegularFile(Path file) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("--in: " + file + " does not exist");
        }
        if (!attributes.isRegularFile()) {
            throw new IllegalArgumentException("--in: " + file + " is " + FileKind.describe(file, attributes)
                    + ", not a regular file; expected a CSV log (" + HEADER + ")");
        }
    }

    private record Row(long episode, int step, double action, double[] state, byte terminated) {
    }

    /** The row's values, or null after adding its errors (one per field that is wrong). */
    private static Row parseRow(String[] f, int lineNo, ReplayPlant plant, List<String> errors) {
        int before = errors.size();
        long episode = 0;
        int step = 0;
        try {
            episode = Long.parseLong(f[0]);
        } catch (NumberFormatException e) {
            errors.add(lineNo + ": episode '" + abbreviate(f[0]) + "' is not a whole number");
        }
        try {
            step = Integer.parseInt(f[1]);
            if (step < 0) {
                errors.add(lineNo + ": step " + step + " is negative");
            }
        } catch (NumberFormatException e) {
            errors.add(lineNo + ": step '" + abbreviate(f[1]) + "' is not a whole number");
        }
        double action = Double.NaN;
        if (errors.size() == before) {
            if (step == 0) {
                if (!f[2].isEmpty()) {
                    errors.add(lineNo + ": step 0 gives the initial state; its action must be empty (the first action is at step 1)");
                }
            } else if (f[2].isEmpty()) {
                errors.add(lineNo + ": action is empty: every step after 0 needs the action applied at it");
            } else {
                action = number(f[2], "action", lineNo, errors);
                String why = Double.isNaN(action) ? null : plant.refuse(action);
                if (why != null) {
                    errors.add(lineNo + ": " + why);
                }
            }
        }
        double[] state = null;
        int empty = 0;
        for (int i = 3; i < 7; i++) {
            empty += f[i].isEmpty() ? 1 : 0;
        }
        if (empty == 4 && step != 0) {
            state = null;
        } else if (empty > 0) {
            errors.add(lineNo + ": " + (step == 0 ? "step 0 must give the initial state: " : "give all four state values or none: ")
                    + emptyColumns(f) + (empty == 1 ? " is" : " are") + " empty");
        } else {
            state = new double[4];
            for (int i = 0; i < 4; i++) {
                state[i] = number(f[3 + i], COLUMNS[3 + i], lineNo, errors);
                if (step == 0 && Math.abs(state[i]) > INITIAL_STATE_LIMIT) {
                    errors.add(lineNo + ": " + COLUMNS[3 + i] + " " + f[3 + i] + " is outside the states an episode may"
                            + " start from: expected a number in [-" + (int) INITIAL_STATE_LIMIT + ", " + (int) INITIAL_STATE_LIMIT
                            + "] (" + UNITS[3 + i] + ")");
                }
            }
        }
        byte terminated = switch (f[7].toLowerCase(Locale.ROOT)) {
            case "" -> -1;
            case "0", "false" -> 0;
            case "1", "true" -> 1;
            default -> {
                errors.add(lineNo + ": terminated '" + abbreviate(f[7]) + "' is not 0, 1, false or true");
                yield -1;
            }
        };
        return errors.size() == before ? new Row(episode, step, action, state, terminated) : null;
    }

    private static String emptyColumns(String[] f) {
        List<String> names = new ArrayList<>();
        for (int i = 3; i < 7; i++) {
            if (f[i].isEmpty()) {
                names.add(COLUMNS[i]);
            }
        }
        return String.join(", ", names);
    }

    private static double number(String text, String column, int lineNo, List<String> errors) {
        try {
            double v = Double.parseDouble(text);
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(lineNo + ": " + column + " '" + abbreviate(text) + "' is not a finite number");
        return Double.NaN;
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }

    /** The episode being read: its label, its steps so far, and whether they give states. */
    private static final class Current {
        final long label;
        int steps;
        Boolean withStates;

        Current(long label) {
            this.label = label;
        }

        /** Counts a step; false when it gives states and the earlier steps did not, or the other way round. */
        boolean add(Row row) {
            boolean has = row.state != null;
            if (withStates == null) {
                withStates = has;
            } else if (withStates != has) {
                return false;
            }
            steps++;
            return true;
        }
    }
}
