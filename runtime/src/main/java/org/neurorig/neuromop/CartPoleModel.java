package org.neurorig.neuromop;

import org.neurorig.plant.CartPole;
import org.neurorig.plant.CartPoleParameters;

/**
 * The cart-pole as NeuroMOP's environment (no recurrent network: the value network sees the cart-pole's
 * state): two actions, a push of -F (action 0) or +F (action 1), and the nominal model's successors.
 * The state is the {@link CartPole}'s (x, x_dot, theta, theta_dot), in float; the physics runs in double.
 * On a real rig the same oracle predicts from the sensed state with the nominal parameters, which is
 * what makes the plant-vs-model gap visible ({@link PlantMopController}).
 */
public final class CartPoleModel implements SuccessorModel {

    private final CartPoleParameters parameters;
    private final CartPole scratch;
    private final double[] in = new double[CartPole.STATE_SIZE];
    private final double[] out = new double[CartPole.STATE_SIZE];

    public CartPoleModel(CartPoleParameters parameters) {
        this.parameters = parameters;
        this.scratch = new CartPole(parameters);
    }

    public CartPoleParameters parameters() {
        return parameters;
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

    @Override
    public void successors(float[] state, float[] successors) {
        for (int a = 0; a < 2; a++) {
            for (int i = 0; i < CartPole.STATE_SIZE; i++) {
                in[i] = state[i];
            }
            scratch.setState(in);
            scratch.step(force(a));
            scratch.state(out);
            for (int i = 0; i < CartPole.STATE_SIZE; i++) {
                successors[a * CartPole.STATE_SIZE + i] = (float) out[i];
            }
        }
    }

    /** The cart-pole's own end of episode: |x| or |theta| past its threshold. Margin: the smaller relative distance. */
    public TerminalSet terminalSet() {
        return new TerminalSet() {
            @Override
            public boolean isTerminal(float[] states, int offset) {
                return Math.abs(states[offset + CartPole.X]) > parameters.xThreshold()
                        || Math.abs(states[offset + CartPole.THETA]) > parameters.thetaThreshold();
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
