package org.neurorig.neuromop;

/**
 * What the controller maximizes. NeuroMOP: the discounted sum of {@code -alpha ln pi(a|x)
 * + beta H(S|x,a) + mu r(x,a)}; with deterministic dynamics its optimal policy is
 * {@code pi(a|x) ~ exp((mu r + beta H + gamma V(x'))/alpha)} and {@code V(x) = alpha ln Z(x)}.
 * The R network maximizes the discounted count of steps alive (r = 1 while x' is not terminal) with an
 * epsilon-greedy policy; it uses gamma only.
 *
 * @param gamma discount factor, in (0, 1)
 * @param alpha weight of the action entropy, &gt; 0 (the paper: 1)
 * @param beta  weight of the state entropy (appendix D), &gt;= 0
 * @param mu    weight of the extrinsic reward (appendix I), &gt;= 0
 */
public record Objective(double gamma, double alpha, double beta, double mu) {

    public Objective {
        if (!(gamma > 0 && gamma < 1)) {
            throw new IllegalArgumentException("neuromop.gamma = " + gamma + " is out of range: expected 0 < gamma < 1");
        }
        if (!(alpha > 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("neuromop.alpha = " + alpha + " is out of range: expected a number > 0");
        }
        if (!(beta >= 0) || !(mu >= 0) || Double.isInfinite(beta) || Double.isInfinite(mu)) {
            throw new IllegalArgumentException("neuromop.beta = " + beta + ", mu = " + mu + ": expected finite numbers >= 0");
        }
    }

    /** Action entropy only (alpha = 1, beta = mu = 0). */
    public static Objective actionEntropy(double gamma) {
        return new Objective(gamma, 1, 0, 0);
    }

    public Objective withBeta(double value) {
        return new Objective(gamma, alpha, value, mu);
    }

    public Objective withMu(double value) {
        return new Objective(gamma, alpha, beta, value);
    }
}
