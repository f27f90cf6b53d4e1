package org.neurorig.plant;

import java.util.SplittableRandom;

/**
 * Cart-pole physics in float64, step for step Gymnasium's CartPole-v1 (Euler integration, its order of
 * operations), with optional velocity clipping for variants that use it. The accelerations are
 * {@link CartPoleDynamics}'; this class holds the state and owns the Euler step, friction and the
 * trigonometry, which goes through {@link StrictMath} so a trajectory has the same bits on every JVM and
 * CPU (a Raspberry Pi and a laptop replay the same log identically).
 *
 * <p>StrictMath's sin and cos allocate a scratch array for arguments beyond pi/4 (fdlibm's argument
 * reduction), and once any call in the JVM has taken that path, the compiled code allocates on every
 * call. So the angle is reduced here first, without allocating, and StrictMath only ever sees
 * |angle| &lt;= pi/4: within that range (every CartPole-v1 episode, which ends at 12 degrees) the bits are
 * StrictMath's own; beyond it they are within one ulp of the true value, the same on every platform.
 *
 * <p>Optional {@link Friction} (Coulomb and viscous on the cart, viscous at the pivot, as in Barto,
 * Sutton and Anderson 1983 and Florian 2007) takes a separate path; without friction a step is exactly
 * Gymnasium's arithmetic. {@link #step(double, double)} takes the step length, so a jittered tick can
 * integrate over the time that really passed.
 *
 * <p>State: {@code x} (m), {@code x_dot} (m/s), {@code theta} (rad, 0 upright, positive clockwise as in
 * Gymnasium), {@code theta_dot} (rad/s). Not thread-safe: it belongs to the thread that steps it.
 */
public final class CartPole {

    /** Indices into a state array. */
    public static final int X = 0;
    public static final int X_DOT = 1;
    public static final int THETA = 2;
    public static final int THETA_DOT = 3;
    public static final int STATE_SIZE = 4;

    private final CartPoleParameters p;
    private final CartPoleDynamics dynamics;
    private final Friction friction;
    private final boolean frictionless;
    private double x;
    private double xDot;
    private double sinTheta;
    private double cosTheta;
    private boolean cartStops;
    private double theta;
    private double thetaDot;

    /** The frictionless cart-pole: Gymnasium's. */
    public CartPole(CartPoleParameters parameters) {
        this(parameters, Friction.NONE);
    }

    public CartPole(CartPoleParameters parameters, Friction friction) {
        this.p = parameters;
        this.dynamics = new CartPoleDynamics(parameters);
        this.friction = friction;
        this.frictionless = friction.isNone();
    }

    public CartPoleParameters parameters() {
        return p;
    }

    /** One Euler step of the parameters' {@code dt} with {@code force} (N) applied to the cart; the caller limits the force. */
    public void step(double force) {
        step(force, p.dt());
    }

    /** One Euler step of {@code dt} seconds with {@code force} (N) applied to the cart. */
    public void step(double force, double dt) {
        trigOfTheta();
        cartStops = false;
        double thetaAcc;
        double xAcc;
        if (frictionless) {
            double push = dynamics.push(force, sinTheta, thetaDot);
            thetaAcc = dynamics.poleAcceleration(push, sinTheta, cosTheta);
            xAcc = dynamics.cartAcceleration(push, thetaAcc, cosTheta);
        } else {
            // Cart friction enters as a force against the push; pivot friction as a torque against the swing.
            double pivotTorque = friction.pivot() * thetaDot;
            double push = dynamics.push(force - friction.viscous() * xDot, sinTheta, thetaDot);
            double slidingAcc = dynamics.cartAcceleration(push,
                    dynamics.poleAcceleration(push, sinTheta, cosTheta, pivotTorque), cosTheta);
            double netPush = push - coulomb(slidingAcc, dynamics.compliance(cosTheta), dt);
            thetaAcc = dynamics.poleAcceleration(netPush, sinTheta, cosTheta, pivotTorque);
            xAcc = dynamics.cartAcceleration(netPush, thetaAcc, cosTheta);
        }
        x = x + dt * xDot;
        // friction won: exactly at rest, not 1e-18 off
        xDot = cartStops ? 0.0 : dynamics.clipCartVelocity(xDot + dt * xAcc);
        theta = theta + dt * thetaDot;
        thetaDot = dynamics.clipPoleVelocity(thetaDot + dt * thetaAcc);
    }

    /**
     * The Coulomb friction force on the cart (N, positive against +x). Kinetic friction opposes the
     * motion, but no more than it takes to stop the cart within this step, so an Euler step cannot make
     * the cart chatter back and forth through zero velocity. At rest, static friction holds the cart
     * against any push it can balance (up to the Coulomb force). The cart's acceleration is linear in the
     * force, which gives the force that stops it exactly.
     *
     * @param slidingAcc the cart's acceleration without Coulomb friction
     * @param compliance the cart's acceleration per newton
     */
    private double coulomb(double slidingAcc, double compliance, double dt) {
        double limit = friction.coulomb();
        double stopping = (xDot / dt + slidingAcc) / compliance; // the force that leaves the cart at rest after this step
        if (xDot > 0 && stopping < 0 || xDot < 0 && stopping > 0) {
            return Math.copySign(limit, xDot); // pushed back past zero: full kinetic friction against the motion
        }
        if (Math.abs(stopping) <= limit) {
            cartStops = true;
            return stopping;
        }
        return Math.copySign(limit, stopping);
    }

    /** pi/2 as two parts of 33 bits (n * part is exact for |n| &lt; 2^20) and the rest, for Cody and Waite's reduction. */
    private static final double PIO2_1 = 1.57079632673412561417e+00;
    private static final double PIO2_2 = 6.07710050630396597660e-11;
    private static final double PIO2_REST = 2.02226624879595063154e-21;
    /**
     * StrictMath reduces nothing for |x| below 0x3fe921fc00000000 (about pi/4 + 3e-7). Up to this bound
     * the angle goes as it is; beyond it the remainder is at most pi/4 plus rounding, far inside that.
     */
    private static final double NO_REDUCTION = Math.PI / 4;

    /** Sets sinTheta and cosTheta without allocating (see the class comment). */
    void trigOfTheta() {
        double a = theta;
        if (!Double.isFinite(a)) {
            // Not even NaN goes to StrictMath: a rarely taken branch there makes the JIT keep its allocating path.
            sinTheta = Double.NaN;
            cosTheta = Double.NaN;
            return;
        }
        if (Math.abs(a) <= NO_REDUCTION) {
            sinTheta = StrictMath.sin(a);
            cosTheta = StrictMath.cos(a);
            return;
        }
        double n = Math.rint(a * (2 / Math.PI));
        double t = a - n * PIO2_1; // exact: both within a factor of two
        double u = n * PIO2_2; // exact: 33 bits times at most 20
        double r1 = t - u;
        double e1 = (t - r1) - u; // what r1 lost (Dekker's fast two-sum; |t| >= |u|)
        double w = n * PIO2_REST;
        double r = r1 - w;
        double tail = ((r1 - r) - w) + e1;
        // sin(r + tail) = sin r + tail cos r, to first order: tail is below an ulp of r
        double sr = StrictMath.sin(r);
        double cr = StrictMath.cos(r);
        double s = sr + tail * cr;
        double c = cr - tail * sr;
        switch ((int) ((long) n & 3)) {
            case 0 -> { sinTheta = s; cosTheta = c; }
            case 1 -> { sinTheta = c; cosTheta = -s; }
            case 2 -> { sinTheta = -s; cosTheta = -c; }
            default -> { sinTheta = -c; cosTheta = s; }
        }
    }

    double sinTheta() {
        return sinTheta;
    }

    double cosTheta() {
        return cosTheta;
    }

    /** Whether the cart left the track or the pole fell past the threshold. */
    public boolean terminated() {
        return p.terminal(x, theta);
    }

    /** Sets the state from {@code state} (x, x_dot, theta, theta_dot). */
    public void setState(double[] state) {
        x = state[X];
        xDot = state[X_DOT];
        theta = state[THETA];
        thetaDot = state[THETA_DOT];
    }

    /** Copies the state into {@code state} (x, x_dot, theta, theta_dot). */
    public void state(double[] state) {
        state[X] = x;
        state[X_DOT] = xDot;
        state[THETA] = theta;
        state[THETA_DOT] = thetaDot;
    }

    /** Fills {@code state} with Gymnasium's reset: each variable uniform in +-resetHalfWidth. */
    public static void drawInitialState(CartPoleParameters parameters, SplittableRandom random, double[] state) {
        double w = parameters.resetHalfWidth();
        for (int i = 0; i < STATE_SIZE; i++) {
            state[i] = w == 0 ? 0 : random.nextDouble(-w, w);
        }
    }
}
