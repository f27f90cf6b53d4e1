package org.neurorig.cli;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Words of a command line that a user pastes into a shell ({@code continue: neurorig run --resume DIR},
 * {@code neurorig profiles check FILE --set KEY=VALUE}): each one quoted so the shell reads it back as
 * exactly that one word, whatever the path or value holds.
 */
public final class ShellWords {

    /** Characters no POSIX shell treats specially, in any position of an argument. */
    private static final Pattern BARE = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");

    private ShellWords() {
    }

    /**
     * {@code word} as one shell word: as it is when it holds only {@code [A-Za-z0-9_./:=@%+,-]}; else in
     * single quotes, each {@code '} written {@code '\''}; the empty word as {@code ''}. A word holding a
     * control character (which would otherwise reach the terminal raw inside the quotes) is written
     * {@code $'...'} with that character as {@code \xNN}: bash, zsh, ksh, busybox sh and POSIX.1-2024 shells
     * read it back exactly.
     */
    public static String quote(String word) {
        if (BARE.matcher(word).matches()) {
            return word;
        }
        boolean control = false;
        for (int i = 0; i < word.length() && !control; i++) {
            control = TerminalText.needsEscape(word.charAt(i), false);
        }
        if (!control) {
            return "'" + word.replace("'", "'\\''") + "'";
        }
        StringBuilder sb = new StringBuilder("$'");
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c == '\\' || c == '\'') {
                sb.append('\\').append(c);
            } else if (TerminalText.needsEscape(c, false)) {
                appendEscaped(sb, c);
            } else {
                sb.append(c);
            }
        }
        return sb.append('\'').toString();
    }

    /** A control character in $'...': its UTF-8 bytes as \xNN, which every shell with $'...' reads. */
    private static void appendEscaped(StringBuilder sb, char c) {
        for (byte b : String.valueOf(c).getBytes(StandardCharsets.UTF_8)) {
            sb.append(String.format(Locale.ROOT, "\\x%02x", b & 0xFF));
        }
    }
}
