package org.neurorig.learning;

import java.io.IOException;

/**
 * A checkpoint could not be loaded (or saved). The message names the file, what was wrong and what to
 * do, in one line; when loading fails, nothing was loaded.
 */
public final class CheckpointException extends IOException {

    private static final long serialVersionUID = 1L;

    public CheckpointException(String message) {
        super(message);
    }

    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
