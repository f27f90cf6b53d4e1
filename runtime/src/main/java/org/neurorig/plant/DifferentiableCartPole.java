package org.neurorig.plant;

/**
 * The cart-pole as a {@link DifferentiablePlant}: the forward step is {@link CartPole}'s own
 * (Gymnasium's equations and Euler step, to the bit; with {@link Friction}, the friction step), with a
 * continuous force command limited to +-forceMag as {@link CartPolePlant.ForceMode#CONTINUOUS} applies
 * it. Not thread-safe (it steps a {@link CartPole} of its own). The derivative of the force limit is 1
 * inside it and 0 outside; the velocity clipping of variants that clip is treated the same way.
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
 *
 * <p>With friction, the push is {@code F - c_v x_dot + ml w^2 s}, the pivot's torque {@code c_p w}
 * joins the pole's equation, and Coulomb friction is, as {@link CartPole} chooses, either its full
 * value against the motion (a constant: no gradient) or, when that is enough to hold the cart, the force
 * that leaves it at rest after the step, {@code (x_dot / dt + xacc0) / compliance} with {@code xacc0}
 * the acceleration without it. Then {@code x_dot' = 0} (no gradient), and the pole's acceleration
 * depends on the state through that force. Like the force limit, the case is taken as fixed: the
 * derivative is exact everywhere but on the boundaries between the cases.
 */
public final class DifferentiableCartPole implements DifferentiablePlant {

    private final CartPoleParameters p;
    private final CartPoleDynamics dynamics;
    private final CartPole pole;
    private final Friction friction;
    private final double totalMass;
    private final double poleMassLength;

    /** The frictionless cart-pole: Gymnasium's. */
    public DifferentiableCartPole(CartPoleParameters parameters) {
        this(parameters, Friction.NONE);
    }

    public DifferentiableCartPole(CartPoleParameters parameters, Friction friction) {
        this.p = parameters;
        this.dynamics = new CartPoleDynamics(parameters);
        this.pole = new CartPole(parameters, friction);
        this.friction = friction;
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
        if (!friction.isNone()) {
            frictionAdjoint(state, action, nextAdjoint, stateAdjoint, actionAdjoint);
            return;
        }
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

    /** The vector-Jacobian product of the friction step, in the order of {@link CartPole#step}'s arithmetic, reversed. */
    private void frictionAdjoint(double[] state, double[] action, double[] nextAdjoint, double[] stateAdjoint,
            double[] actionAdjoint) {
        double command = action[0];
        double fMax = p.forceMag();
        double force = force(command);
        double dForce = Double.isNaN(command) || command > fMax || command < -fMax ? 0 : 1;
        double xDot = state[CartPole.X_DOT];
        double w = state[CartPole.THETA_DOT];
        pole.setState(state);
        pole.trigOfTheta(); // the step's own sin and cos, so the Coulomb case below is the one the step took
        double s = pole.sinTheta();
        double c = pole.cosTheta();
        double m = totalMass;
        double ml = poleMassLength;
        double dt = p.dt();
        double viscous = friction.viscous();
        double pivot = friction.pivot();

        // Forward, as CartPole.step computes it.
        double torque = pivot * w;
        double push = dynamics.push(force - viscous * xDot, s, w);
        double den = dynamics.denominator(c);
        double slidingThetaAcc = dynamics.poleAcceleration(push, s, c, torque);
        double slidingAcc = dynamics.cartAcceleration(push, slidingThetaAcc, c);
        double compliance = dynamics.compliance(c);
        double stopping = (xDot / dt + slidingAcc) / compliance;
        double limit = friction.coulomb();
        boolean kinetic = xDot > 0 && stopping < 0 || xDot < 0 && stopping > 0;
        boolean stops = !kinetic && Math.abs(stopping) <= limit;
        double coulomb = kinetic ? Math.copySign(limit, xDot) : (stops ? stopping : Math.copySign(limit, stopping));
        double netPush = push - coulomb;
        double thetaAcc = dynamics.poleAcceleration(netPush, s, c, torque);
        double xAcc = dynamics.cartAcceleration(netPush, thetaAcc, c);

        // Adjoints of the outputs; a clipped velocity, or a cart that stops, passes no gradient.
        double gX = nextAdjoint[CartPole.X];
        double gXDot = stops || Math.abs(xDot + dt * xAcc) > p.xDotLimit() ? 0 : nextAdjoint[CartPole.X_DOT];
        double gTheta = nextAdjoint[CartPole.THETA];
        double gW = Math.abs(w + dt * thetaAcc) > p.thetaDotLimit() ? 0 : nextAdjoint[CartPole.THETA_DOT];

        // Euler step.
        double aXAcc = dt * gXDot;
        double aThetaAcc = dt * gW;
        double aX = gX;
        double aXDot = dt * gX + gXDot;
        double aTheta = gTheta;
        double aOmega = dt * gTheta + gW;
        double aSin = 0;
        double aCos = 0;
        double aDen = 0;
        double aTorque = 0;

        // xAcc = netPush / m - (ml / m) thetaAcc c
        double aNet = aXAcc / m;
        aThetaAcc += -(ml / m) * c * aXAcc;
        aCos += -(ml / m) * thetaAcc * aXAcc;
        // thetaAcc = (g s - c netPush / m - torque / ml) / den
        double aNum = aThetaAcc / den;
        aDen += -thetaAcc * aNum;
        aSin += p.gravity() * aNum;
        aCos += -(netPush / m) * aNum;
        aNet += -(c / m) * aNum;
        aTorque += -aNum / ml;
        // netPush = push - coulomb
        double aPush = aNet;
        if (stops) {
            double aStopping = -aNet;
            // stopping = (xDot / dt + slidingAcc) / compliance
            aXDot += aStopping / (dt * compliance);
            double aSliding = aStopping / compliance;
            double aCompliance = -stopping * aStopping / compliance;
            // compliance = (1 + q) / m with q = ml c^2 / (m den)
            double q = ml * c * c / (m * den);
            double aQ = aCompliance / m;
            aCos += aQ * 2 * ml * c / (m * den);
            aDen += -aQ * q / den;
            // slidingAcc = push / m - (ml / m) slidingThetaAcc c
            aPush += aSliding / m;
            double aSlidingTheta = -(ml / m) * c * aSliding;
            aCos += -(ml / m) * slidingThetaAcc * aSliding;
            // slidingThetaAcc = (g s - c push / m - torque / ml) / den
            double aNum0 = aSlidingTheta / den;
            aDen += -slidingThetaAcc * aNum0;
            aSin += p.gravity() * aNum0;
            aCos += -(push / m) * aNum0;
            aPush += -(c / m) * aNum0;
            aTorque += -aNum0 / ml;
        }
        // den = l (4/3 - mp c^2 / m)
        aCos += aDen * p.halfLength() * (-2 * p.massPole() * c / m);
        // push = (F - viscous xDot) + ml w^2 s; torque = pivot w
        double aForce = aPush;
        aXDot += -viscous * aPush;
        aOmega += aPush * ml * 2 * w * s + pivot * aTorque;
        aSin += aPush * ml * w * w;
        // s = sin theta, c = cos theta
        aTheta += c * aSin - s * aCos;

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
