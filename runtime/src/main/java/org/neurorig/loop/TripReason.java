package org.neurorig.loop;

/** Why the watchdog drove the safe state. */
public enum TripReason {
    /** A device read returned {@link org.neurorig.device.DeviceStatus#FAULT} (or was refused as inactive). */
    READ_FAULT,
    /** A device reported its link down. */
    DISCONNECTED,
    /** A device returned no fresh sample for more consecutive ticks than allowed: it stopped answering. */
    NO_FRESH_DATA,
    /** A device's sensor values stayed bit-for-bit the same for more ticks than allowed while it reported OK. */
    STUCK_SENSOR,
    /** A device took longer to answer a read or a write than allowed. */
    LATE_REPLY,
    /** A device refused or failed a command (FAULT, INACTIVE). */
    WRITE_FAULT,
    /** The tick ended more periods after its deadline than allowed. */
    OVERRUN,
    /** A device threw instead of returning a status. */
    DEVICE_EXCEPTION,
    /** The controller threw. */
    CONTROLLER_EXCEPTION
}
