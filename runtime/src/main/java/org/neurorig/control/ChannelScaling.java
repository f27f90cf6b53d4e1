package org.neurorig.control;

import java.util.Arrays;

/**
 * The one mapping between the plant's units and the network's: each sensor value to a network input,
 * each readout value to a command. Either per-channel gains ({@link #gains}), or working ranges
 * ({@link #ranges}): a sensor's range [min, max] onto [-1, 1], clamped so that a glitching sensor cannot
 * drive the network into saturation, and a readout in [-1, 1] onto its actuator's range (beyond it the
 * loop's limits clamp). Immutable; nothing here allocates.
 */
public final class ChannelScaling {

    /** Working ranges (sensorMin, sensorWidth, commandCentre), or gains (sensorGain). */
    private final boolean ranged;
    private final double[] sensorGain;
    private final double[] sensorMin;
    /** max - min of each sensor's working range. */
    private final double[] sensorWidth;
    private final double[] commandCentre;
    /** Per command: its gain, or half its actuator's range. */
    private final double[] commandGain;

    private ChannelScaling(boolean ranged, double[] sensorGain, double[] sensorMin, double[] sensorWidth,
            double[] commandCentre, double[] commandGain) {
        this.ranged = ranged;
        this.sensorGain = sensorGain;
        this.sensorMin = sensorMin;
        this.sensorWidth = sensorWidth;
        this.commandCentre = commandCentre;
        this.commandGain = commandGain;
    }

    /**
     * Gains: {@code input = sensor * sensorGain}, {@code command = readout * commandGain}.
     *
     * @param sensorGain  per sensor, e.g. one over its typical magnitude, so that each input is about unit range
     * @param commandGain per command
     */
    public static ChannelScaling gains(double[] sensorGain, double[] commandGain) {
        return new ChannelScaling(false, sensorGain.clone(), null, null, null, commandGain.clone());
    }

    /** Unit gains: sensors go in as they are, the readout comes out as it is. */
    public static ChannelScaling unit(int sensors, int commands) {
        double[] in = new double[sensors];
        double[] out = new double[commands];
        Arrays.fill(in, 1.0);
        Arrays.fill(out, 1.0);
        return new ChannelScaling(false, in, null, null, null, out);
    }

    /**
     * Working ranges: {@code input = clamp(2 (sensor - min) / (max - min) - 1, -1, 1)} and
     * {@code command = (max + min) / 2 + (max - min) / 2 * readout}.
     *
     * @param sensorMin   per sensor, the lower end of its working range
     * @param sensorMax   per sensor, the upper end; greater than the lower
     * @param commandMin  per actuator, the smallest command
     * @param commandMax  per actuator, the largest command
     */
    public static ChannelScaling ranges(double[] sensorMin, double[] sensorMax, double[] commandMin, double[] commandMax) {
        if (sensorMin.length != sensorMax.length || commandMin.length != commandMax.length) {
            throw new IllegalArgumentException(sensorMin.length + " sensor minima for " + sensorMax.length + " maxima, "
                    + commandMin.length + " command minima for " + commandMax.length + " maxima");
        }
        double[] width = new double[sensorMin.length];
        for (int i = 0; i < width.length; i++) {
            width[i] = sensorMax[i] - sensorMin[i];
        }
        double[] centre = new double[commandMin.length];
        double[] halfRange = new double[commandMin.length];
        for (int j = 0; j < centre.length; j++) {
            centre[j] = (commandMax[j] + commandMin[j]) / 2;
            halfRange[j] = (commandMax[j] - commandMin[j]) / 2;
        }
        return new ChannelScaling(true, null, sensorMin.clone(), width, centre, halfRange);
    }

    /** How many sensor values {@link #toInputs} reads. */
    public int sensors() {
        return ranged ? sensorMin.length : sensorGain.length;
    }

    /** How many commands {@link #toCommands} writes. */
    public int commands() {
        return commandGain.length;
    }

    /** {@code inputs[0 .. sensors())} from {@code sensors}, in network units. */
    public void toInputs(double[] sensors, float[] inputs) {
        if (ranged) {
            for (int i = 0; i < sensorMin.length; i++) {
                double v = 2 * (sensors[i] - sensorMin[i]) / sensorWidth[i] - 1;
                inputs[i] = (float) (v > 1 ? 1 : (v < -1 ? -1 : v));
            }
        } else {
            for (int i = 0; i < sensorGain.length; i++) {
                inputs[i] = (float) (sensors[i] * sensorGain[i]);
            }
        }
    }

    /** {@code commands[0 .. commands())} from the network's {@code readout}, in the actuators' units. */
    public void toCommands(float[] readout, double[] commands) {
        if (ranged) {
            for (int j = 0; j < commandGain.length; j++) {
                commands[j] = commandCentre[j] + commandGain[j] * readout[j];
            }
        } else {
            for (int j = 0; j < commandGain.length; j++) {
                commands[j] = readout[j] * commandGain[j];
            }
        }
    }
}
