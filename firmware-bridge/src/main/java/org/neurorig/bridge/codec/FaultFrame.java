package org.neurorig.bridge.codec;

/**
 * {@code FAULT} (0x85, device to host): a fault raised or cleared.
 *
 * <pre>
 *   payload 0        1        2                 4
 *           +--------+--------+--------+--------+
 *           | code   | raised | detail (u16)    |
 *           +--------+--------+--------+--------+
 * </pre>
 */
public final class FaultFrame extends Flyweight {

    public static final int LENGTH = 4;

    public int code() {
        return u8(0);
    }

    public boolean raised() {
        return u8(1) != 0;
    }

    public int detail() {
        return u16(2);
    }

    public int set(int code, boolean raised, int detail) {
        u8(0, code);
        u8(1, raised ? 1 : 0);
        i16(2, detail);
        return LENGTH;
    }

    @Override
    public FaultFrame wrap(byte[] frame) {
        super.wrap(frame);
        return this;
    }
}
