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

    /**
     * These parameters as a real rig differs from them: each mass and the pole's half-length scaled by
     * {@code 1 + error}. Zero errors give parameters equal to these, bit for bit.
     *
     * @param massCartError relative error of the cart's mass, e.g. 0.3 for a cart 30% heavier
     * @param massPoleError relative error of the pole's mass
     * @param lengthError   relative error of the pole's half-length
     */
    public CartPoleParameters withMismatch(double massCartError, double massPoleError, double lengthError) {
        return new CartPoleParameters(gravity, massCart * (1 + massCartError), massPole * (1 + massPoleError),
                halfLength * (1 + lengthError), forceMag, dt, xThreshold, thetaThreshold, xDotLimit, thetaDotLimit,
                resetHalfWidth);
    }

    public double totalMass() {
        return massPole + massCart; // Gymnasium's order of operations, for the same bits
    }

    public double poleMassLength() {
        return massPole * halfLength;
    }
}
