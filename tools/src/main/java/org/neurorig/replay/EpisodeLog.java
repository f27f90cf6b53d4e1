package org.neurorig.replay;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
 * ignored. Every malformed row is reported with its line number, and nothing is read from a file with one.
 */
public final class EpisodeLog {

    /** The header, which is also the column order. */
    public static final String HEADER = "episode,step,action,x,x_dot,theta,theta_dot,terminated";
    private static final String[] COLUMNS = HEADER.split(",");
    private static final int MAX_REPORTED = 20;

    /**
     * One episode.
     *
     * @param label          the episode column's value
     * @param line           the line of its step 0
     * @param initialState   x, x_dot, theta, theta_dot at step 0
     * @param actions        the action of steps 1 .. n
     * @param loggedStates   4 values per step 1 .. n, or null when the file gives none
     * @param loggedTerminated per step 1 .. n: 0, 1, or -1 when not given
     */
    public record Episode(long label, int line, double[] initialState, double[] actions, double[] loggedStates,
            byte[] loggedTerminated) {

        public int steps() {
            return actions.length;
        }
    }

    private EpisodeLog() {
    }

    /**
     * Reads and checks every row of {@code file}; actions must be ones {@code plant} can apply.
     *
     * @throws IllegalArgumentException naming every malformed row (file:line: what is wrong), when there is one
     */
    public static List<Episode> read(Path file, ReplayPlant plant) throws IOException {
        List<String> errors = new ArrayList<>();
        List<Episode> episodes = new ArrayList<>();
        Builder current = null;
        Long broken = null; // the episode a reported error cut short: its later rows are not reported again
        Map<Long, Integer> started = new HashMap<>();
        int lineNo = 0;
        boolean headerSeen = false;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String raw = in.readLine(); raw != null; raw = in.readLine()) {
                lineNo++;
                String line = raw.strip();
                if (line.isEmpty()) {
                    continue;
                }
                if (!headerSeen) {
                    headerSeen = true;
                    if (!line.replace(" ", "").equals(HEADER)) {
                        errors.add(lineNo + ": expected the header " + HEADER + ", found '" + abbreviate(line) + "'");
                        break; // without the header the columns are unknown: nothing further can be checked
                    }
                    continue;
                }
                String[] f = line.split(",", -1);
                if (f.length != COLUMNS.length) {
                    errors.add(lineNo + ": " + f.length + " fields, expected " + COLUMNS.length + " (" + HEADER + ")");
                    broken = current != null ? Long.valueOf(current.label) : broken;
                    current = null;
                    continue;
                }
                for (int i = 0; i < f.length; i++) {
                    f[i] = f[i].strip();
                }
                Row row = parseRow(f, lineNo, plant, errors);
                if (row == null) {
                    broken = current != null ? Long.valueOf(current.label) : broken;
                    current = null; // later rows of that episode would only repeat the error
                    continue;
                }
                if (row.step == 0) {
                    Integer earlier = started.putIfAbsent(row.episode, lineNo);
                    if (earlier != null) {
                        errors.add(lineNo + ": episode " + row.episode + " starts again (its step 0 is on line " + earlier
                                + "); give each episode its own number");
                        finish(current, episodes);
                        broken = row.episode;
                        current = null;
                        continue;
                    }
                    finish(current, episodes);
                    current = new Builder(row.episode, lineNo, row.state);
                    continue;
                }
                if (current == null || current.label != row.episode) {
                    if (broken != null && broken == row.episode) {
                        continue;
                    }
                    if (!started.containsKey(row.episode)) {
                        errors.add(lineNo + ": episode " + row.episode + " step " + row.step
                                + " comes before its step 0 (an episode starts at step 0, with its initial state)");
                    } else {
                        errors.add(lineNo + ": episode " + row.episode + " step " + row.step + " comes after another episode"
                                + " began; keep each episode's rows together");
                    }
                    finish(current, episodes);
                    broken = row.episode;
                    current = null;
                    continue;
                }
                if (row.step != current.steps() + 1) {
                    errors.add(lineNo + ": episode " + row.episode + " step " + row.step + " follows step " + current.steps()
                            + ": expected step " + (current.steps() + 1));
                    broken = current.label;
                    current = null;
                    continue;
                }
                if (!current.add(row)) {
                    errors.add(lineNo + ": state values are " + (row.state == null ? "missing" : "given")
                            + " here but " + (row.state == null ? "given" : "missing")
                            + " on the earlier rows of episode " + row.episode + "; give them on every row or on none");
                    broken = current.label;
                    current = null;
                }
            }
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("--in: " + file + " does not exist");
        }
        finish(current, episodes);
        if (!headerSeen) {
            throw new IllegalArgumentException(file + " is empty: expected the header " + HEADER + " and rows");
        }
        if (!errors.isEmpty()) {
            StringBuilder b = new StringBuilder();
            b.append(file).append(": ").append(errors.size()).append(errors.size() == 1 ? " malformed row" : " malformed rows")
                    .append("; nothing was replayed");
            for (int i = 0; i < Math.min(errors.size(), MAX_REPORTED); i++) {
                b.append(System.lineSeparator()).append("  ").append(file).append(':').append(errors.get(i));
            }
            if (errors.size() > MAX_REPORTED) {
                b.append(System.lineSeparator()).append("  ... and ").append(errors.size() - MAX_REPORTED).append(" more");
            }
            throw new IllegalArgumentException(b.toString());
        }
        if (episodes.isEmpty()) {
            throw new IllegalArgumentException(file + " has a header but no rows: expected at least one episode");
        }
        return episodes;
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

    private static void finish(Builder b, List<Episode> episodes) {
        if (b != null) {
            episodes.add(b.build());
        }
    }

    private static final class Builder {
        final long label;
        final int line;
        final double[] initial;
        double[] actions = new double[64];
        double[] states = new double[256];
        byte[] terminated = new byte[64];
        int n;
        Boolean withStates;

        Builder(long label, int line, double[] initial) {
            this.label = label;
            this.line = line;
            this.initial = initial;
        }

        int steps() {
            return n;
        }

        /** Adds a step; false when it gives states and the earlier steps did not, or the other way round. */
        boolean add(Row row) {
            boolean has = row.state != null;
            if (withStates == null) {
                withStates = has;
            } else if (withStates != has) {
                return false;
            }
            if (n == actions.length) {
                actions = Arrays.copyOf(actions, 2 * n);
                states = Arrays.copyOf(states, 8 * n);
                terminated = Arrays.copyOf(terminated, 2 * n);
            }
            actions[n] = row.action;
            if (has) {
                System.arraycopy(row.state, 0, states, 4 * n, 4);
            }
            terminated[n] = row.terminated;
            n++;
            return true;
        }

        Episode build() {
            return new Episode(label, line, initial, Arrays.copyOf(actions, n),
                    Boolean.TRUE.equals(withStates) ? Arrays.copyOf(states, 4 * n) : null,
                    Arrays.copyOf(terminated, n));
        }
    }
}
