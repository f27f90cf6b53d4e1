package org.neurorig.bridge;

import java.time.Duration;
import org.neurorig.bridge.codec.Protocol;

/**
 * How to reach a device and how to watch over the link.
 *
 * @param port              the serial port's path: {@code /dev/ttyACM0}, a pseudo-terminal, or a symbolic link to one
 * @param baud              line speed (the firmware's BAUD; a pseudo-terminal ignores it)
 * @param handshakeTimeout  how long to greet before giving up; an Uno resets when its port opens and its
 *                          bootloader waits about a second, and QEMU notices a newly opened pseudo-terminal
 *                          only about once a second
 * @param lossTimeoutPeriods the link is lost when no frame has come for this many state periods (in lockstep: no
 *                          answer to a frame sent); in lockstep also how long a read waits for its step's state
 * @param watchdogMs        the firmware's command watchdog: no command for this long and it drives its safe state
 * @param stateDivider      a state every this many firmware ticks
 * @param actuatorDelay     ask an emulated plant for one tick of actuator delay (hardware-like); false: none
 * @param reconnect         reopen and greet again after a loss, until closed
 * @param reconnectInterval pause between attempts to reopen the port
 * @param pollInterval      how long the link's I/O thread parks when no byte is waiting
 * @param lockstep          ask an emulated plant to step once per command instead of at its own tick
 *                          (PROTOCOL.md, "Lockstep"); a firmware without the capability is refused
 */
public record LinkSettings(String port, int baud, Duration handshakeTimeout, double lossTimeoutPeriods,
        int watchdogMs, int stateDivider, boolean actuatorDelay, boolean reconnect, Duration reconnectInterval,
        Duration pollInterval, boolean lockstep) {

    public static final int DEFAULT_BAUD = 115_200;

    public LinkSettings {
        if (port == null || port.isBlank()) {
            throw new IllegalArgumentException("link.port is empty: give the serial port's path, e.g. /dev/ttyACM0");
        }
        if (baud < 50 || baud > 4_000_000) {
            throw new IllegalArgumentException("link.baud = " + baud + " is out of range: expected 50 to 4000000");
        }
        positive("link.handshakeTimeout", handshakeTimeout);
        positive("link.reconnectInterval", reconnectInterval);
        positive("link.pollInterval", pollInterval);
        if (!(lossTimeoutPeriods >= 1) || lossTimeoutPeriods > 100) {
            throw new IllegalArgumentException("link.lossTimeoutPeriods = " + lossTimeoutPeriods
                    + " is out of range: expected 1 to 100 state periods");
        }
        if (watchdogMs < Protocol.WATCHDOG_MS_MIN || watchdogMs > Protocol.WATCHDOG_MS_MAX) {
            throw new IllegalArgumentException("link.watchdogMs = " + watchdogMs + " is out of range: expected "
                    + Protocol.WATCHDOG_MS_MIN + " to " + Protocol.WATCHDOG_MS_MAX);
        }
        if (stateDivider < 1 || stateDivider > 255) {
            throw new IllegalArgumentException("link.stateDivider = " + stateDivider + " is out of range: expected 1 to 255");
        }
        if (lockstep && stateDivider != 1) {
            throw new IllegalArgumentException("link.stateDivider = " + stateDivider + " with lockstep: a lockstep plant"
                    + " answers every step with its state; use 1");
        }
    }

    private static void positive(String name, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " = " + d + " is out of range: expected a positive duration");
        }
    }

    /**
     * Defaults for a port: 115200 baud, 3 s to answer, lost after 5 silent state periods, a 100 ms
     * command watchdog, every tick's state, the emulated actuator delay on, reconnecting every 200 ms,
     * polling every 50 us, in real time (not lockstep). A dead emulator or a pulled cable is noticed at
     * once (the port fails); the silence timeout is for a device that hangs with its port open, and is
     * longer than one missed state because an emulator on a loaded machine stalls for tens of
     * milliseconds now and then.
     */
    public static LinkSettings of(String port) {
        return new LinkSettings(port, DEFAULT_BAUD, Duration.ofSeconds(3), 5, 100, 1, true, true,
                Duration.ofMillis(200), Duration.ofNanos(50_000), false);
    }

    public LinkSettings withBaud(int value) {
        return new LinkSettings(port, value, handshakeTimeout, lossTimeoutPeriods, watchdogMs, stateDivider,
                actuatorDelay, reconnect, reconnectInterval, pollInterval, lockstep);
    }

    public LinkSettings withHandshakeTimeout(Duration value) {
        return new LinkSettings(port, baud, value, lossTimeoutPeriods, watchdogMs, stateDivider, actuatorDelay,
                reconnect, reconnectInterval, pollInterval, lockstep);
    }

    public LinkSettings withWatchdogMs(int value) {
        return new LinkSettings(port, baud, handshakeTimeout, lossTimeoutPeriods, value, stateDivider, actuatorDelay,
                reconnect, reconnectInterval, pollInterval, lockstep);
    }

    public LinkSettings withActuatorDelay(boolean value) {
        return new LinkSettings(port, baud, handshakeTimeout, lossTimeoutPeriods, watchdogMs, stateDivider, value,
                reconnect, reconnectInterval, pollInterval, lockstep);
    }

    public LinkSettings withLockstep(boolean value) {
        return new LinkSettings(port, baud, handshakeTimeout, lossTimeoutPeriods, watchdogMs, stateDivider, actuatorDelay,
                reconnect, reconnectInterval, pollInterval, value);
    }

    public LinkSettings withLossTimeoutPeriods(double value) {
        return new LinkSettings(port, baud, handshakeTimeout, value, watchdogMs, stateDivider, actuatorDelay,
                reconnect, reconnectInterval, pollInterval, lockstep);
    }
}
