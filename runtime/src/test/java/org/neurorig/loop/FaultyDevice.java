package org.neurorig.loop;

import java.util.ArrayList;
import java.util.List;
import org.agrona.concurrent.CachedNanoClock;
import org.neurorig.device.Device;
import org.neurorig.device.DeviceStatus;

/**
 * A fault-injecting {@link Device} for the loop's tests (after Aeron's LossGenerator and ros2_control's
 * failing test hardware): sensors that follow a ramp, and from a chosen read on, one fault: a status
 * (STALE, FAULT, DISCONNECTED), an exception, a late reply (the injected clock moves on inside the
 * read), or stuck values. It records every command written and every call of {@link #safeState()}.
 * This is a test double of the contract, not of hardware: the firmware plant tests exercise real links.
 */
final class FaultyDevice implements Device {

    enum Fault { NONE, STATUS, THROW, LATE, STUCK, WRITE_STATUS, WRITE_THROW }

    private final String name;
    private final int sensors;
    private final int actuators;
    private final CachedNanoClock clock;
    private Fault fault = Fault.NONE;
    private DeviceStatus faultStatus = DeviceStatus.OK;
    private long faultFromRead = Long.MAX_VALUE;
    private long faultReads = Long.MAX_VALUE;
    private long lateNanos;
    private boolean safeStateThrows;
    private long reads;
    private boolean active;
    final List<double[]> writes = new ArrayList<>();
    int safeStates;
    int deactivations;
    double[] lastValues;

    FaultyDevice(String name, int sensors, int actuators, CachedNanoClock clock) {
        this.name = name;
        this.sensors = sensors;
        this.actuators = actuators;
        this.clock = clock;
        this.lastValues = new double[sensors];
    }

    /** From read number {@code fromRead} (0-based) on, for {@code count} reads, inject {@code f}. */
    FaultyDevice inject(Fault f, long fromRead, long count) {
        fault = f;
        faultFromRead = fromRead;
        faultReads = count;
        return this;
    }

    FaultyDevice status(DeviceStatus s) {
        faultStatus = s;
        return this;
    }

    /** Breaks the contract: {@link #safeState()} throws (after counting the call). */
    FaultyDevice safeStateThrows() {
        safeStateThrows = true;
        return this;
    }

    FaultyDevice late(long nanos) {
        lateNanos = nanos;
        return this;
    }

    private boolean faulty(long read) {
        return read >= faultFromRead && read - faultFromRead < faultReads;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int sensorCount() {
        return sensors;
    }

    @Override
    public int actuatorCount() {
        return actuators;
    }

    @Override
    public void configure() {
    }

    @Override
    public void activate() {
        active = true;
    }

    @Override
    public DeviceStatus read(long nowNanos, double[] values) {
        long n = reads++;
        boolean f = faulty(n);
        if (f && fault == Fault.THROW) {
            throw new IllegalStateException("injected read exception");
        }
        if (f && fault == Fault.LATE) {
            clock.advance(lateNanos);
        }
        if (!(f && fault == Fault.STUCK)) {
            for (int i = 0; i < sensors; i++) {
                values[i] = 0.01 * n + i;
            }
        }
        System.arraycopy(values, 0, lastValues, 0, sensors);
        return f && fault == Fault.STATUS ? faultStatus : DeviceStatus.OK;
    }

    @Override
    public DeviceStatus write(long nowNanos, double[] commands) {
        boolean f = faulty(reads - 1);
        if (f && fault == Fault.WRITE_THROW) {
            throw new IllegalStateException("injected write exception");
        }
        if (!active) {
            return DeviceStatus.INACTIVE;
        }
        writes.add(commands.clone());
        return f && fault == Fault.WRITE_STATUS ? faultStatus : DeviceStatus.OK;
    }

    @Override
    public void safeState() {
        safeStates++;
        if (safeStateThrows) {
            throw new IllegalStateException("injected safe-state exception");
        }
    }

    @Override
    public void deactivate() {
        deactivations++;
        active = false;
    }

    @Override
    public void close() {
        active = false;
    }
}
