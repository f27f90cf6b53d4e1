package org.neurorig.rig;

import java.util.List;
import org.neurorig.device.DeviceStatus;
import org.neurorig.device.Plant;
import org.neurorig.plant.nonideal.PlantDecorator;
import org.neurorig.profile.SensorChannel;

/**
 * The profile's per-sensor calibration, {@code value = reading * scale + offset}, applied to what the
 * device reports (the shipped devices report SI units already; an offset trims a zero, a scale a gain).
 * It makes the plant's units, the ones the task, the terminal conditions and the telemetry read; the
 * network's units are {@link org.neurorig.control.ChannelScaling}'s. Only built when some channel is
 * not the identity.
 */
final class CalibratedPlant extends PlantDecorator {

    private final double[] scale;
    private final double[] offset;

    CalibratedPlant(Plant inner, List<SensorChannel> channels) {
        super(inner);
        scale = channels.stream().mapToDouble(SensorChannel::scale).toArray();
        offset = channels.stream().mapToDouble(SensorChannel::offset).toArray();
    }

    static boolean needed(List<SensorChannel> channels) {
        return channels.stream().anyMatch(c -> c.scale() != 1 || c.offset() != 0);
    }

    @Override
    public DeviceStatus read(long nowNanos, double[] sensors) {
        DeviceStatus status = inner.read(nowNanos, sensors);
        for (int i = 0; i < scale.length; i++) {
            sensors[i] = sensors[i] * scale[i] + offset[i];
        }
        return status;
    }
}
