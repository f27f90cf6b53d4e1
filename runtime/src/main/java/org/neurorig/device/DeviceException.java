package org.neurorig.device;

/**
 * A device could not be configured. The message is for the user: it names the device, what went wrong
 * and what to do about it, in one line.
 */
public class DeviceException extends Exception {

    private static final long serialVersionUID = 1L;

    public DeviceException(String message) {
        super(message);
    }

    public DeviceException(String message, Throwable cause) {
        super(message, cause);
    }
}
