package org.neurorig.plant.nonideal;

import org.neurorig.device.DeviceStatus;
import org.neurorig.device.Plant;

/**
 * A memoryless actuator effect: each command value is mapped on its own before it reaches the plant.
 * The caller's array is left as it was (the loop logs what it asked for, not what the motor did).
 */
abstract class CommandShaper extends PlantDecorator {

    private final double[] shaped;

    CommandShaper(Plant inner) {
        super(inner);
        this.shaped = new double[inner.actuatorCount()];
    }

    /** What the actuator makes of {@code command}. */
    abstract double shape(double command);

    @Override
    public final DeviceStatus write(long nowNanos, double[] commands) {
        for (int i = 0; i < shaped.length; i++) {
            shaped[i] = shape(commands[i]);
        }
        return inner.write(nowNanos, shaped);
    }

    static double checkedFullScale(double fullScale) {
        if (!(fullScale > 0) || Double.isInfinite(fullScale)) {
            throw new IllegalArgumentException("full-scale command = " + fullScale + " is out of range: expected a finite number > 0");
        }
        return fullScale;
    }

    static double checkedFraction(String name, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(name + " = " + value + " is out of range: expected a fraction of full scale from 0 to below 1");
        }
        return value;
    }
}
