package org.neurorig.profile;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A profile that cannot be used. It lists every problem found, one line each, so a user fixes them
 * all in one pass; nothing is assembled from a profile that has any.
 */
public final class ProfileException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient List<ProfileProblem> problems;

    public ProfileException(List<ProfileProblem> problems) {
        super(problems.stream().map(ProfileProblem::toString).collect(Collectors.joining(System.lineSeparator())));
        this.problems = List.copyOf(problems);
    }

    public ProfileException(ProfileProblem problem) {
        this(List.of(problem));
    }

    public List<ProfileProblem> problems() {
        return problems;
    }
}
