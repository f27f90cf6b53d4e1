package org.neurorig.rig;

import java.util.List;
import org.neurorig.control.Controller;
import org.neurorig.control.ForwardingController;
import org.neurorig.control.Tick;
import org.neurorig.profile.ActuatorChannel;
import org.neurorig.profile.SensorChannel;

/**
 * The network's view of the rig's channels: each sensor's working range [min, max] mapped onto
 * [-1, 1] (clamped, so a glitching sensor cannot drive the network into saturation), and each readout
 * in [-1, 1] mapped onto its actuator's range [min, max]; beyond it the loop's limits clamp. The
 * controller inside sees normalized values only. Allocates nothing.
 */
final class ChannelScaling extends ForwardingController {

    private final SensorChannel[] sensorChannels;
    private final double[] commandCentre;
    private final double[] commandHalfRange;
    private final double[] normalized;
    private final double[] readout;

    ChannelScaling(Controller inner, List<SensorChannel> sensors, List<ActuatorChannel> actuators) {
        super(inner);
        if (controller.sensorCount() != sensors.size() || controller.commandCount() != actuators.size()) {
            throw new IllegalArgumentException("the network takes " + controller.sensorCount() + " inputs and gives "
                    + controller.commandCount() + " outputs for " + sensors.size() + " sensors and " + actuators.size() + " actuators");
        }
        this.sensorChannels = sensors.toArray(SensorChannel[]::new);
        this.commandCentre = new double[actuators.size()];
        this.commandHalfRange = new double[actuators.size()];
        for (int j = 0; j < actuators.size(); j++) {
            ActuatorChannel a = actuators.get(j);
            commandCentre[j] = (a.max() + a.min()) / 2;
            commandHalfRange[j] = (a.max() - a.min()) / 2;
        }
        this.normalized = new double[sensors.size()];
        this.readout = new double[actuators.size()];
    }

    @Override
    public int sensorCount() {
        return normalized.length;
    }

    @Override
    public int commandCount() {
        return readout.length;
    }

    @Override
    public void update(Tick tick, double[] sensors, double[] commands) {
        for (int i = 0; i < normalized.length; i++) {
            normalized[i] = sensorChannels[i].normalize(sensors[i]);
        }
        controller.update(tick, normalized, readout);
        for (int j = 0; j < readout.length; j++) {
            commands[j] = commandCentre[j] + commandHalfRange[j] * readout[j];
        }
    }
}
