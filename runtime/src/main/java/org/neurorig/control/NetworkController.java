package org.neurorig.control;

import org.neurorig.network.RateNetwork;

/**
 * A {@link RateNetwork} as a controller: sensor values, scaled, become the network's inputs; one
 * Euler step; the readout, scaled, becomes the commands. No learning: a learning controller replaces
 * this one (its rule acts on {@link #network()}'s weights in place).
 * The unit activities are offered to the telemetry.
 */
public final class NetworkController implements Controller {

    private final RateNetwork network;
    private final double[] sensorScale;
    private final double[] commandScale;

    /**
     * @param network      a network with {@code inputs} equal to the loop's sensors and {@code outputs}
     *                     equal to its commands
     * @param sensorScale  per sensor: input = sensor * scale (normalizes each to about unit range)
     * @param commandScale per command: command = readout * scale
     */
    public NetworkController(RateNetwork network, double[] sensorScale, double[] commandScale) {
        int inputs = network.config().inputs();
        int outputs = network.config().outputs();
        if (sensorScale.length != inputs || commandScale.length != outputs) {
            throw new IllegalArgumentException("the network has " + inputs + " inputs and " + outputs + " outputs; "
                    + sensorScale.length + " sensor scales and " + commandScale.length + " command scales were given");
        }
        this.network = network;
        this.sensorScale = sensorScale.clone();
        this.commandScale = commandScale.clone();
    }

    /** Unit scales: sensors go in as they are, the readout comes out as it is. */
    public static NetworkController unscaled(RateNetwork network) {
        return new NetworkController(network, ones(network.config().inputs()), ones(network.config().outputs()));
    }

    private static double[] ones(int n) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, 1.0);
        return a;
    }

    public RateNetwork network() {
        return network;
    }

    @Override
    public int sensorCount() {
        return sensorScale.length;
    }

    @Override
    public int commandCount() {
        return commandScale.length;
    }

    @Override
    public void update(Tick tick, double[] sensors, double[] commands) {
        float[] input = network.input();
        for (int i = 0; i < sensorScale.length; i++) {
            input[i] = (float) (sensors[i] * sensorScale[i]);
        }
        network.step();
        float[] readout = network.readout();
        for (int j = 0; j < commandScale.length; j++) {
            commands[j] = readout[j] * commandScale[j];
        }
    }

    /** On a new episode the network starts from rest, as the plant does. */
    @Override
    public void endEpisode(Tick tick) {
        network.resetState();
    }

    @Override
    public float[] activity() {
        return network.activity();
    }
}
