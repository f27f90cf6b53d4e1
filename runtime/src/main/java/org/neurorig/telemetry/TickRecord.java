package org.neurorig.telemetry;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * One tick's telemetry record, a flyweight over a buffer: the loop writes it straight into the ring
 * buffer's claimed space, the writer thread copies it to the log unchanged, and readers wrap the same
 * bytes from the log. Little-endian (the byte order of every platform neurorig runs on), 8-byte aligned.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +---------------------------------------------------------------+
 * |                       sequence (int64)                        |  0  one per tick; a gap is a dropped record
 * |                                                               |
 * +---------------------------------------------------------------+
 * |                         tick (int64)                          |  8
 * |                                                               |
 * +---------------------------------------------------------------+
 * |                 deadline (int64, clock ns)                    | 16
 * |                                                               |
 * +-------------------------------+-------------------------------+
 * |   wake (int32, ns after deadline)  |  read end (int32, ns)    | 24  phase ends, ns after the deadline
 * +-------------------------------+-------------------------------+
 * |   update end (int32, ns)      |   write end (int32, ns)       | 32
 * +-------------------------------+-------------------------------+
 * |   episode (int32)             |   episode tick (int32)        | 40
 * +-------------------------------+-------------------------------+
 * |                       reward (float64)                        | 48
 * |                                                               |
 * +---------------------------------------------------------------+
 * |                   episode return (float64)                    | 56
 * |                                                               |
 * +-------------------------------+---------------+---------------+
 * |   flags (int32)               | trip reason   | trip device   | 64  reason: ordinal + 1 (0 none); device: -1 none
 * +---------------+---------------+---------------+---------------+
 * | sensors int16 | commands int16| probes int16  | activity int16| 72  counts of the arrays below
 * +---------------+---------------+---------------+---------------+
 * |  sensors (float64 x S)                                       ... 80
 * |  requested commands, as the controller wrote them (float64 x C) ...
 * |  written commands, after the limits (float64 x C)           ...
 * |  probes: the controller's learning state (float64 x P)      ...
 * |  activity snapshot: decimated unit activities (float32 x A) ...  A is 0 on ticks without a snapshot
 * +---------------------------------------------------------------+
 * </pre>
 * Phase offsets saturate at +-2.1 s (int32 ns). Episode and episode tick are those of the state the
 * sensors show and the commands were computed for; on a record flagged {@link #FLAG_EPISODE_END} that is
 * the new episode's first state, while reward and episode return are the final ones of the episode that
 * ended at this tick.
 */
public final class TickRecord {

    public static final int SEQUENCE_OFFSET = 0;
    public static final int TICK_OFFSET = 8;
    public static final int DEADLINE_OFFSET = 16;
    public static final int WAKE_OFFSET = 24;
    public static final int READ_END_OFFSET = 28;
    public static final int UPDATE_END_OFFSET = 32;
    public static final int WRITE_END_OFFSET = 36;
    public static final int EPISODE_OFFSET = 40;
    public static final int EPISODE_TICK_OFFSET = 44;
    public static final int REWARD_OFFSET = 48;
    public static final int RETURN_OFFSET = 56;
    public static final int FLAGS_OFFSET = 64;
    public static final int TRIP_REASON_OFFSET = 68;
    public static final int TRIP_DEVICE_OFFSET = 70;
    public static final int SENSOR_COUNT_OFFSET = 72;
    public static final int COMMAND_COUNT_OFFSET = 74;
    public static final int PROBE_COUNT_OFFSET = 76;
    public static final int ACTIVITY_COUNT_OFFSET = 78;
    public static final int HEADER_LENGTH = 80;

    /** Flags: bits of {@link #flags()}. */
    public static final int FLAG_NON_FINITE = 1;
    public static final int FLAG_CLAMPED = 2;
    public static final int FLAG_SLEW_LIMITED = 4;
    public static final int FLAG_READ_NOT_OK = 8;
    public static final int FLAG_WRITE_NOT_OK = 16;
    public static final int FLAG_OVERRUN = 32;
    public static final int FLAG_EPISODE_END = 64;
    public static final int FLAG_TERMINAL = 128;
    public static final int FLAG_TRUNCATED = 256;
    public static final int FLAG_SAFE_STATE = 512;
    public static final int FLAG_TRIPPED_NOW = 1024;

    private DirectBuffer in;
    private MutableDirectBuffer out;
    private int base;

    /** The length in bytes of a record with these array sizes. */
    public static int length(int sensors, int commands, int probes, int activity) {
        return HEADER_LENGTH + 8 * (sensors + 2 * commands + probes) + 4 * activity;
    }

    /** Points this flyweight at a record to write at {@code offset}. */
    public TickRecord wrapForWrite(MutableDirectBuffer buffer, int offset) {
        this.out = buffer;
        this.in = buffer;
        this.base = offset;
        return this;
    }

    /** Points this flyweight at a record to read at {@code offset}. */
    public TickRecord wrap(DirectBuffer buffer, int offset) {
        this.out = null;
        this.in = buffer;
        this.base = offset;
        return this;
    }

    // ---- header

    public long sequence() {
        return in.getLong(base + SEQUENCE_OFFSET);
    }

    public long tick() {
        return in.getLong(base + TICK_OFFSET);
    }

    public long deadlineNanos() {
        return in.getLong(base + DEADLINE_OFFSET);
    }

    /** Wake-up latency: ns from the deadline to the start of the tick. */
    public int wakeNanos() {
        return in.getInt(base + WAKE_OFFSET);
    }

    public int readEndNanos() {
        return in.getInt(base + READ_END_OFFSET);
    }

    public int updateEndNanos() {
        return in.getInt(base + UPDATE_END_OFFSET);
    }

    public int writeEndNanos() {
        return in.getInt(base + WRITE_END_OFFSET);
    }

    public int episode() {
        return in.getInt(base + EPISODE_OFFSET);
    }

    public int episodeTick() {
        return in.getInt(base + EPISODE_TICK_OFFSET);
    }

    public double reward() {
        return in.getDouble(base + REWARD_OFFSET);
    }

    public double episodeReturn() {
        return in.getDouble(base + RETURN_OFFSET);
    }

    public int flags() {
        return in.getInt(base + FLAGS_OFFSET);
    }

    /** The {@code TripReason} ordinal of the current trip, or -1 when not tripped. */
    public int tripReason() {
        return in.getShort(base + TRIP_REASON_OFFSET) - 1;
    }

    /** The device index of the current trip, or -1. */
    public int tripDevice() {
        return in.getShort(base + TRIP_DEVICE_OFFSET);
    }

    public int sensorCount() {
        return in.getShort(base + SENSOR_COUNT_OFFSET);
    }

    public int commandCount() {
        return in.getShort(base + COMMAND_COUNT_OFFSET);
    }

    public int probeCount() {
        return in.getShort(base + PROBE_COUNT_OFFSET);
    }

    public int activityCount() {
        return in.getShort(base + ACTIVITY_COUNT_OFFSET);
    }

    /** This record's length in bytes. */
    public int length() {
        return length(sensorCount(), commandCount(), probeCount(), activityCount());
    }

    public double sensor(int i) {
        return in.getDouble(base + HEADER_LENGTH + 8 * i);
    }

    public double requested(int i) {
        return in.getDouble(base + HEADER_LENGTH + 8 * (sensorCount() + i));
    }

    public double written(int i) {
        return in.getDouble(base + HEADER_LENGTH + 8 * (sensorCount() + commandCount() + i));
    }

    public double probe(int i) {
        return in.getDouble(base + HEADER_LENGTH + 8 * (sensorCount() + 2 * commandCount() + i));
    }

    public float activity(int i) {
        return in.getFloat(base + HEADER_LENGTH + 8 * (sensorCount() + 2 * commandCount() + probeCount()) + 4 * i);
    }

    // ---- writing (the loop)

    /** Writes the header fields but the sequence (the publisher's); times are on the loop's clock, phase ends as absolute times. */
    public TickRecord header(long tick, long deadline, long wake, long readEnd, long updateEnd,
            long writeEnd, long episode, int episodeTick, double reward, double episodeReturn) {
        out.putLong(base + TICK_OFFSET, tick);
        out.putLong(base + DEADLINE_OFFSET, deadline);
        out.putInt(base + WAKE_OFFSET, offset(wake, deadline));
        out.putInt(base + READ_END_OFFSET, offset(readEnd, deadline));
        out.putInt(base + UPDATE_END_OFFSET, offset(updateEnd, deadline));
        out.putInt(base + WRITE_END_OFFSET, offset(writeEnd, deadline));
        out.putInt(base + EPISODE_OFFSET, (int) episode);
        out.putInt(base + EPISODE_TICK_OFFSET, episodeTick);
        out.putDouble(base + REWARD_OFFSET, reward);
        out.putDouble(base + RETURN_OFFSET, episodeReturn);
        return this;
    }

    /** Writes the flags and the trip (reason ordinal or -1, device or -1). */
    public TickRecord status(int flags, int tripReason, int tripDevice) {
        out.putInt(base + FLAGS_OFFSET, flags);
        out.putShort(base + TRIP_REASON_OFFSET, (short) (tripReason + 1));
        out.putShort(base + TRIP_DEVICE_OFFSET, (short) tripDevice);
        return this;
    }

    /** Writes the array counts; call before the arrays. */
    public TickRecord counts(int sensors, int commands, int probes, int activity) {
        out.putShort(base + SENSOR_COUNT_OFFSET, (short) sensors);
        out.putShort(base + COMMAND_COUNT_OFFSET, (short) commands);
        out.putShort(base + PROBE_COUNT_OFFSET, (short) probes);
        out.putShort(base + ACTIVITY_COUNT_OFFSET, (short) activity);
        return this;
    }

    public TickRecord sensors(double[] values) {
        putDoubles(HEADER_LENGTH, values, sensorCount());
        return this;
    }

    public TickRecord requested(double[] values) {
        putDoubles(HEADER_LENGTH + 8 * sensorCount(), values, commandCount());
        return this;
    }

    public TickRecord written(double[] values) {
        putDoubles(HEADER_LENGTH + 8 * (sensorCount() + commandCount()), values, commandCount());
        return this;
    }

    public TickRecord probes(double[] values) {
        putDoubles(HEADER_LENGTH + 8 * (sensorCount() + 2 * commandCount()), values, probeCount());
        return this;
    }

    /** Writes {@code activityCount()} units of {@code activity}, evenly spaced over the array. */
    public TickRecord activitySnapshot(float[] activity) {
        int count = activityCount();
        int at = base + HEADER_LENGTH + 8 * (sensorCount() + 2 * commandCount() + probeCount());
        int n = activity.length;
        for (int i = 0; i < count; i++) {
            out.putFloat(at + 4 * i, activity[(int) ((long) i * n / count)]);
        }
        return this;
    }

    private void putDoubles(int offset, double[] values, int count) {
        int at = base + offset;
        for (int i = 0; i < count; i++) {
            out.putDouble(at + 8 * i, values[i]);
        }
    }

    private static int offset(long time, long deadline) {
        long d = time - deadline;
        return d > Integer.MAX_VALUE ? Integer.MAX_VALUE : (d < Integer.MIN_VALUE ? Integer.MIN_VALUE : (int) d);
    }
}
