package org.neurorig.plant;

/**
 * The nominal cart-pole as a {@link DifferentiablePlant}: the forward step is {@link CartPole}'s own
 * (Gymnasium's equations and Euler step, to the bit), with a continuous force command limited to
 * +-forceMag as {@link CartPolePlant.ForceMode#CONTINUOUS} applies it. Not thread-safe (it steps a
 * {@link CartPole} of its own). The derivative of the force limit is 1 inside it and 0 outside; the
 * velocity clipping of variants that clip is treated the same way.
 *
 * <p>The hand-derived Jacobian of {@link CartPoleDynamics}' equations (with {@code m} the total mass,
 * {@code ml} pole mass times half-length, {@code c = cos theta}, {@code s = sin theta}, {@code w} =
 * theta_dot):
 * <pre>
 *   d temp   = (dF + ml (2 w s dw + w^2 c dth)) / m
 *   d den    = l (2 mp c s / m) dth
 *   d thacc  = ((g c + s temp) dth - c d temp) / den - thacc d den / den
 *   d xacc   = d temp - (ml / m)(c d thacc - thacc s dth)
 * </pre>
 * and the Euler step {@code x' = x + dt x_dot, x_dot' = x_dot + dt xacc, th' = th + dt w, w' = w + dt thacc}.
 */
public final class DifferentiableCartPole implements DifferentiablePlant {

    private final CartPoleParameters p;
    private final CartPoleDynamics dynamics;
    private final CartPole pole;
    private final double totalMass;
    private final double poleMassLength;

    public DifferentiableCartPole(CartPoleParameters parameters) {
        this.p = parameters;
        this.dynamics = new CartPoleDynamics(parameters);
        this.pole = new CartPole(parameters);
        this.totalMass = parameters.totalMass();
        this.poleMassLength = parameters.poleMassLength();
    }

    @Override
    public int stateSize() {
        return CartPole.STATE_SIZE;
    }

    @Override
    public int actionSize() {
        return 1;
    }

    private double force(double command) {
        double f = p.forceMag();
        return Double.isNaN(command) ? 0 : Math.max(-f, Math.min(f, command));
    }

    @Override
    public void step(double[] state, double[] action, double[] next) {
        pole.setState(state); // the plant's own step: the model cannot drift from what it models
        pole.step(force(action[0]));
        pole.state(next);
    }

    @Override
    public void vectorJacobianProduct(double[] state, double[] action, double[] nextAdjoint, double[] stateAdjoint,
            double[] actionAdjoint) {
        double command = action[0];
        double fMax = p.forceMag();
        double force = force(command);
        double dForce = Double.isNaN(command) || command > fMax || command < -fMax ? 0 : 1;
        double xDot = state[CartPole.X_DOT];
        double theta = state[CartPole.THETA];
        double w = state[CartPole.THETA_DOT];
        double c = StrictMath.cos(theta);
        double s = StrictMath.sin(theta);
        double m = totalMass;
        double ml = poleMassLength;
        double push = dynamics.push(force, s, w);
        double temp = dynamics.pushAcceleration(push);
        double den = dynamics.denominator(c);
        double thetaAcc = dynamics.poleAcceleration(push, s, c);
        double xAcc = dynamics.cartAcceleration(push, thetaAcc, c);
        double dt = p.dt();

        // Adjoints of the outputs; a clipped velocity passes no gradient.
        double gX = nextAdjoint[CartPole.X];
        double gXDot = Math.abs(xDot + dt * xAcc) > p.xDotLimit() ? 0 : nextAdjoint[CartPole.X_DOT];
        double gTheta = nextAdjoint[CartPole.THETA];
        double gW = Math.abs(w + dt * thetaAcc) > p.thetaDotLimit() ? 0 : nextAdjoint[CartPole.THETA_DOT];

        // Euler step: x' = x + dt xDot, xDot' = xDot + dt xAcc, th' = th + dt w, w' = w + dt thAcc.
        double aXAcc = dt * gXDot;
        double aThetaAcc = dt * gW;
        double aX = gX;
        double aXDot = dt * gX + gXDot;
        double aTheta = gTheta;
        double aOmega = dt * gTheta + gW;

        // xAcc = temp - (ml/m) thAcc c
        double aTemp = aXAcc;
        aThetaAcc += -(ml / m) * c * aXAcc;
        aTheta += (ml / m) * thetaAcc * s * aXAcc;
        // thAcc = (g s - c temp) / den
        double aNum = aThetaAcc / den;
        double aDen = -thetaAcc * aThetaAcc / den;
        aTheta += aNum * (p.gravity() * c + s * temp);
        aTemp += -c * aNum;
        // den = l (4/3 - mp c^2 / m)
        aTheta += aDen * p.halfLength() * (2 * p.massPole() * c * s / m);
        // temp = (F + ml w^2 s) / m
        double aForce = aTemp / m;
        aOmega += aTemp * ml * 2 * w * s / m;
        aTheta += aTemp * ml * w * w * c / m;

        stateAdjoint[CartPole.X] = aX;
        stateAdjoint[CartPole.X_DOT] = aXDot;
        stateAdjoint[CartPole.THETA] = aTheta;
        stateAdjoint[CartPole.THETA_DOT] = aOmega;
        actionAdjoint[0] = aForce * dForce;
    }

    @Override
    public boolean terminal(double[] state) {
        return p.terminal(state[CartPole.X], state[CartPole.THETA]);
    }
}
