package org.neurorig.bridge.codec;

/**
 * {@code PING} (0x05, host to device): answered at once with a {@code PONG} carrying the same token.
 *
 * <pre>
 *   payload 0                                 4
 *           +--------+--------+--------+--------+
 *           | token (u32)                       |
 *           +--------+--------+--------+--------+
 * </pre>
 */
public final class PingFrame extends Flyweight {

    public static final int LENGTH = 4;

    public long token() {
        return u32(0);
    }

    public int set(int token) {
        i32(0, token);
        return LENGTH;
    }

    @Override
    public PingFrame wrap(byte[] frame) {
        super.wrap(frame);
        return this;
    }
}
