package org.neurorig.loop;

import org.agrona.concurrent.NanoClock;
import org.neurorig.device.Device;
import org.neurorig.device.DeviceException;
import org.neurorig.device.DeviceStatus;
import org.neurorig.telemetry.TickRecord;

/**
 * Every device of the loop, read and written in their order: each device's sensors are copied into one
 * concatenated array the controller sees, and the guarded commands are sliced back out per device.
 * Each call's status and duration go to the {@link Watchdog}; a verdict trips the {@link SafetyLatch}
 * naming the device. A device that throws counts as having returned no status.
 *
 * <p>Owned by the loop thread; allocates nothing per tick.
 */
final class DeviceIo {

    private final Device[] devices;
    private final NanoClock clock;
    private final Watchdog watchdog;
    private final SafetyLatch latch;
    private final LoopCounters counters;
    private final double[][] deviceSensors;
    private final double[][] deviceCommands;
    private final int[] sensorOffset;
    private final int[] commandOffset;
    private final double[] sensors;
    private boolean lastReadOk;

    DeviceIo(Device[] devices, NanoClock clock, Watchdog watchdog, SafetyLatch latch, LoopCounters counters) {
        this.devices = devices;
        this.clock = clock;
        this.watchdog = watchdog;
        this.latch = latch;
        this.counters = counters;
        deviceSensors = new double[devices.length][];
        deviceCommands = new double[devices.length][];
        sensorOffset = new int[devices.length];
        commandOffset = new int[devices.length];
        int sensorTotal = 0;
        int commandTotal = 0;
        for (int d = 0; d < devices.length; d++) {
            sensorOffset[d] = sensorTotal;
            commandOffset[d] = commandTotal;
            deviceSensors[d] = new double[devices[d].sensorCount()];
            deviceCommands[d] = new double[devices[d].actuatorCount()];
            sensorTotal += devices[d].sensorCount();
            commandTotal += devices[d].actuatorCount();
        }
        sensors = new double[sensorTotal];
    }

    /** The concatenated sensor values of the last read. */
    double[] sensors() {
        return sensors;
    }

    /** Whether every device returned OK in the last {@link #readAll}. */
    boolean lastReadOk() {
        return lastReadOk;
    }

    /** This device's place in the loop's order, or -1. */
    int indexOf(Device device) {
        for (int d = 0; d < devices.length; d++) {
            if (devices[d] == device) {
                return d;
            }
        }
        return -1;
    }

    /**
     * Reads every device at {@code now} (the first device's call is timed from {@code now} itself) and
     * returns {@link TickRecord#FLAG_READ_NOT_OK} when one did not return OK. Reads every device even
     * when tripped, so that telemetry keeps showing the plant.
     */
    int readAll(long now) {
        int flags = 0;
        lastReadOk = true;
        for (int d = 0; d < devices.length; d++) {
            double[] values = deviceSensors[d];
            long before = d == 0 ? now : clock.nanoTime();
            DeviceStatus status;
            try {
                status = devices[d].read(now, values);
            } catch (RuntimeException e) {
                status = null;
            }
            long after = clock.nanoTime();
            System.arraycopy(values, 0, sensors, sensorOffset[d], values.length);
            if (status != DeviceStatus.OK) {
                lastReadOk = false;
                flags |= TickRecord.FLAG_READ_NOT_OK;
                counters.readNotOk();
            }
            TripReason reason = watchdog.onRead(d, status, after - before, values);
            if (reason != null && !latch.tripped()) {
                latch.trip(reason, d);
            }
        }
        return flags;
    }

    /**
     * Writes {@code commands} (concatenated) to every device in order, and stops at the first that trips
     * the latch: the rest are already in their safe state. Returns {@link TickRecord#FLAG_WRITE_NOT_OK}
     * when one did not return OK.
     */
    int writeAll(long now, double[] commands) {
        int flags = 0;
        for (int d = 0; d < devices.length && !latch.tripped(); d++) {
            double[] slice = deviceCommands[d];
            System.arraycopy(commands, commandOffset[d], slice, 0, slice.length);
            long before = clock.nanoTime();
            DeviceStatus status;
            try {
                status = devices[d].write(now, slice);
            } catch (RuntimeException e) {
                status = null;
            }
            long after = clock.nanoTime();
            if (status != DeviceStatus.OK) {
                flags |= TickRecord.FLAG_WRITE_NOT_OK;
            }
            TripReason reason = watchdog.onWrite(status, after - before);
            if (reason != null) {
                latch.trip(reason, d);
            }
        }
        return flags;
    }

    /**
     * Configures and activates every device, in order, on the calling thread. If one fails, those
     * already active are driven to their safe state and deactivated before the exception propagates.
     */
    void activate() throws DeviceException {
        for (int d = 0; d < devices.length; d++) {
            try {
                devices[d].configure();
                devices[d].activate();
            } catch (DeviceException | RuntimeException e) {
                for (int k = 0; k <= d; k++) {
                    devices[k].safeState();
                    devices[k].deactivate();
                }
                throw e;
            }
        }
    }

    /** Deactivates every device, each whatever the others did. */
    void deactivate() {
        for (Device d : devices) {
            try {
                d.deactivate();
            } catch (RuntimeException e) {
                // keep going: every device must get its turn
            }
        }
    }

    /** Closes every device (after the loop has stopped). */
    void close() {
        for (Device d : devices) {
            d.close();
        }
    }
}
