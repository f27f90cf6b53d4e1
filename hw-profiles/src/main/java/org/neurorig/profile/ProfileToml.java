package org.neurorig.profile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tomlj.Toml;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;

/**
 * tomlj's parse of a profile's text, shaped around two costs of tomlj 2.2.0; every line it reports is
 * mapped back to the line of the text as written.
 *
 * <p>Of a run of blank and comment-only lines, only the first is given to tomlj. Its error recovery
 * ({@code LineRecoveryStrategy.sync}, which the parser calls before each line-break token of the
 * document) looks ahead over every line break that follows, one {@code LA(i)} at a time, and ANTLR's
 * {@code CommonTokenStream.LT(i)} walks i tokens from the current one each time, skipping comments:
 * i^2/2 steps for one look-ahead, so a run of n blank or comment lines costs about n^3/6 (4,000 blank
 * lines took a minute). Outside a multi-line string those lines carry nothing TOML needs, and the one
 * kept is what the recovery asks of them (whether any was skipped): every value and its line stay as
 * they were, and so do a faulty text's first errors (ProfileTomlTest compares the two on generated
 * texts), and the cost is linear.
 *
 * <p>A syntax error costs tomlj about 0.1 ms (an exception and a recovery), so a large file that is
 * not TOML at all (a CSV, a log) would take minutes to list errors nobody reads. A text of more than
 * {@link #PIECE_LINES} lines is first parsed in pieces, cut only between whole expressions; once
 * {@link #MAX_ERRORS} errors are found the parse stops there. Only a text with fewer is parsed whole,
 * which is what its values and its exact messages come from.
 */
final class ProfileToml {

    static final int MAX_ERRORS = 20;
    private static final int PIECE_LINES = 500;

    /** tomlj's positions in its messages: "line 3, column 5" (a duplicate key names where it was first). */
    private static final Pattern LINE = Pattern.compile("\\bline (\\d+)");

    /** One error tomlj found, at a line of the text as written (0: none) and a column (0: none). */
    record Error(int line, int column, String message) {
    }

    private final Kept kept;
    private final TomlParseResult result;
    private final List<Error> errors;
    private final boolean stoppedEarly;

    private ProfileToml(Kept kept, TomlParseResult result, List<Error> errors, boolean stoppedEarly) {
        this.kept = kept;
        this.result = result;
        this.errors = errors;
        this.stoppedEarly = stoppedEarly;
    }

    static ProfileToml parse(String text) {
        Kept kept = Kept.of(text);
        if (kept.cuts.size() > 2) {
            List<Error> errors = new ArrayList<>();
            for (int p = 0; p + 1 < kept.cuts.size() && errors.size() < MAX_ERRORS; p++) {
                int first = kept.cuts.get(p);
                int last = kept.cuts.get(p + 1);
                TomlParseResult piece = Toml.parse(kept.text.substring(kept.offsets[first], kept.offsets[last]));
                for (TomlParseError e : piece.errors()) {
                    errors.add(kept.error(e, first));
                }
            }
            if (errors.size() >= MAX_ERRORS) {
                return new ProfileToml(kept, null, List.copyOf(errors.subList(0, MAX_ERRORS)), true);
            }
        }
        TomlParseResult whole = Toml.parse(kept.text);
        List<Error> errors = new ArrayList<>();
        for (TomlParseError e : whole.errors()) {
            errors.add(kept.error(e, 0));
        }
        return new ProfileToml(kept, whole, List.copyOf(errors), false);
    }

    /** The parsed tables; only when there are no {@link #errors()}. */
    TomlParseResult result() {
        return result;
    }

    /** Every error when {@link #stoppedEarly()} is false, else the first {@link #MAX_ERRORS}. */
    List<Error> errors() {
        return errors;
    }

    /** Whether the text had so many errors that the parse stopped before its end. */
    boolean stoppedEarly() {
        return stoppedEarly;
    }

    /** The line of the text as written where tomlj's {@code position} is, or 0 when there is none. */
    int line(TomlPosition position) {
        return position == null ? 0 : kept.line(position.line());
    }

    /** The text with one line of each run of blank and comment-only lines, where each kept line was, and where it may be cut. */
    private static final class Kept {
        final String text;
        final int[] lines;   // kept line i + 1 is the text's line lines[i]
        final int[] offsets; // kept line i + 1 starts at offsets[i] in text; offsets[count] is its length
        final int endLine;   // the line the text ends on
        final List<Integer> cuts; // kept-line indices between whole expressions, 0 and count included

        private Kept(String text, int[] lines, int[] offsets, int endLine, List<Integer> cuts) {
            this.text = text;
            this.lines = lines;
            this.offsets = offsets;
            this.endLine = endLine;
            this.cuts = cuts;
        }

        static Kept of(String text) {
            StringBuilder kept = new StringBuilder(text.length());
            int[] lines = new int[16];
            int[] offsets = new int[17];
            List<Integer> cuts = new ArrayList<>(List.of(0));
            int count = 0;
            int line = 0;
            LineScan scan = new LineScan();
            boolean afterTrivia = false;
            for (int start = 0; start < text.length(); ) {
                int end = text.indexOf('\n', start);
                end = end < 0 ? text.length() : end + 1;
                line++;
                boolean trivia = !scan.inString() && isTrivia(text, start, end);
                boolean dropped = trivia && afterTrivia;
                afterTrivia = trivia;
                scan.over(text, start, end);
                if (!dropped) {
                    if (count == lines.length) {
                        lines = Arrays.copyOf(lines, 2 * count);
                        offsets = Arrays.copyOf(offsets, 2 * count + 1);
                    }
                    lines[count] = line;
                    offsets[count] = kept.length();
                    count++;
                    kept.append(text, start, end);
                    if (scan.outside() && count - cuts.getLast() >= PIECE_LINES) {
                        cuts.add(count);
                    }
                }
                start = end;
            }
            offsets[count] = kept.length();
            if (cuts.getLast() != count) {
                cuts.add(count);
            }
            int endLine = text.isEmpty() || text.endsWith("\n") ? line + 1 : line;
            return new Kept(kept.toString(), Arrays.copyOf(lines, count), offsets, endLine, cuts);
        }

        /** tomlj's error in a piece that starts after kept line {@code before}, at the text's own lines. */
        Error error(TomlParseError e, int before) {
            TomlPosition at = e.position();
            Matcher m = LINE.matcher(e.getMessage());
            StringBuilder b = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(b, "line " + line(before + Integer.parseInt(m.group(1))));
            }
            String message = m.appendTail(b).toString().replaceFirst("\\s*\\(line \\d+, column \\d+\\)$", "");
            return new Error(at == null ? 0 : line(before + at.line()), at == null ? 0 : at.column(), message);
        }

        /** The text's line of kept line {@code kept}; past the last kept line is only the text's end. */
        int line(int kept) {
            return kept < 1 ? 0 : kept <= lines.length ? lines[kept - 1] : endLine;
        }
    }

    /**
     * Whether {@code text[start, end)} is blank or a comment TOML accepts, with nothing else: spaces and
     * tabs, then optionally {@code #} and text without control characters, then the line break. A
     * comment TOML refuses (a control character in it) stays, for tomlj to report on its line.
     */
    private static boolean isTrivia(String text, int start, int end) {
        int i = start;
        while (i < end && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        if (i < end && text.charAt(i) == '#') {
            for (i++; i < end; i++) {
                char c = text.charAt(i);
                if (c < 0x20 && c != '\t' || c == 0x7F) {
                    break;
                }
            }
        }
        if (i < end && text.charAt(i) == '\r') {
            i++;
        }
        if (i < end && text.charAt(i) == '\n') {
            i++;
        }
        return i == end;
    }

    /**
     * Where the lines so far leave the text: inside a multi-line string or not (a single-line string ends
     * with its line in TOML, so only the multi-line ones carry over, and their lines are content: a
     * blank line or a '#' there is text), and how many brackets and braces of values are open (an array
     * may span lines; a piece is cut only where none is). As in tomlj's lexer, three quotes open a multi-line
     * string only where a value stands (after '=', or in an array that did): where a key stands they are
     * an empty string and a quote, and taking them as tomlj does keeps the two in step after a mistake.
     */
    private static final class LineScan {
        private String open; // the delimiter of the multi-line string the scan is in, or null
        private int depth;
        private boolean inValue;

        boolean inString() {
            return open != null;
        }

        boolean outside() {
            return open == null && depth == 0;
        }

        void over(String text, int start, int end) {
            inValue &= open != null || depth > 0;
            int i = start;
            while (i < end) {
                char c = text.charAt(i);
                if (open != null) {
                    if (c == '\\' && open.equals("\"\"\"")) {
                        i += 2;
                    } else if (text.startsWith(open, i)) {
                        i += 3;
                        open = null;
                    } else {
                        i++;
                    }
                } else if (c == '#') {
                    return;
                } else if (inValue && (text.startsWith("\"\"\"", i) || text.startsWith("'''", i))) {
                    open = text.substring(i, i + 3);
                    i += 3;
                } else if (c == '"' || c == '\'') {
                    i = endOfString(text, i, end, c);
                } else {
                    if (inValue) { // a table header's brackets close on its line, or tomlj drops it there
                        depth = c == '[' || c == '{' ? depth + 1 : (c == ']' || c == '}') && depth > 0 ? depth - 1 : depth;
                    }
                    inValue |= c == '=';
                    i++;
                }
            }
        }

        /** Past the single-line string opened at {@code open}, or the line's end when it is not closed there. */
        private static int endOfString(String text, int open, int end, char quote) {
            for (int i = open + 1; i < end; i++) {
                char c = text.charAt(i);
                if (c == '\\' && quote == '"') {
                    i++;
                } else if (c == quote || c == '\n') {
                    return i + 1;
                }
            }
            return end;
        }
    }
}
