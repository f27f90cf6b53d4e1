package org.neurorig.learning;

/**
 * A differentiable per-tick cost of what the sensors read after a tick and the action that led to it,
 * the objective the model-based gradient descends (for an ideal plant the sensors are its state).
 * {@link #evaluate} returns the cost and writes its gradient.
 */
@FunctionalInterface
public interface StageCost {

    /**
     * @param state          the sensors after the tick (x, x_dot, theta, theta_dot for a cart-pole)
     * @param action         the command applied during the tick
     * @param stateGradient  receives dc/dstate (overwritten)
     * @param actionGradient receives dc/daction (overwritten)
     * @return the cost
     */
    double evaluate(double[] state, double[] action, double[] stateGradient, double[] actionGradient);

    /**
     * {@code c = sum_i q_i s_i^2 + r sum_k a_k^2}: the cost of linear-quadratic control, smooth
     * everywhere, zero only at the target state with no effort.
     */
    static StageCost quadratic(double[] stateWeights, double actionWeight) {
        double[] q = stateWeights.clone();
        return (s, a, gs, ga) -> {
            double c = 0;
            for (int i = 0; i < q.length; i++) {
                c += q[i] * s[i] * s[i];
                gs[i] = 2 * q[i] * s[i];
            }
            for (int k = 0; k < a.length; k++) {
                c += actionWeight * a[k] * a[k];
                ga[k] = 2 * actionWeight * a[k];
            }
            return c;
        };
    }

    /**
     * The balancing objective used for the cart-pole: each state variable is measured against the limit
     * that ends an episode, {@code (theta / theta_max)^2 + (x / x_max)^2}, plus small weights on the two
     * velocities (so the learner damps the motion instead of only bending it back) and on the force.
     *
     * <p>Why this and not survival time: the number of ticks before the pole falls is a step function
     * of the weights (its gradient is zero almost everywhere), and termination cuts the dynamics. The
     * quadratic cost is smooth, is smallest exactly when the pole is upright and the cart centred and
     * still, and penalizes approaching either limit in proportion to how close it is: it is the cost of
     * the linear-quadratic regulator that is known to balance the linearized cart-pole.
     */
    static StageCost cartPoleBalance(double xThreshold, double thetaThreshold, double forceMag) {
        return quadratic(new double[] {1 / (xThreshold * xThreshold), 0.05, 1 / (thetaThreshold * thetaThreshold), 0.05},
                0.01 / (forceMag * forceMag));
    }
}
