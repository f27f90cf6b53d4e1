package org.neurorig.loop;

import org.neurorig.device.Device;
import org.neurorig.device.DeviceStatus;

/**
 * Decides, from what each device call returned and how long it took, whether the loop must drive the
 * safe state. Pure bookkeeping on the loop thread: it returns a {@link TripReason} (or null) and the
 * loop acts on it. Allocates nothing.
 */
final class Watchdog {

    private final WatchdogConfig config;
    private final long periodNanos;
    private final int[] staleRun;
    private final int[] stuckRun;
    private final double[][] previous;
    private long ticks;

    Watchdog(WatchdogConfig config, long periodNanos, Device[] devices) {
        this.config = config;
        this.periodNanos = periodNanos;
        this.staleRun = new int[devices.length];
        this.stuckRun = new int[devices.length];
        this.previous = new double[devices.length][];
        for (int d = 0; d < devices.length; d++) {
            previous[d] = new double[devices[d].sensorCount()];
        }
    }

    /** After a read of device {@code d} that took {@code elapsedNanos}; {@code status} null means it threw. */
    TripReason onRead(int d, DeviceStatus status, long elapsedNanos, double[] values) {
        if (status == null) {
            return TripReason.DEVICE_EXCEPTION;
        }
        switch (status) {
            case OK -> staleRun[d] = 0;
            case STALE -> {
                if (++staleRun[d] > config.staleTicks()) {
                    return TripReason.NO_FRESH_DATA;
                }
            }
            case DISCONNECTED -> {
                return TripReason.DISCONNECTED;
            }
            default -> {
                return TripReason.READ_FAULT;
            }
        }
        if (elapsedNanos > config.lateReplyNanos() && ticks >= config.graceTicks()) {
            return TripReason.LATE_REPLY;
        }
        if (config.stuckTicks() > 0 && status == DeviceStatus.OK && values.length > 0) {
            double[] prev = previous[d];
            boolean same = true;
            for (int i = 0; i < values.length; i++) {
                if (Double.doubleToRawLongBits(values[i]) != Double.doubleToRawLongBits(prev[i])) {
                    same = false;
                }
                prev[i] = values[i];
            }
            stuckRun[d] = same ? stuckRun[d] + 1 : 0;
            if (stuckRun[d] > config.stuckTicks()) {
                return TripReason.STUCK_SENSOR;
            }
        }
        return null;
    }

    /** After a write of device {@code d}; {@code status} null means it threw. */
    TripReason onWrite(DeviceStatus status, long elapsedNanos) {
        if (status == null) {
            return TripReason.DEVICE_EXCEPTION;
        }
        if (status == DeviceStatus.DISCONNECTED) {
            return TripReason.DISCONNECTED;
        }
        if (status == DeviceStatus.FAULT || status == DeviceStatus.INACTIVE) {
            return TripReason.WRITE_FAULT;
        }
        return elapsedNanos > config.lateReplyNanos() && ticks >= config.graceTicks() ? TripReason.LATE_REPLY : null;
    }

    /** At the end of a tick that ended {@code latenessNanos} after its deadline. */
    TripReason onTickEnd(long latenessNanos) {
        return ticks++ >= config.graceTicks() && latenessNanos > config.overrunPeriods() * periodNanos
                ? TripReason.OVERRUN : null;
    }

    /** Forgets the runs of stale and stuck samples (after the loop is re-armed). */
    void reset() {
        java.util.Arrays.fill(staleRun, 0);
        java.util.Arrays.fill(stuckRun, 0);
    }
}
