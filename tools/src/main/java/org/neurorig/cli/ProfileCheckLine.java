package org.neurorig.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code neurorig profiles check} command line that finds a profile's problems again: the same
 * profile with the same overrides, each one a {@code --set}, quoted for a POSIX shell where it needs it,
 * so that a user can paste it and see the problems a command refused.
 */
final class ProfileCheckLine {

    /** Words a shell takes as they are. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=,+@%-]+");

    private ProfileCheckLine() {
    }

    /** {@code neurorig profiles check REFERENCE [--set KEY=VALUE]...}. */
    static String of(String reference, List<String> overrides) {
        List<String> words = new ArrayList<>(List.of("neurorig", "profiles", "check", quoted(reference)));
        for (String override : overrides) {
            words.add("--set");
            words.add(quoted(override));
        }
        return String.join(" ", words);
    }

    private static String quoted(String word) {
        return PLAIN.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'";
    }
}
