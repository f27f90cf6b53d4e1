package org.neurorig.bridge.codec;

/**
 * {@code ACK} (0x84, device to host): the result of a {@code CONFIG} or {@code RESET}.
 *
 * <pre>
 *   payload 0        1                 3
 *           +--------+--------+--------+--------+
 *           | type   | acked seq       | result |
 *           +--------+--------+--------+--------+
 * </pre>
 */
public final class AckFrame extends Flyweight {

    public static final int LENGTH = 4;

    public int ackedType() {
        return u8(0);
    }

    public int ackedSeq() {
        return u16(1);
    }

    public int result() {
        return u8(3);
    }

    public int set(int ackedType, int ackedSeq, int result) {
        u8(0, ackedType);
        i16(1, ackedSeq);
        u8(3, result);
        return LENGTH;
    }

    @Override
    public AckFrame wrap(byte[] frame) {
        super.wrap(frame);
        return this;
    }
}
