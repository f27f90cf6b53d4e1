package org.neurorig.bridge.codec;

/**
 * {@code STATE} (0x82, device to host), sent every {@code state_divider} ticks. The channel counts come
 * from the device's {@code IDENTITY}, so a flyweight is made for them once.
 *
 * <pre>
 *   payload 0                                 4                 6        7        8
 *           +--------+--------+--------+--------+--------+--------+--------+--------+
 *           | time_us (u32, MCU clock, wraps)   | command_seq     | flags  | episode|
 *           +--------+--------+--------+--------+--------+--------+--------+--------+
 *           8: i16 output[n_a], then i32 sensor[n_s], then f32 truth[n_s] (only with flag TRUTH)
 * </pre>
 */
public final class StateFrame extends Flyweight {

    public static final int FIXED_LENGTH = 8;
    private static final int TIME_US = 0;
    private static final int COMMAND_SEQ = 4;
    private static final int FLAGS = 6;
    private static final int EPISODE = 7;
    private static final int OUTPUTS = 8;

    private final int sensors;
    private final int actuators;
    private final int sensorsAt;
    private final int truthAt;

    public StateFrame(int sensors, int actuators) {
        this.sensors = sensors;
        this.actuators = actuators;
        this.sensorsAt = OUTPUTS + 2 * actuators;
        this.truthAt = sensorsAt + 4 * sensors;
    }

    /** The payload length for these channel counts, with or without the true state. */
    public static int length(int sensors, int actuators, boolean truth) {
        return FIXED_LENGTH + 2 * actuators + 4 * sensors + (truth ? 4 * sensors : 0);
    }

    public int sensorCount() {
        return sensors;
    }

    public int actuatorCount() {
        return actuators;
    }

    public long timeMicros() {
        return u32(TIME_US);
    }

    public int commandSeq() {
        return u16(COMMAND_SEQ);
    }

    public int flags() {
        return u8(FLAGS);
    }

    public int episode() {
        return u8(EPISODE);
    }

    public boolean hasTruth() {
        return (flags() & Protocol.STATE_TRUTH) != 0;
    }

    public short output(int index) {
        return i16(OUTPUTS + 2 * index);
    }

    public int sensor(int index) {
        return i32(sensorsAt + 4 * index);
    }

    public float truth(int index) {
        return f32(truthAt + 4 * index);
    }

    /** Writes the fixed part; then {@link #output}, {@link #sensor} and {@link #truth} setters; returns the length. */
    public int set(long timeMicros, int commandSeq, int flags, int episode) {
        i32(TIME_US, (int) timeMicros);
        i16(COMMAND_SEQ, commandSeq);
        u8(FLAGS, flags);
        u8(EPISODE, episode);
        return length(sensors, actuators, (flags & Protocol.STATE_TRUTH) != 0);
    }

    public void output(int index, int value) {
        i16(OUTPUTS + 2 * index, value);
    }

    public void sensor(int index, int value) {
        i32(sensorsAt + 4 * index, value);
    }

    public void truth(int index, float value) {
        f32(truthAt + 4 * index, value);
    }

    @Override
    public StateFrame wrap(byte[] frame) {
        super.wrap(frame);
        return this;
    }
}
