package org.neurorig.compare;

import java.util.Locale;
import org.neurorig.control.ChannelScaling;
import org.neurorig.network.NetworkConfig;
import org.neurorig.network.RateNetwork;
import org.neurorig.plant.CartPoleParameters;

/**
 * The controller every learner trains: a reservoir of {@code units} rate units fed the cart-pole's four
 * sensors, each scaled so that its working range (the sim-cartpole profile's: x +-2.4 m, x_dot +-3 m/s,
 * theta +-12 degrees, theta_dot +-3.5 rad/s) maps onto [-1, 1], and a readout that, times the plant's
 * full-scale force, is the force command. Only the readout learns, for every learner, so they all
 * search the same space of controllers. The network ticks once per physics step.
 *
 * @param units      N
 * @param g          recurrent gain
 * @param tau        unit time constant, s (at least the tick, 0.02 s)
 * @param inputScale standard deviation of the input weights
 */
record ControllerDesign(int units, double g, double tau, double inputScale) {

    static final CartPoleParameters PLANT = CartPoleParameters.gym();
    /** Sensor to network input: each working range onto [-1, 1]. */
    static final double[] SENSOR_SCALE = {1 / 2.4, 1 / 3.0, 1 / PLANT.thetaThreshold(), 1 / 3.5};
    /** Readout to force command, N. */
    static final double COMMAND_SCALE = PLANT.forceMag();
    /** The controllers' scaling: sensors by {@link #SENSOR_SCALE}, the readout by {@link #COMMAND_SCALE}. */
    static final ChannelScaling SCALING = ChannelScaling.gains(SENSOR_SCALE, new double[] {COMMAND_SCALE});

    ControllerDesign {
        new NetworkConfig(units, 4, 1, g, PLANT.dt(), tau, inputScale, org.neurorig.kernel.Nonlinearity.TANH,
                org.neurorig.network.UpdateForm.SUM_OF_PHI, 1); // validates, with the parameter's name
    }

    /** A fresh network: random reservoir from {@code seed}, readout zero. */
    RateNetwork network(long seed) {
        return new RateNetwork(NetworkConfig.of(units).withInputs(4).withOutputs(1).withG(g)
                .withTiming(PLANT.dt(), tau).withInputScale(inputScale).withSeed(seed));
    }

    String describe() {
        return String.format(Locale.ROOT, "N = %d tanh rate units, g %.3g, tau %.3g s, dt %.3g s, input weights N(0, %.3g^2), "
                + "readout x %.0f N = force; sensors scaled by 1/2.4, 1/3, 1/%.4f, 1/3.5", units, g, tau, PLANT.dt(),
                inputScale, COMMAND_SCALE, PLANT.thetaThreshold());
    }
}
