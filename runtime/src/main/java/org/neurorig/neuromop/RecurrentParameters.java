package org.neurorig.neuromop;

import org.neurorig.kernel.Nonlinearity;
import org.neurorig.network.NetworkConfig;
import org.neurorig.network.UpdateForm;

/**
 * The network NeuroMOP controls: {@code x <- x + dt (-x/tau + Phi(J x + rho K a))}, J_ij ~ N(0, g^2/N),
 * K_ik ~ U(0, 1), a in {-1, +1}^M.
 *
 * @param n          number of units N
 * @param actionBits M: 2^M actions
 * @param g          recurrent gain (g &gt; 1: chaotic)
 * @param dt         Euler step
 * @param tau        unit time constant
 * @param rho        scale of the injected currents
 * @param phi        transfer function (tanh in the main text, ReLU in the paper's appendix F)
 * @param seed       seed of J and K
 */
public record RecurrentParameters(int n, int actionBits, double g, double dt, double tau, double rho,
        Nonlinearity phi, long seed) {

    public RecurrentParameters {
        if (n < 2 || n > 4096) {
            throw new IllegalArgumentException("neuromop.n = " + n + " is out of range: expected 2 to 4096 units");
        }
        BinaryActions.count(actionBits);
        if (!(rho >= 0) || Double.isInfinite(rho)) {
            throw new IllegalArgumentException("neuromop.rho = " + rho + " is out of range: expected a finite number >= 0");
        }
        if (phi != Nonlinearity.TANH && phi != Nonlinearity.RELU) {
            throw new IllegalArgumentException("neuromop.phi = " + phi + ": expected tanh or relu");
        }
        networkConfig(n, g, dt, tau, phi, seed); // checks g, dt and tau now, before anything is built or written
    }

    /** The recurrent network these parameters describe, as the rate-network core takes it. */
    NetworkConfig networkConfig() {
        return networkConfig(n, g, dt, tau, phi, seed);
    }

    private static NetworkConfig networkConfig(int n, double g, double dt, double tau, Nonlinearity phi, long seed) {
        return new NetworkConfig(n, 0, 0, g, dt, tau, 0.0, phi, UpdateForm.PHI_OF_SUM, seed);
    }

    /**
     * The defaults. The paper publishes N = 100, M = 8 and tanh; dt, tau, g and rho are in a table
     * image only, so these are ours: tau = 1 (the paper calls x = -1 the lowest activity, which a
     * tanh unit reaches only with tau = 1), dt = 0.1, g = 1.5 (chaotic), rho = 2 (the beta experiment
     * lowers rho to 1.2, so the default is larger).
     */
    public static RecurrentParameters neuroMop(long seed) {
        return new RecurrentParameters(100, 8, 1.5, 0.1, 1.0, 2.0, Nonlinearity.TANH, seed);
    }

    public RecurrentParameters withRho(double value) {
        return new RecurrentParameters(n, actionBits, g, dt, tau, value, phi, seed);
    }

    public RecurrentParameters withSeed(long value) {
        return new RecurrentParameters(n, actionBits, g, dt, tau, rho, phi, value);
    }

    public RecurrentParameters withSize(int units, int bits) {
        return new RecurrentParameters(units, bits, g, dt, tau, rho, phi, seed);
    }

    public RecurrentParameters withDynamics(double newG, double newDt, double newTau) {
        return new RecurrentParameters(n, actionBits, newG, newDt, newTau, rho, phi, seed);
    }

    public RecurrentParameters withPhi(Nonlinearity value) {
        return new RecurrentParameters(n, actionBits, g, dt, tau, rho, value, seed);
    }
}
