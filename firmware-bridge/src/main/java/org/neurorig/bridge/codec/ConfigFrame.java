package org.neurorig.bridge.codec;

/**
 * {@code CONFIG} (0x02, host to device): the command watchdog, how often a state is sent, and flags.
 *
 * <pre>
 *   payload 0                 2        3
 *           +--------+--------+--------+--------+
 *           | watchdog_ms     | divider| flags  |
 *           +--------+--------+--------+--------+
 * </pre>
 */
public final class ConfigFrame extends Flyweight {

    public static final int LENGTH = 4;
    private static final int WATCHDOG_MS = 0;
    private static final int DIVIDER = 2;
    private static final int FLAGS = 3;

    public int watchdogMs() {
        return u16(WATCHDOG_MS);
    }

    public int stateDivider() {
        return u8(DIVIDER);
    }

    public int flags() {
        return u8(FLAGS);
    }

    public int set(int watchdogMs, int stateDivider, int flags) {
        i16(WATCHDOG_MS, watchdogMs);
        u8(DIVIDER, stateDivider);
        u8(FLAGS, flags);
        return LENGTH;
    }

    @Override
    public ConfigFrame wrap(byte[] frame) {
        super.wrap(frame);
        return this;
    }
}
