package org.neurorig.compare;

import org.neurorig.episode.CartPoleBalancing;
import org.neurorig.learning.StageCost;
import org.neurorig.plant.CartPole;

/**
 * The one objective every learner is after, so that they are compared like for like: the hardware
 * learners' reward per tick is the task's ({@link CartPoleBalancing}), and S's model cost per tick is
 * exactly minus that reward, so a model rollout's loss is minus the return the loop would pay on the
 * same trajectory. Its gradient is the shaped term's, {@code shaping * grad min(1, q)}; the fall's
 * penalty is a step, with no gradient, which a model rollout meets only at its last tick (it stops at
 * the terminal state).
 */
record Objective(CartPoleBalancing task) {

    /** Minus the task's reward of the state after a tick, with its gradient; no cost on the action. */
    StageCost cost() {
        double xMax = task.parameters().xThreshold();
        double thetaMax = task.parameters().thetaThreshold();
        double shaping = task.shaping();
        return (state, action, stateGradient, actionGradient) -> {
            java.util.Arrays.fill(stateGradient, 0);
            java.util.Arrays.fill(actionGradient, 0);
            double x = state[CartPole.X] / xMax;
            double theta = state[CartPole.THETA] / thetaMax;
            if (!(Math.abs(x) <= 1 && Math.abs(theta) <= 1)) {
                return task.failure();
            }
            double q = theta * theta + x * x;
            if (q < 1) {
                stateGradient[CartPole.X] = shaping * 2 * x / xMax;
                stateGradient[CartPole.THETA] = shaping * 2 * theta / thetaMax;
            }
            return -(1 - shaping * Math.min(1, q));
        };
    }
}
