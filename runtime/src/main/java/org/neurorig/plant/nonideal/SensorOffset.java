package org.neurorig.plant.nonideal;

import org.neurorig.device.DeviceStatus;
import org.neurorig.device.Plant;

/**
 * A constant offset on each sensor channel: a sensor whose zero is not the true zero (an encoder or a
 * magnet mounted a little turned, an accelerometer's bias). The plant's true state and its
 * termination rule are unchanged; only what the controller reads is off. A channel whose offset is
 * zero is left untouched, bit for bit.
 */
public final class SensorOffset extends PlantDecorator {

    private final double[] offset;

    /** @param offset the constant added to each sensor channel, in that channel's unit (length sensorCount) */
    public SensorOffset(Plant inner, double[] offset) {
        super(inner);
        if (offset.length != inner.sensorCount()) {
            throw new IllegalArgumentException("sensor offset has " + offset.length + " values for "
                    + inner.sensorCount() + " sensor channels of " + inner.name());
        }
        for (double o : offset) {
            if (!Double.isFinite(o)) {
                throw new IllegalArgumentException("sensor offset = " + o + " is out of range: expected a finite number");
            }
        }
        this.offset = offset.clone();
    }

    @Override
    public DeviceStatus read(long nowNanos, double[] sensors) {
        DeviceStatus status = inner.read(nowNanos, sensors);
        for (int i = 0; i < offset.length; i++) {
            if (offset[i] != 0) {
                sensors[i] += offset[i];
            }
        }
        return status;
    }
}
