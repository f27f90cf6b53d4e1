package org.neurorig.network;

import org.neurorig.kernel.Nonlinearity;

/**
 * The parameters of a {@link RateNetwork}, validated when the record is made: a value out of range
 * fails here, with the parameter's name and the allowed range, never later in the control tick.
 *
 * @param n          number of rate units, 1..{@value #MAX_UNITS}
 * @param inputs     number of external (sensor) inputs, 0..{@value #MAX_UNITS}
 * @param outputs    number of readout channels, 0..{@value #MAX_UNITS}
 * @param g          recurrent gain: J_ij ~ N(0, g^2/N); g &gt; 1 is the chaotic regime
 * @param dt         Euler step (seconds), &gt; 0 and at most tau
 * @param tau        unit time constant (seconds), &gt; 0
 * @param inputScale standard deviation of the input weights B_ij ~ N(0, inputScale^2)
 * @param phi        the transfer function
 * @param form       where the transfer function sits in the update
 * @param seed       seed of the weight draw; the same seed gives the same network
 */
public record NetworkConfig(int n, int inputs, int outputs, double g, double dt, double tau, double inputScale,
        Nonlinearity phi, UpdateForm form, long seed) {

    /** Keeps n * n within one Java array. */
    public static final int MAX_UNITS = 46_340;

    public NetworkConfig {
        ParameterRange.count("network.n", n, 1, MAX_UNITS);
        ParameterRange.count("network.inputs", inputs, 0, MAX_UNITS);
        ParameterRange.count("network.outputs", outputs, 0, MAX_UNITS);
        ParameterRange.nonNegative("network.g", g);
        ParameterRange.positive("network.dt", dt, "seconds");
        ParameterRange.positive("network.tau", tau, "seconds");
        if (dt > tau) {
            throw new IllegalArgumentException("network.dt = " + dt + " is larger than network.tau = " + tau
                    + ": the Euler step must be at most tau (dt/tau <= 1), or the update overshoots");
        }
        ParameterRange.nonNegative("network.inputScale", inputScale);
        if (phi == null) {
            throw new IllegalArgumentException("network.phi is missing: expected tanh or relu");
        }
        if (form == null) {
            throw new IllegalArgumentException("network.form is missing: expected phi-of-sum or sum-of-phi");
        }
    }

    /**
     * Defaults for an N-unit network: no inputs or outputs, g = 1.5, dt = 1 ms, tau = 10 ms, tanh,
     * Miconi's sum-of-phi form, seed 1. Change fields with the {@code with...} methods.
     */
    public static NetworkConfig of(int n) {
        return new NetworkConfig(n, 0, 0, 1.5, 0.001, 0.01, 1.0, Nonlinearity.TANH, UpdateForm.SUM_OF_PHI, 1L);
    }

    public NetworkConfig withInputs(int value) {
        return new NetworkConfig(n, value, outputs, g, dt, tau, inputScale, phi, form, seed);
    }

    public NetworkConfig withOutputs(int value) {
        return new NetworkConfig(n, inputs, value, g, dt, tau, inputScale, phi, form, seed);
    }

    public NetworkConfig withG(double value) {
        return new NetworkConfig(n, inputs, outputs, value, dt, tau, inputScale, phi, form, seed);
    }

    public NetworkConfig withTiming(double newDt, double newTau) {
        return new NetworkConfig(n, inputs, outputs, g, newDt, newTau, inputScale, phi, form, seed);
    }

    public NetworkConfig withInputScale(double value) {
        return new NetworkConfig(n, inputs, outputs, g, dt, tau, value, phi, form, seed);
    }

    public NetworkConfig withPhi(Nonlinearity value) {
        return new NetworkConfig(n, inputs, outputs, g, dt, tau, inputScale, value, form, seed);
    }

    public NetworkConfig withForm(UpdateForm value) {
        return new NetworkConfig(n, inputs, outputs, g, dt, tau, inputScale, phi, value, seed);
    }

    public NetworkConfig withSeed(long value) {
        return new NetworkConfig(n, inputs, outputs, g, dt, tau, inputScale, phi, form, value);
    }
}
