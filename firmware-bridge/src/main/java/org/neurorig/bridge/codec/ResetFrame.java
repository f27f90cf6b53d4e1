package org.neurorig.bridge.codec;

/**
 * {@code RESET} (0x04, host to device): start an episode from a state (x, x_dot, theta, theta_dot).
 *
 * <pre>
 *   payload 0                                 4               8              12              16
 *           +--------+--------+--------+--------+-------...-----+------...------+------...------+
 *           | x (f32)                           | x_dot (f32)   | theta (f32)   | theta_dot (f32)
 *           +--------+--------+--------+--------+-------...-----+------...------+------...------+
 * </pre>
 */
public final class ResetFrame extends Flyweight {

    public static final int LENGTH = 16;
    public static final int VALUES = 4;

    public float state(int index) {
        return f32(4 * index);
    }

    public void state(int index, float value) {
        f32(4 * index, value);
    }

    @Override
    public ResetFrame wrap(byte[] frame) {
        super.wrap(frame);
        return this;
    }
}
