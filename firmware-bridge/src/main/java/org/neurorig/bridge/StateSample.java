package org.neurorig.bridge;

/**
 * One {@code STATE} as the control tick sees it: copied out of the link with {@link FirmwareLink#latest},
 * owned by the tick's thread, reused from tick to tick.
 */
public final class StateSample {

    /** The device's frame sequence number (a new value means a new sample). */
    public int seq = -1;
    /** The device's clock at its tick, microseconds, wrapping at 2^32. */
    public long timeMicros;
    /** The newest command the device had accepted when it ran the step. */
    public int commandSeq;
    /** {@code Protocol.STATE_*} bits. */
    public int flags;
    public int episode;
    /** The host's System.nanoTime() when the frame was decoded. */
    public long arrivalNanos;
    public final short[] outputs;
    public final int[] sensors;
    /** The emulated plant's true state (valid when flags has STATE_TRUTH). */
    public final float[] truth;

    public StateSample(int sensorCount, int actuatorCount) {
        outputs = new short[actuatorCount];
        sensors = new int[sensorCount];
        truth = new float[sensorCount];
    }

    public boolean has(int flag) {
        return (flags & flag) != 0;
    }
}
