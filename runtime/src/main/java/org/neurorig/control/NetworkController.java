package org.neurorig.control;

import org.neurorig.network.RateNetwork;

/**
 * A {@link RateNetwork} as a controller: the sensor values, through the {@link ChannelScaling}, become
 * the network's inputs; one Euler step; the readout, through the scaling, becomes the commands. No
 * learning: a {@link LearningController} adds a rule to this core. The unit activities are offered to
 * the telemetry.
 */
public final class NetworkController implements Controller {

    private final RateNetwork network;
    private final ChannelScaling scaling;

    /**
     * @param network a network with {@code inputs} equal to the loop's sensors and {@code outputs} equal
     *                to its commands
     * @param scaling between the loop's units and the network's, for as many sensors and commands
     */
    public NetworkController(RateNetwork network, ChannelScaling scaling) {
        int inputs = network.config().inputs();
        int outputs = network.config().outputs();
        if (scaling.sensors() != inputs || scaling.commands() != outputs) {
            throw new IllegalArgumentException("the network has " + inputs + " inputs and " + outputs + " outputs; "
                    + "the scaling is for " + scaling.sensors() + " sensors and " + scaling.commands() + " commands");
        }
        this.network = network;
        this.scaling = scaling;
    }

    /** Unit scaling: sensors go in as they are, the readout comes out as it is. */
    public static NetworkController unscaled(RateNetwork network) {
        return new NetworkController(network, ChannelScaling.unit(network.config().inputs(), network.config().outputs()));
    }

    public RateNetwork network() {
        return network;
    }

    @Override
    public int sensorCount() {
        return scaling.sensors();
    }

    @Override
    public int commandCount() {
        return scaling.commands();
    }

    @Override
    public void update(Tick tick, double[] sensors, double[] commands) {
        sense(sensors);
        network.step();
        act(network.readout(), commands);
    }

    /** The sensors, scaled, into the network's inputs. */
    void sense(double[] sensors) {
        scaling.toInputs(sensors, network.input());
    }

    /** The commands from {@code readout} (the network's, or a rule's action made of it), scaled. */
    void act(float[] readout, double[] commands) {
        scaling.toCommands(readout, commands);
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
