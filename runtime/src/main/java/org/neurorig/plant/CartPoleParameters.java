package org.neurorig.plant;

/**
 * The physical constants and episode rules of a cart with a pole hinged on it.
 *
 * @param gravity        m/s^2
 * @param massCart       kg
 * @param massPole       kg
 * @param halfLength     distance from the hinge to the pole's centre of mass, m (Gymnasium's {@code length})
 * @param forceMag       the largest force the motor applies, N
 * @param dt             Euler step, s (Gymnasium's {@code tau})
 * @param xThreshold     the episode ends when |x| exceeds this, m
 * @param thetaThreshold the episode ends when |theta| exceeds this, rad
 * @param xDotLimit      |x_dot| is clipped to this after each step (infinite: no clipping), m/s
 * @param thetaDotLimit  |theta_dot| is clipped to this after each step (infinite: no clipping), rad/s
 * @param resetHalfWidth {@link #drawInitialState} draws each state variable uniformly in +-this
 */
public record CartPoleParameters(double gravity, double massCart, double massPole, double halfLength,
        double forceMag, double dt, double xThreshold, double thetaThreshold, double xDotLimit,
        double thetaDotLimit, double resetHalfWidth) {

    public CartPoleParameters {
        positive("cartpole.gravity", gravity);
        positive("cartpole.massCart", massCart);
        positive("cartpole.massPole", massPole);
        positive("cartpole.halfLength", halfLength);
        positive("cartpole.forceMag", forceMag);
        positive("cartpole.dt", dt);
        positive("cartpole.xThreshold", xThreshold);
        positive("cartpole.thetaThreshold", thetaThreshold);
        if (!(xDotLimit > 0) || !(thetaDotLimit > 0)) {
            throw new IllegalArgumentException("cartpole velocity limits must be > 0 (use infinity for no clipping): got "
                    + xDotLimit + " and " + thetaDotLimit);
        }
        if (!(resetHalfWidth >= 0) || Double.isInfinite(resetHalfWidth)) {
            throw new IllegalArgumentException("cartpole.resetHalfWidth = " + resetHalfWidth + " is out of range: expected a finite number >= 0");
        }
    }

    private static void positive(String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " = " + value + " is out of range: expected a finite number > 0");
        }
    }

    /**
     * Gymnasium's CartPole-v1: g 9.8, cart 1.0 kg, pole 0.1 kg, half-length 0.5 m, force 10 N,
     * dt 0.02 s, ends at |x| &gt; 2.4 m or |theta| &gt; 12 degrees, no velocity clipping, reset in +-0.05.
     */
    public static CartPoleParameters gym() {
        return new CartPoleParameters(9.8, 1.0, 0.1, 0.5, 10.0, 0.02, 2.4, 12 * 2 * Math.PI / 360,
                Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, 0.05);
    }

    public double totalMass() {
        return massPole + massCart; // Gymnasium's order of operations, for the same bits
    }

    public double poleMassLength() {
        return massPole * halfLength;
    }
}
