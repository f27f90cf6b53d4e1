package org.neurorig.profile;

/**
 * One thing wrong with a profile, as the user sees it: {@code file:line: key: what was expected}.
 *
 * @param origin  where the offending setting was written (or the file, when a key is missing)
 * @param key     the dotted key, e.g. {@code network.n} or {@code sensors[2].scale}; empty for the whole file
 * @param message what is wrong and what was expected
 */
public record ProfileProblem(Origin origin, String key, String message) {

    @Override
    public String toString() {
        return origin + ": " + (key.isEmpty() ? "" : key + ": ") + message;
    }
}
