package org.neurorig.plant;

/**
 * The cart-pole's equations of motion, written once: Barto, Sutton and Anderson's (1983) as Gymnasium's
 * CartPole-v1 computes them, in double and in its order of operations. Every cart-pole model steps
 * through these, so they cannot drift apart: {@link CartPole} (the plant, with friction),
 * {@link DifferentiableCartPole} (its Jacobian) and NeuroMOP's {@code CartPoleSuccessors}. With
 * {@code m} the total mass, {@code ml} pole mass times half-length, {@code l} the half-length,
 * {@code w} = theta_dot:
 * <pre>
 *   push  = F + ml w^2 sin(theta)                     the force along the cart with the pole's reaction, N
 *   temp  = push / m                                  (Gymnasium's name)
 *   den   = l (4/3 - mp cos^2(theta) / m)
 *   thacc = (g sin(theta) - cos(theta) temp - tau / ml) / den
 *   xacc  = temp - ml thacc cos(theta) / m
 * </pre>
 * with {@code tau} a friction torque at the pivot (zero in Gymnasium; {@code a - 0} is {@code a} to the
 * bit, so the frictionless form is Gymnasium's). The caller brings sin and cos of theta: the plant's
 * are bit-reproducible across JVMs, a controller's model may take the faster {@link Math} ones.
 * Immutable.
 */
public final class CartPoleDynamics {

    private final CartPoleParameters p;
    private final double totalMass;
    private final double poleMassLength;

    public CartPoleDynamics(CartPoleParameters parameters) {
        this.p = parameters;
        this.totalMass = parameters.totalMass();
        this.poleMassLength = parameters.poleMassLength();
    }

    /** The force along the cart (N): {@code force} on the cart plus the swinging pole's reaction. */
    public double push(double force, double sin, double thetaDot) {
        return force + poleMassLength * (thetaDot * thetaDot) * sin;
    }

    /** Gymnasium's {@code temp}: the acceleration {@code push} gives the whole mass. */
    public double pushAcceleration(double push) {
        return push / totalMass;
    }

    /** The angular acceleration's denominator, {@code l (4/3 - mp cos^2 / m)}. */
    public double denominator(double cos) {
        return p.halfLength() * (4.0 / 3.0 - p.massPole() * (cos * cos) / totalMass);
    }

    /** The pole's angular acceleration (rad/s^2) under {@code push}, without friction at the pivot. */
    public double poleAcceleration(double push, double sin, double cos) {
        return poleAcceleration(push, sin, cos, 0);
    }

    /**
     * The pole's angular acceleration (rad/s^2) under {@code push} and a friction torque at the pivot
     * (N m, positive against a positive theta_dot).
     */
    public double poleAcceleration(double push, double sin, double cos, double pivotTorque) {
        return (p.gravity() * sin - cos * pushAcceleration(push) - pivotTorque / poleMassLength) / denominator(cos);
    }

    /** The cart's acceleration (m/s^2) under {@code push}, given the pole's angular acceleration under it. */
    public double cartAcceleration(double push, double poleAcceleration, double cos) {
        return pushAcceleration(push) - poleMassLength * poleAcceleration * cos / totalMass;
    }

    /** d(xacc)/d(force): the cart's acceleration per newton, the pole's reaction included. */
    public double compliance(double cos) {
        return (1 + poleMassLength * cos * cos / (totalMass * denominator(cos))) / totalMass;
    }

    /** A cart velocity after a step, clipped to the parameters' limit (m/s). */
    public double clipCartVelocity(double xDot) {
        return clip(xDot, p.xDotLimit());
    }

    /** A pole angular velocity after a step, clipped to the parameters' limit (rad/s). */
    public double clipPoleVelocity(double thetaDot) {
        return clip(thetaDot, p.thetaDotLimit());
    }

    private static double clip(double v, double limit) {
        return v > limit ? limit : (v < -limit ? -limit : v);
    }
}
