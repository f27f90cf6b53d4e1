package org.neurorig.profile;

/**
 * One sensor as the rig reports it.
 *
 * @param name   the channel's name (terminal conditions and telemetry refer to it)
 * @param unit   the physical unit after calibration, e.g. {@code m} or {@code rad}
 * @param scale  calibration: value = raw * scale + offset (raw in the device's own units, e.g. encoder counts)
 * @param offset calibration offset, in {@code unit}
 * @param min    lower end of the working range, in {@code unit}
 * @param max    upper end of the working range; the network sees the range mapped onto [-1, 1]
 *               ({@link org.neurorig.control.ChannelScaling#ranges})
 */
public record SensorChannel(String name, String unit, double scale, double offset, double min, double max) {
}
