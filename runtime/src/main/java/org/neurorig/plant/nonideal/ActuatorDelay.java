package org.neurorig.plant.nonideal;

import java.util.Arrays;
import org.neurorig.device.DeviceStatus;
import org.neurorig.device.Plant;

/**
 * A transport delay of whole ticks between the controller and the actuator (a serial link's latency,
 * a motor driver's filter, a slow bus): the plant receives the command written {@code ticks} writes
 * earlier, and zero (rest) until that many have been written. The line is cleared at every episode
 * start, activation, deactivation and safe state, so no stale command is ever replayed.
 */
public final class ActuatorDelay extends ActuatorMemory {

    private final int ticks;
    private final int channels;
    private final double[] line;
    private final double[] delayed;
    private int head;

    /** @param ticks the delay, 1 or more ticks */
    public ActuatorDelay(Plant inner, int ticks) {
        super(inner);
        if (ticks < 1) {
            throw new IllegalArgumentException("delay_ticks = " + ticks + " is out of range: expected 1 or more");
        }
        this.ticks = ticks;
        this.channels = inner.actuatorCount();
        this.line = new double[ticks * channels];
        this.delayed = new double[channels];
    }

    @Override
    public DeviceStatus write(long nowNanos, double[] commands) {
        int slot = head * channels;
        System.arraycopy(line, slot, delayed, 0, channels);
        System.arraycopy(commands, 0, line, slot, channels);
        head = head + 1 == ticks ? 0 : head + 1;
        return inner.write(nowNanos, delayed);
    }

    @Override
    void clear() {
        Arrays.fill(line, 0.0);
        head = 0;
    }
}
