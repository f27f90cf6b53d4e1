package org.neurorig.testing;

import org.neurorig.plant.CartPole;

/**
 * A linear state feedback that keeps Gymnasium's cart-pole up from anywhere in its reset box: the
 * known-good controller for tests of plants and devices, where a learned one would be a second unknown.
 */
public final class BalancingFeedback {

    /** Gains on x, x_dot, theta and theta_dot. */
    public static final double[] GAINS = {1, 2, 30, 5};

    private BalancingFeedback() {
    }

    /** The force for state {@code s} in newtons, before any limit. */
    public static double force(double[] s) {
        return GAINS[0] * s[CartPole.X] + GAINS[1] * s[CartPole.X_DOT] + GAINS[2] * s[CartPole.THETA]
                + GAINS[3] * s[CartPole.THETA_DOT];
    }
}
