package org.neurorig.neuromop;

import org.neurorig.plant.CartPole;
import org.neurorig.plant.CartPoleDynamics;
import org.neurorig.plant.CartPoleParameters;

/**
 * The cart-pole as NeuroMOP's environment (no recurrent network: the value network sees the cart-pole's
 * state): two actions, a push of -F (action 0) or +F (action 1), and the nominal model's successors.
 * The state is the {@link CartPole}'s (x, x_dot, theta, theta_dot), in float; the physics runs in double,
 * through {@link CartPoleDynamics}. On a real rig the same oracle predicts from the sensed state with the
 * nominal parameters, which is what makes the plant-vs-model gap visible ({@link PlantMopController}).
 * Allocates nothing.
 */
public final class CartPoleSuccessors implements SuccessorModel {

    private final CartPoleParameters parameters;
    private final CartPoleDynamics dynamics;

    public CartPoleSuccessors(CartPoleParameters parameters) {
        this.parameters = parameters;
        this.dynamics = new CartPoleDynamics(parameters);
    }

    /** The force (N) action a applies. */
    public double force(int action) {
        return action == 1 ? parameters.forceMag() : -parameters.forceMag();
    }

    @Override
    public int stateSize() {
        return CartPole.STATE_SIZE;
    }

    @Override
    public int actionCount() {
        return 2;
    }

    @Override
    public int actionDimensions() {
        return 1;
    }

    @Override
    public float actionComponent(int action, int k) {
        return action == 1 ? 1f : -1f;
    }

    /**
     * Gymnasium's Euler step (as {@link CartPole#step}, the same equations and order of operations), once
     * per force, with the trigonometry computed once per state. It uses {@link Math#sin}: {@code StrictMath}'s
     * Java port of fdlibm, which {@code CartPole} uses for bit-reproducible plant logs, allocates a
     * {@code double[2]} per call unless C2 inlines it, and the controller's model need not be
     * bit-reproducible. It agrees with {@code CartPole} to about 1e-15.
     */
    @Override
    public void successors(float[] state, float[] successors) {
        double x = state[CartPole.X];
        double xDot = state[CartPole.X_DOT];
        double theta = state[CartPole.THETA];
        double thetaDot = state[CartPole.THETA_DOT];
        double cos = Math.cos(theta);
        double sin = Math.sin(theta);
        double dt = parameters.dt();
        for (int a = 0; a < 2; a++) {
            double push = dynamics.push(force(a), sin, thetaDot);
            double thetaAcc = dynamics.poleAcceleration(push, sin, cos);
            double xAcc = dynamics.cartAcceleration(push, thetaAcc, cos);
            int o = a * CartPole.STATE_SIZE;
            successors[o + CartPole.X] = (float) (x + dt * xDot);
            successors[o + CartPole.X_DOT] = (float) dynamics.clipCartVelocity(xDot + dt * xAcc);
            successors[o + CartPole.THETA] = (float) (theta + dt * thetaDot);
            successors[o + CartPole.THETA_DOT] = (float) dynamics.clipPoleVelocity(thetaDot + dt * thetaAcc);
        }
    }

    /** The cart-pole's own end of episode: |x| or |theta| past its threshold. Margin: the smaller relative distance. */
    public TerminalSet terminalSet() {
        return new TerminalSet() {
            @Override
            public boolean isTerminal(float[] states, int offset) {
                return parameters.terminal(states[offset + CartPole.X], states[offset + CartPole.THETA]);
            }

            @Override
            public double margin(float[] states, int offset) {
                return Math.min(1 - Math.abs(states[offset + CartPole.X]) / parameters.xThreshold(),
                        1 - Math.abs(states[offset + CartPole.THETA]) / parameters.thetaThreshold());
            }

            @Override
            public String name() {
                return "cartpole |x|<=" + parameters.xThreshold() + " |theta|<=" + parameters.thetaThreshold();
            }
        };
    }

    /**
     * Scales that bring the value network's inputs to about [-1, 1]: the thresholds for x and theta, the
     * velocity limits for the velocities (our choice; the paper does not say).
     */
    public float[] inputScales() {
        float[] s = new float[CartPole.STATE_SIZE];
        s[CartPole.X] = (float) (1 / parameters.xThreshold());
        s[CartPole.THETA] = (float) (1 / parameters.thetaThreshold());
        s[CartPole.X_DOT] = (float) (Double.isInfinite(parameters.xDotLimit()) ? 1 : 1 / parameters.xDotLimit());
        s[CartPole.THETA_DOT] = (float) (Double.isInfinite(parameters.thetaDotLimit()) ? 1
                : 1 / parameters.thetaDotLimit());
        return s;
    }
}
