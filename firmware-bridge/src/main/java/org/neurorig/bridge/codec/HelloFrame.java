package org.neurorig.bridge.codec;

/**
 * {@code HELLO} (0x01, host to device): starts a session.
 *
 * <pre>
 *   payload 0        1
 *           +--------+--------+
 *           | version| 0      |
 *           +--------+--------+
 * </pre>
 */
public final class HelloFrame extends Flyweight {

    public static final int LENGTH = 2;
    private static final int VERSION = 0;
    private static final int RESERVED = 1;

    public int version() {
        return u8(VERSION);
    }

    public int reserved() {
        return u8(RESERVED);
    }

    /** Writes the payload; returns its length for {@link FrameEncoder#encode}. */
    public int set(int version) {
        u8(VERSION, version);
        u8(RESERVED, 0);
        return LENGTH;
    }

    @Override
    public HelloFrame wrap(byte[] frame) {
        super.wrap(frame);
        return this;
    }
}
