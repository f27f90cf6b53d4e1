package org.neurorig.cli;

import java.util.Locale;

/**
 * Text this program did not write, made safe to print on a terminal: profile names and values, paths
 * from the command line, a device's IDENTITY, another process's command line, the messages that quote
 * them. A terminal acts on control characters instead of showing them (ESC starts sequences that clear
 * the screen, move the cursor, retitle the window or, on some terminals, answer with input), so each is
 * shown by its code: C0 controls and DEL as {@code \x1b}, C1 controls and the bidirectional-text controls
 * (which reorder what is shown: U+202A to U+202E, U+2066 to U+2069) as a backslash, u and four hex digits.
 *
 * <p>The result is for reading, not for parsing back: a backslash already in the text is left as it is.
 * A word meant to be pasted into a shell is quoted by {@link ShellWords#quote} instead.
 */
public final class TerminalText {

    private TerminalText() {
    }

    /** {@code text} as one line: every control character shown by its code, line breaks included. */
    public static String line(String text) {
        return escaped(text, false);
    }

    /** {@code text} of several lines (a message listing problems): line breaks kept, every other control shown by its code. */
    public static String lines(String text) {
        return escaped(text, true);
    }

    private static String escaped(String text, boolean keepNewlines) {
        if (text == null) {
            return "null";
        }
        int i = 0;
        while (i < text.length() && !needsEscape(text.charAt(i), keepNewlines)) {
            i++;
        }
        if (i == text.length()) {
            return text; // the common case: nothing to do, nothing allocated
        }
        StringBuilder sb = new StringBuilder(text.length() + 16).append(text, 0, i);
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!needsEscape(c, keepNewlines)) {
                sb.append(c);
            } else if (c < 0x80) {
                sb.append(String.format(Locale.ROOT, "\\x%02x", (int) c));
            } else {
                sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            }
        }
        return sb.toString();
    }

    /** Whether a terminal would act on {@code c} rather than show it ({@code '\n'} only when not kept). */
    static boolean needsEscape(char c, boolean keepNewlines) {
        if (c == '\n') {
            return !keepNewlines;
        }
        return Character.isISOControl(c) // C0, DEL, C1
                || (c >= 0x202A && c <= 0x202E) // bidirectional embeddings and overrides
                || (c >= 0x2066 && c <= 0x2069); // bidirectional isolates
    }
}
