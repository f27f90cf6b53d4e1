package org.neurorig.episode;

import org.neurorig.plant.CartPole;
import org.neurorig.plant.CartPoleParameters;
import java.util.SplittableRandom;

/**
 * Balancing a cart-pole as a {@link Task}: a reward per tick that says how well the pole is balanced,
 * judged from the sensors (what a rig can measure), and where each episode starts.
 *
 * <p>The reward for the transition into sensor values s:
 * <pre>
 *   r = 1 - shaping * min(1, (theta / theta_max)^2 + (x / x_max)^2)     while s is inside the limits
 *   r = -failure                                                        when s is outside them (the episode ends)
 * </pre>
 * With {@code shaping = 0} and {@code failure = -1} this is Gymnasium's +1 per step (see {@link #survival}).
 * Why the shaping: a three-factor rule learns from the covariance of its perturbation with the reward
 * prediction error. +1 per tick is the same whatever the perturbation did until the tick the pole
 * falls, so an online rule with a running baseline sees almost no error to learn from, and an episodic
 * rule only the episode's length. The shaped term makes each tick's reward depend on how far the pole
 * leans and the cart strays, measured against the limits that end the episode (the same normalized
 * quadratic the model-based learner descends, {@link org.neurorig.learning.StageCost#cartPoleBalance}),
 * so a perturbation that straightens the pole is rewarded within a few ticks. Surviving still counts
 * (every tick in the limits earns at least {@code 1 - shaping}), and a fall costs {@code failure}.
 *
 * @param parameters the cart-pole whose limits judge the state
 * @param shaping    weight of the quadratic term, 0 to 1
 * @param failure    the penalty of the tick that leaves the limits, &gt;= -1 (-1: the +1 of Gymnasium's last step)
 */
public record CartPoleBalancing(CartPoleParameters parameters, double shaping, double failure) implements Task {

    public CartPoleBalancing {
        if (!(shaping >= 0 && shaping <= 1)) {
            throw new IllegalArgumentException("reward shaping = " + shaping + " is out of range: expected 0 to 1");
        }
        if (!(failure >= -1) || Double.isInfinite(failure)) {
            throw new IllegalArgumentException("failure penalty = " + failure + " is out of range: expected a finite number >= -1");
        }
    }

    /** Gymnasium's CartPole-v1 reward: +1 for every step, the last included. */
    public static CartPoleBalancing survival(CartPoleParameters parameters) {
        return new CartPoleBalancing(parameters, 0, -1);
    }

    @Override
    public double reward(double[] sensors, double[] lastCommands) {
        double x = sensors[CartPole.X] / parameters.xThreshold();
        double theta = sensors[CartPole.THETA] / parameters.thetaThreshold();
        if (!(Math.abs(x) <= 1 && Math.abs(theta) <= 1)) {
            return -failure;
        }
        return 1 - shaping * Math.min(1, theta * theta + x * x);
    }

    /**
     * Initial states as CartPole-v1 draws them (each variable uniform in +-{@code resetHalfWidth}) from a
     * generator seeded with {@code seed}; allocation-free, for the loop thread.
     */
    public static Episodes.InitialStates starts(CartPoleParameters parameters, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return state -> CartPole.drawInitialState(parameters, random, state);
    }
}
