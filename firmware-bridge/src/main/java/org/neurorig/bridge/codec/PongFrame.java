package org.neurorig.bridge.codec;

/**
 * {@code PONG} (0x83, device to host): the answer to {@code PING}, with the device's clock and receive counters.
 *
 * <pre>
 *   payload 0                                 4                                 8                 10               12
 *           +--------+--------+--------+--------+--------+--------+--------+--------+--------+--------+--------+--------+
 *           | token (u32)                       | time_us (u32)                     | rx_rejected     | rx_lost         |
 *           +--------+--------+--------+--------+--------+--------+--------+--------+--------+--------+--------+--------+
 * </pre>
 */
public final class PongFrame extends Flyweight {

    public static final int LENGTH = 12;

    public long token() {
        return u32(0);
    }

    public long timeMicros() {
        return u32(4);
    }

    public int rxRejected() {
        return u16(8);
    }

    public int rxLost() {
        return u16(10);
    }

    public int set(int token, long timeMicros, int rxRejected, int rxLost) {
        i32(0, token);
        i32(4, (int) timeMicros);
        i16(8, rxRejected);
        i16(10, rxLost);
        return LENGTH;
    }

    @Override
    public PongFrame wrap(byte[] frame) {
        super.wrap(frame);
        return this;
    }
}
