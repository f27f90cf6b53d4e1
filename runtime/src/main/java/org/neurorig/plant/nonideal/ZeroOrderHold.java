package org.neurorig.plant.nonideal;

import java.util.Arrays;
import org.neurorig.device.DeviceStatus;
import org.neurorig.device.Plant;

/**
 * An actuator updated at a slower rate than the loop: it takes a new command on every
 * {@code period}-th write and holds it in between (a motor driver polled at 25 Hz by a 50 Hz loop).
 * The first write of an episode is always taken.
 */
public final class ZeroOrderHold extends ActuatorMemory {

    private final int period;
    private final double[] held;
    private int phase;

    /** @param period ticks per actuator update, 2 or more */
    public ZeroOrderHold(Plant inner, int period) {
        super(inner);
        if (period < 2) {
            throw new IllegalArgumentException("hold_ticks = " + period + " is out of range: expected 2 or more (1 is no hold)");
        }
        this.period = period;
        this.held = new double[inner.actuatorCount()];
    }

    @Override
    public DeviceStatus write(long nowNanos, double[] commands) {
        if (phase == 0) {
            System.arraycopy(commands, 0, held, 0, held.length);
        }
        phase = phase + 1 == period ? 0 : phase + 1;
        return inner.write(nowNanos, held);
    }

    @Override
    void clear() {
        Arrays.fill(held, 0.0);
        phase = 0;
    }
}
