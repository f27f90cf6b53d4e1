package org.neurorig.bridge;

/** Where a {@link FirmwareLink} is. */
public enum LinkStatus {
    /** Not connected yet. */
    NEW,
    /** Handshake done: states arrive, commands go out. */
    UP,
    /** Lost (the port failed or went silent); the link is reopening the port and greeting the device again. */
    RECONNECTING,
    /** Lost, and the device that answered again is not the one it was (or reconnection is off): given up. */
    FAILED,
    /** Closed by its owner. */
    CLOSED
}
