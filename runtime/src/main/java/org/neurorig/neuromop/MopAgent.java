package org.neurorig.neuromop;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The controller: at every step it evaluates the value network at all one-step successors x'(x, a) of
 * the state (a batch of 2^M inputs, one matrix product) and picks an action.
 *
 * <ul>
 *   <li>{@link ControllerKind#MOP}: the exact Boltzmann policy
 *       {@code pi(a|x) = exp((b_a - V_B)/alpha)} with {@code b_a = mu r(x'_a) + beta H(S|x,a) + gamma V(x'_a)}
 *       and {@code V_B = alpha ln sum_a exp(b_a/alpha)}, computed with the maximum subtracted (log-sum-exp)
 *       so no exponent overflows whatever the values are.</li>
 *   <li>{@link ControllerKind#R}: {@code q_a = r_a + gamma V(x'_a)} with r = 1 for a successor that is not
 *       terminal; the greedy action with probability 1 - epsilon, a uniform one otherwise;
 *       {@code V_B = (1 - epsilon) max q + epsilon mean q}.</li>
 * </ul>
 * V is 0 at every terminal successor whatever the network outputs. {@link #target()} is V_B, the Bellman
 * target of the state just decided on, computed with the network's current weights (which training keeps
 * fixed during an epoch: the targets of the start-of-epoch weights).
 *
 * <p>The value network sees a selection of state components ({@code inputIndices}, each times its
 * {@code inputScales} entry) followed by a one-hot context of {@code contextSize} entries. With all
 * components in order, no scaling and no context, the successors themselves are the network's inputs.
 *
 * <p>{@link #decide} allocates nothing. Not thread-safe: one agent per thread.
 */
public final class MopAgent {

    private final SuccessorModel model;
    private final TerminalSet terminal;
    private final ExtrinsicReward reward;
    private final ValueNetwork value;
    private final Objective objective;
    private final ControllerKind kind;
    private final int[] inputIndices;
    private final float[] inputScales;
    private final int contextSize;
    private final boolean identityInputs;
    private final int stateSize;
    private final int actions;
    private final int inputs;
    private final float[] successors;
    private final float[] valueInputs;
    private final float[] values;
    private final float[] brackets;
    private final float[] probabilities;
    private final double[] weights;
    private final float[] stateEntropy;
    private final boolean[] terminalSuccessor;
    private int context = -1;
    private double epsilon;
    private double target;
    private double entropy;
    private int action;

    /**
     * @param inputIndices state components the value network sees (null: all, in order)
     * @param inputScales  a factor for each of those components (null: 1)
     * @param contextSize  length of the one-hot context appended to the inputs (0: none)
     * @param reward       the extrinsic reward (null when mu = 0)
     */
    public MopAgent(ControllerKind kind, SuccessorModel model, TerminalSet terminal, ExtrinsicReward reward,
            Objective objective, ValueNetwork value, int[] inputIndices, float[] inputScales, int contextSize) {
        this.kind = kind;
        this.model = model;
        this.terminal = terminal;
        this.reward = reward;
        this.objective = objective;
        this.value = value;
        this.stateSize = model.stateSize();
        this.actions = model.actionCount();
        this.inputIndices = inputIndices == null ? identity(stateSize) : inputIndices.clone();
        this.inputScales = inputScales == null ? null : inputScales.clone();
        if (this.inputScales != null && this.inputScales.length != this.inputIndices.length) {
            throw new IllegalArgumentException("neuromop: " + this.inputScales.length + " input scales for "
                    + this.inputIndices.length + " inputs");
        }
        for (int i : this.inputIndices) {
            if (i < 0 || i >= stateSize) {
                throw new IllegalArgumentException("neuromop: value-network input " + i + " is not a state component (0.."
                        + (stateSize - 1) + ")");
            }
        }
        this.contextSize = contextSize;
        this.inputs = this.inputIndices.length + contextSize;
        if (value.inputs() != inputs) {
            throw new IllegalArgumentException("neuromop: the value network has " + value.inputs()
                    + " inputs; this agent feeds it " + inputs);
        }
        if (objective.beta() > 0 && !model.stateEntropy(new float[actions])) {
            throw new IllegalArgumentException("neuromop.beta = " + objective.beta()
                    + ": this model has no state-entropy term; use beta = 0");
        }
        if (objective.mu() > 0 && reward == null) {
            throw new IllegalArgumentException("neuromop.mu = " + objective.mu() + " but no extrinsic reward is defined");
        }
        this.identityInputs = inputIndices == null && inputScales == null && contextSize == 0;
        this.successors = new float[actions * stateSize];
        this.valueInputs = identityInputs ? successors : new float[actions * inputs];
        this.values = new float[actions];
        this.brackets = new float[actions];
        this.probabilities = new float[actions];
        this.weights = new double[actions];
        this.stateEntropy = new float[actions];
        this.terminalSuccessor = new boolean[actions];
        value.ensureCapacity(actions);
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    /** The value network's input size: the selected components plus the context. */
    public int inputSize() {
        return inputs;
    }

    public SuccessorModel model() {
        return model;
    }

    public TerminalSet terminalSet() {
        return terminal;
    }

    public ValueNetwork valueNetwork() {
        return value;
    }

    public ControllerKind kind() {
        return kind;
    }

    /** Sets the one-hot context (0 .. contextSize - 1), or -1 for none. */
    public void setContext(int c) {
        if (c < -1 || c >= contextSize) {
            throw new IllegalArgumentException("context " + c + " is out of range: expected -1 to " + (contextSize - 1));
        }
        context = c;
        terminal.setContext(c);
    }

    /** The R network's exploration rate (ignored by NeuroMOP). */
    public void setEpsilon(double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException("epsilon = " + value + " is out of range: expected 0 to 1");
        }
        epsilon = value;
    }

    /** Writes the value network's input for the state at {@code states[offset ..]} to {@code dst[dstOffset ..]}. */
    public void input(float[] states, int offset, float[] dst, int dstOffset) {
        int n = inputIndices.length;
        for (int j = 0; j < n; j++) {
            float v = states[offset + inputIndices[j]];
            dst[dstOffset + j] = inputScales == null ? v : v * inputScales[j];
        }
        for (int c = 0; c < contextSize; c++) {
            dst[dstOffset + n + c] = c == context ? 1f : 0f;
        }
    }

    /**
     * Evaluates every successor of {@code state} and samples an action; {@link #target()},
     * {@link #entropy()} and {@link #successor} describe the decision afterwards.
     *
     * @return the action, 0 .. actionCount - 1
     */
    public int decide(float[] state, SplittableRandom random) {
        model.successors(state, successors);
        terminal.classify(successors, stateSize, actions, terminalSuccessor);
        if (!identityInputs) {
            for (int a = 0; a < actions; a++) {
                input(successors, a * stateSize, valueInputs, a * inputs);
            }
        }
        value.evaluate(valueInputs, actions, values);
        action = kind == ControllerKind.MOP ? boltzmann(random) : epsilonGreedy(random);
        return action;
    }

    private int boltzmann(SplittableRandom random) {
        double gamma = objective.gamma();
        double alpha = objective.alpha();
        double beta = objective.beta();
        double mu = objective.mu();
        if (beta > 0) {
            model.stateEntropy(stateEntropy);
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int a = 0; a < actions; a++) {
            double v = terminalSuccessor[a] ? 0 : values[a];
            double b = gamma * v;
            if (beta > 0) {
                b += beta * stateEntropy[a];
            }
            if (mu > 0) {
                b += mu * reward.reward(successors, a * stateSize);
            }
            brackets[a] = (float) (b / alpha);
            max = Math.max(max, brackets[a]);
        }
        double sum = 0;
        for (int a = 0; a < actions; a++) {
            double e = Math.exp(brackets[a] - max); // in (0, 1]: nothing overflows whatever the values are
            weights[a] = e;
            sum += e;
        }
        double logSum = Math.log(sum);
        double logZ = max + logSum;
        target = alpha * logZ;
        double h = 0;
        double u = random.nextDouble() * sum; // sample on the unnormalized weights, normalize once
        double cumulative = 0;
        int chosen = -1;
        for (int a = 0; a < actions; a++) {
            double e = weights[a];
            cumulative += e;
            if (chosen < 0 && u < cumulative) {
                chosen = a;
            }
            double p = e / sum;
            probabilities[a] = (float) p;
            h -= p * (brackets[a] - max - logSum);
        }
        entropy = h;
        return chosen >= 0 ? chosen : lastPossible();
    }

    /** Rounding can leave the cumulative sum a hair below u: take the last action with any weight. */
    private int lastPossible() {
        for (int a = actions - 1; a >= 0; a--) {
            if (weights[a] > 0) {
                return a;
            }
        }
        return actions - 1;
    }

    private int epsilonGreedy(SplittableRandom random) {
        double gamma = objective.gamma();
        int best = 0;
        int ties = 0;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        for (int a = 0; a < actions; a++) {
            double q = terminalSuccessor[a] ? 0 : 1 + gamma * values[a];
            brackets[a] = (float) q;
            sum += q;
            if (q > max) {
                max = q;
                best = a;
                ties = 1;
            } else if (q == max && random.nextInt(++ties) == 0) {
                best = a; // exact ties (all successors terminal, say) are broken uniformly, not by action number
            }
        }
        target = (1 - epsilon) * max + epsilon * sum / actions;
        double pOther = epsilon / actions;
        double pBest = 1 - epsilon + pOther;
        entropy = -(pBest * log(pBest) + (actions - 1) * pOther * log(pOther));
        Arrays.fill(probabilities, (float) pOther);
        probabilities[best] = (float) pBest;
        if (random.nextDouble() < epsilon) {
            return random.nextInt(actions);
        }
        return best;
    }

    private static double log(double p) {
        return p > 0 ? Math.log(p) : 0; // 0 ln 0 = 0
    }

    /** V_B of the last decided state: the Bellman target. */
    public double target() {
        return target;
    }

    /** H(A | x) of the policy at the last decided state, in nats. */
    public double entropy() {
        return entropy;
    }

    /** The last action chosen. */
    public int action() {
        return action;
    }

    /** The successors of the last decided state, row a = x'(x, a); the array is the agent's own. */
    public float[] successors() {
        return successors;
    }

    /** The policy's probabilities at the last decided state; the array is the agent's own. */
    public float[] probabilities() {
        return probabilities;
    }

    /** Whether successor a of the last decided state is terminal. */
    public boolean successorTerminal(int a) {
        return terminalSuccessor[a];
    }
}
