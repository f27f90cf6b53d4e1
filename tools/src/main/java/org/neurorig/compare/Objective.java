package org.neurorig.compare;

import java.util.Arrays;
import org.neurorig.episode.CartPoleBalancing;
import org.neurorig.learning.StageCost;
import org.neurorig.plant.CartPole;
import org.neurorig.plant.CartPoleParameters;

/**
 * The one objective every learner is judged by: the balancing task's reward per tick, which the
 * learners in the loop collect, and its negative as the per-tick cost a model-based learner descends.
 * A model rollout's loss is then exactly minus the return the loop pays on the same trajectory: the
 * model costs the state after each of its ticks, and the loop rewards the state after each command
 * (never the first state of an episode, which no command led to); both stop at the state that leaves
 * the limits, which costs the task's failure penalty.
 *
 * @param task the reward per tick
 */
record Objective(CartPoleBalancing task) {

    /**
     * Minus the task's reward for the state after a tick, with its exact gradient: {@code shaping} times
     * the gradient of {@code (theta/theta_max)^2 + (x/x_max)^2} where that is below 1, zero where it is
     * capped, and zero outside the limits, where the fall's penalty is a constant step. The model's
     * rollout stops at that state, so the step's jump never enters the gradient.
     */
    StageCost cost() {
        CartPoleParameters p = task.parameters();
        double shaping = task.shaping();
        double xScale = 1 / p.xThreshold();
        double thetaScale = 1 / p.thetaThreshold();
        return (state, action, stateGradient, actionGradient) -> {
            Arrays.fill(stateGradient, 0);
            Arrays.fill(actionGradient, 0);
            // the task's own arithmetic, so that the loss is minus the return to the bit
            double cost = -task.reward(state, action);
            double x = state[CartPole.X] / p.xThreshold();
            double theta = state[CartPole.THETA] / p.thetaThreshold();
            boolean inside = Math.abs(x) <= 1 && Math.abs(theta) <= 1;
            if (inside && theta * theta + x * x < 1) {
                stateGradient[CartPole.X] = 2 * shaping * x * xScale;
                stateGradient[CartPole.THETA] = 2 * shaping * theta * thetaScale;
            }
            return cost;
        };
    }
}
