package org.neurorig.rig;

/**
 * A rig could not be assembled or started, for a reason the user can fix: a serial port that does not
 * exist or is busy, a missing emulator or compiler, no Raspberry Pi here, a checkpoint that does not
 * fit. The message is one line that names what was wrong and what to do. Whatever had been opened was
 * closed again and every actuator is in its safe state.
 */
public final class RigException extends Exception {

    private static final long serialVersionUID = 1L;

    public RigException(String message) {
        super(message);
    }

    public RigException(String message, Throwable cause) {
        super(message, cause);
    }
}
