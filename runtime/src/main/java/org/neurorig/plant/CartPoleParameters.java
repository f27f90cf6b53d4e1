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

    /**
     * The cart-pole of the Maximum Occupancy Principle paper (Ramirez-Ruiz et al., Nature
     * Communications 2024) as NeuroMOP uses it: g 9.81, cart 1 kg, pole 0.1 kg, l = 1 m, force +-40 N,
     * dt 0.02 s, ends at |x| &gt; 1.8 m or |theta| &gt; 0.62 rad, |x_dot| clipped to 6 m/s and
     * |theta_dot| to 3 rad/s, every episode starting upright at rest (reset half-width 0).
     *
     * <p>What the MOP code (repository jorgeerrz/occupancy_max_paper, {@code cartpole/cartpole.jl})
     * does, checked against Gymnasium's equations: its angular acceleration is
     * {@code (g sin(th) + a cos(th) F - m a w^2 l sin(2 th)/2) / (l (4/3 - m a cos^2(th)))} with
     * {@code a = 1/(M + m)}, which is Gymnasium's with the sign of theta flipped (positive theta the other
     * way round); its cart acceleration {@code (4/3 l th'' - g sin(th)) / cos(th)} is Gymnasium's
     * {@code temp - ml th'' cos(th)/(M+m)} rewritten through the pendulum equation (the same in exact
     * arithmetic, mirrored likewise), and it integrates with the same explicit Euler order. So l stands
     * where Gymnasium's {@code length} stands: the distance from the hinge to the pole's centre of mass
     * (the 4/3 is a uniform rod's moment of inertia about its end), that is a half-length, although the
     * notebook draws the pole's tip at distance l. The mirror image does not matter here: the forces
     * (+-F) and the terminal set are symmetric. The velocity limits are the NeuroMOP paper's (the MOP
     * notebook's own instance clips at |x_dot| 12 and |theta_dot| 6 and has five forces).
     */
    public static CartPoleParameters neuroMop() {
        return new CartPoleParameters(9.81, 1.0, 0.1, 1.0, 40.0, 0.02, 1.8, 0.62, 6.0, 3.0, 0.0);
    }

    /** Whether a state with cart position {@code x} and pole angle {@code theta} ends the episode. */
    public boolean terminal(double x, double theta) {
        return x < -xThreshold || x > xThreshold || theta < -thetaThreshold || theta > thetaThreshold;
    }

    public double totalMass() {
        return massPole + massCart; // Gymnasium's order of operations, for the same bits
    }

    public double poleMassLength() {
        return massPole * halfLength;
    }
}
