package org.neurorig.plant.nonideal;

import java.util.SplittableRandom;
import org.neurorig.device.DeviceStatus;
import org.neurorig.device.Plant;

/**
 * Additive Gaussian noise on each sensor channel (electrical noise, vibration, an analog sensor's
 * scatter). Seeded, so a run repeats exactly; a channel whose standard deviation is zero is left
 * untouched, bit for bit.
 */
public final class SensorNoise extends PlantDecorator {

    private final double[] std;
    private final SplittableRandom random;

    /**
     * @param std  the standard deviation of each sensor channel, in that channel's unit (length sensorCount)
     * @param seed the noise sequence's seed
     */
    public SensorNoise(Plant inner, double[] std, long seed) {
        super(inner);
        if (std.length != inner.sensorCount()) {
            throw new IllegalArgumentException("sensor noise has " + std.length + " standard deviations for "
                    + inner.sensorCount() + " sensor channels of " + inner.name());
        }
        for (double s : std) {
            if (!(s >= 0) || Double.isInfinite(s)) {
                throw new IllegalArgumentException("sensor noise standard deviation = " + s + " is out of range: expected a finite number >= 0");
            }
        }
        this.std = std.clone();
        this.random = new SplittableRandom(seed);
    }

    @Override
    public DeviceStatus read(long nowNanos, double[] sensors) {
        DeviceStatus status = inner.read(nowNanos, sensors);
        for (int i = 0; i < std.length; i++) {
            if (std[i] > 0) {
                sensors[i] += std[i] * random.nextGaussian();
            }
        }
        return status;
    }
}
