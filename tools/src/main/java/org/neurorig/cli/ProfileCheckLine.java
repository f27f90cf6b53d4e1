package org.neurorig.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code neurorig profiles check} command line that finds a profile's problems again: the same
 * profile with the same overrides, each one a {@code --set}, quoted for a shell where it needs it
 * ({@link ShellWords}), so that a user can paste it and see the problems a command refused.
 */
final class ProfileCheckLine {

    private ProfileCheckLine() {
    }

    /** {@code neurorig profiles check REFERENCE [--set KEY=VALUE]...}. */
    static String of(String reference, List<String> overrides) {
        List<String> words = new ArrayList<>(List.of("neurorig", "profiles", "check", ShellWords.quote(reference)));
        for (String override : overrides) {
            words.add("--set");
            words.add(ShellWords.quote(override));
        }
        return String.join(" ", words);
    }
}
