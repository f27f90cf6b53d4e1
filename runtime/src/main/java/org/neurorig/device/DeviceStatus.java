package org.neurorig.device;

/**
 * What a {@link Device#read} or {@link Device#write} call achieved. Expected faults are reported with
 * these values, never thrown: the control tick counts them and the watchdog decides what follows.
 */
public enum DeviceStatus {
    /** Done: fresh sensor values were copied, or the command was accepted. */
    OK,
    /** No new sample since the last read; the values copied are the previous ones. */
    STALE,
    /** A command arrived before {@link Device#activate()} or after {@link Device#deactivate()}; it was not applied. */
    INACTIVE,
    /** The device answered with a fault (a sensor error, a bad frame, a fault code from firmware). */
    FAULT,
    /** The link to the device is down; the device is assumed to be in its own safe state. */
    DISCONNECTED;

    /** Whether the call did what was asked with fresh data. */
    public boolean ok() {
        return this == OK;
    }
}
