package org.neurorig.plant;

import java.util.SplittableRandom;

/**
 * Cart-pole physics in float64, step for step Gymnasium's CartPole-v1 (Euler integration, its order of
 * operations), with optional velocity clipping for variants that use it. Trigonometry goes through
 * {@link StrictMath} so a trajectory has the same bits on every JVM and CPU (a Raspberry Pi and a
 * laptop replay the same log identically).
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
    private final double totalMass;
    private final double poleMassLength;
    private double x;
    private double xDot;
    private double theta;
    private double thetaDot;

    public CartPole(CartPoleParameters parameters) {
        this.p = parameters;
        this.totalMass = parameters.totalMass();
        this.poleMassLength = parameters.poleMassLength();
    }

    public CartPoleParameters parameters() {
        return p;
    }

    /** One Euler step of {@code dt} with {@code force} (N) applied to the cart; the caller limits the force. */
    public void step(double force) {
        double cosTheta = StrictMath.cos(theta);
        double sinTheta = StrictMath.sin(theta);
        double temp = (force + poleMassLength * (thetaDot * thetaDot) * sinTheta) / totalMass;
        double thetaAcc = (p.gravity() * sinTheta - cosTheta * temp)
                / (p.halfLength() * (4.0 / 3.0 - p.massPole() * (cosTheta * cosTheta) / totalMass));
        double xAcc = temp - poleMassLength * thetaAcc * cosTheta / totalMass;
        x = x + p.dt() * xDot;
        xDot = clip(xDot + p.dt() * xAcc, p.xDotLimit());
        theta = theta + p.dt() * thetaDot;
        thetaDot = clip(thetaDot + p.dt() * thetaAcc, p.thetaDotLimit());
    }

    private static double clip(double v, double limit) {
        return v > limit ? limit : (v < -limit ? -limit : v);
    }

    /** Whether the cart left the track or the pole fell past the threshold. */
    public boolean terminated() {
        return x < -p.xThreshold() || x > p.xThreshold() || theta < -p.thetaThreshold() || theta > p.thetaThreshold();
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
