package org.neurorig.plant.nonideal;

import org.neurorig.device.DeviceStatus;
import org.neurorig.device.Plant;

/**
 * A position read by an incremental or absolute encoder, and its velocity estimated the way a rig's
 * driver does it: the position is rounded to whole counts, and the velocity channel becomes the
 * difference of the counted positions over one tick (dt), not the true velocity. The first read of an
 * episode has no previous count, so its velocity estimate is zero.
 *
 * <p>Assumes the loop's contract of one write per tick: the count the next velocity is taken from is
 * the last one read before a write.
 */
public final class EncoderQuantization extends PlantDecorator {

    private final int positionChannel;
    private final int velocityChannel;
    private final double step;
    private double lastCount;
    private double previousTickCount;
    private boolean primed;

    /**
     * @param positionChannel  the sensor channel that holds the position
     * @param velocityChannel  the sensor channel that holds its rate of change
     * @param countsPerRev     encoder counts per revolution (after quadrature decoding), 1 or more
     * @param travelPerRev     position change per revolution (2 pi for an angle in rad; the pulley's
     *                         circumference in m for a belt-driven cart)
     */
    public EncoderQuantization(Plant inner, int positionChannel, int velocityChannel, int countsPerRev, double travelPerRev) {
        super(inner);
        if (countsPerRev < 1) {
            throw new IllegalArgumentException("encoder counts per revolution = " + countsPerRev + " is out of range: expected 1 or more");
        }
        if (!(travelPerRev > 0) || Double.isInfinite(travelPerRev)) {
            throw new IllegalArgumentException("encoder travel per revolution = " + travelPerRev + " is out of range: expected a finite number > 0");
        }
        int n = inner.sensorCount();
        if (positionChannel < 0 || positionChannel >= n || velocityChannel < 0 || velocityChannel >= n
                || positionChannel == velocityChannel) {
            throw new IllegalArgumentException("encoder channels " + positionChannel + " and " + velocityChannel
                    + " must be two different sensor channels of " + inner.name() + " (0 to " + (n - 1) + ")");
        }
        this.positionChannel = positionChannel;
        this.velocityChannel = velocityChannel;
        this.step = travelPerRev / countsPerRev;
    }

    @Override
    public DeviceStatus read(long nowNanos, double[] sensors) {
        DeviceStatus status = inner.read(nowNanos, sensors);
        lastCount = Math.rint(sensors[positionChannel] / step);
        if (!primed) {
            previousTickCount = lastCount;
            primed = true;
        }
        sensors[positionChannel] = lastCount * step;
        sensors[velocityChannel] = (lastCount - previousTickCount) * step / inner.dt();
        return status;
    }

    @Override
    public DeviceStatus write(long nowNanos, double[] commands) {
        previousTickCount = lastCount;
        return inner.write(nowNanos, commands);
    }

    @Override
    public DeviceStatus reset(double[] initialState) {
        primed = false;
        return inner.reset(initialState);
    }
}
