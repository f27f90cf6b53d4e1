package org.neurorig.neuromop;

import java.util.SplittableRandom;

/**
 * Trains one agent's value network and runs its test trajectories, as the paper does: each epoch runs
 * {@code trajectories} trajectories of at most {@code horizon} steps from the same x0, records every state
 * with its Bellman target (computed with the start-of-epoch weights, which do not change during the
 * epoch), then fits the value network to them with Adam on the loss
 * {@code (1/N_traj) sum_traj (1/t_end) sum_t w_t (V(x_t) - V_B(x_t))^2}, where {@code w_t = 0.1} for a
 * state that is not terminal and {@code w = 1} (target 0) for the terminal state that ends a trajectory.
 *
 * <p>With validation on ({@link TrainingParameters#validateEvery()}), every few epochs a set of episodes
 * from its own random stream measures the current weights' lifetime, and {@link #keepBest()} ends training
 * with the weights that lived longest. Fitted value iteration on the agent's own trajectories need not
 * settle (the cart-pole's lifetime keeps swinging from epoch to epoch); validation picks the weights to deploy.
 *
 * <p>One instance per network and per thread; its buffers are allocated once, here.
 */
public final class MopTraining {

    /** Weight of a non-terminal state's error in the loss (the paper's). */
    public static final float NON_TERMINAL_WEIGHT = 0.1f;
    /** Weight of the terminal state's error (target 0). */
    public static final float TERMINAL_WEIGHT = 1f;

    private final MopAgent agent;
    private final float[] x0;
    private final TrainingParameters parameters;
    private final EpsilonSchedule epsilon;
    private final int contexts;
    private final SplittableRandom random;
    private final int stateSize;
    private final int inputs;
    private final float[] state;
    private final float[] sampleInputs;
    private final float[] targets;
    private final float[] weights;
    private final double[] sum;
    private final double[] sumSquares;
    private final SplittableRandom validationRandom;
    private final float[][] bestWeights;  // the weights that lived longest in validation (empty without it)
    private double bestValidation = Double.NaN;
    private int bestEpoch = -1;
    private int epochsRun;

    /**
     * @param epsilon  the R network's schedule (ignored by NeuroMOP; may be null for it)
     * @param contexts number of one-hot contexts, drawn once per epoch (0: none)
     */
    public MopTraining(MopAgent agent, float[] x0, TrainingParameters parameters, EpsilonSchedule epsilon, int contexts,
            long seed) {
        this.agent = agent;
        this.stateSize = agent.model().stateSize();
        if (x0.length != stateSize) {
            throw new IllegalArgumentException("x0 has " + x0.length + " values; the model's state has " + stateSize);
        }
        this.x0 = x0.clone();
        this.parameters = parameters;
        this.epsilon = agent.kind() == ControllerKind.R && epsilon == null ? EpsilonSchedule.constant(0) : epsilon;
        this.contexts = contexts;
        this.random = new SplittableRandom(seed);
        // its own stream: validation changes no training trajectory, and measures on episodes training never saw
        this.validationRandom = new SplittableRandom(seed).split();
        float[][] groups = agent.valueNetwork().parameters();
        this.bestWeights = new float[parameters.validateEvery() > 0 ? groups.length : 0][];
        for (int p = 0; p < bestWeights.length; p++) {
            bestWeights[p] = new float[groups[p].length];
        }
        this.inputs = agent.inputSize();
        this.state = new float[stateSize];
        int capacity = parameters.trajectories() * (parameters.horizon() + 1);
        this.sampleInputs = new float[capacity * inputs];
        this.targets = new float[capacity];
        this.weights = new float[capacity];
        this.sum = new double[stateSize];
        this.sumSquares = new double[stateSize];
        agent.valueNetwork().ensureCapacity(capacity);
        if (agent.terminalSet().isTerminal(this.x0, 0)) {
            throw new IllegalArgumentException("x0 is terminal for " + agent.terminalSet().name()
                    + ": every trajectory would end at once; choose another x0");
        }
    }

    /** A random x0 with every unit uniform in +-halfWidth (the paper's fixed random x0). */
    public static float[] randomInitialState(int n, double halfWidth, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (halfWidth == 0 ? 0 : r.nextDouble(-halfWidth, halfWidth));
        }
        return x;
    }

    public MopAgent agent() {
        return agent;
    }

    public TrainingParameters parameters() {
        return parameters;
    }

    /** The R network's epsilon in epoch l (NaN for NeuroMOP). */
    public double epsilonAt(int epoch) {
        return agent.kind() == ControllerKind.R ? epsilon.at(epoch) : Double.NaN;
    }

    /** Runs the next epoch: its trajectories, then the value network's updates. */
    public EpochReport runEpoch() {
        int epoch = epochsRun++;
        if (agent.kind() == ControllerKind.R) {
            agent.setEpsilon(epsilon.at(epoch));
        }
        int context = contexts > 0 ? random.nextInt(contexts) : -1;
        agent.setContext(context);
        int samples = 0;
        double lifetimeSum = 0;
        double entropySum = 0;
        long decisions = 0;
        double sigmaSum = 0;
        int horizon = parameters.horizon();
        int trajectories = parameters.trajectories();
        TerminalSet terminal = agent.terminalSet();
        for (int traj = 0; traj < trajectories; traj++) {
            System.arraycopy(x0, 0, state, 0, stateSize);
            java.util.Arrays.fill(sum, 0);
            java.util.Arrays.fill(sumSquares, 0);
            int first = samples;
            int t = 0;
            accumulate();
            while (t < horizon) {
                agent.input(state, 0, sampleInputs, samples * inputs);
                if (terminal.isTerminal(state, 0)) {
                    targets[samples] = 0f;
                    weights[samples] = TERMINAL_WEIGHT;
                    samples++;
                    break;
                }
                int a = agent.decide(state, random);
                targets[samples] = (float) agent.target();
                weights[samples] = NON_TERMINAL_WEIGHT;
                samples++;
                entropySum += agent.entropy();
                decisions++;
                System.arraycopy(agent.successors(), a * stateSize, state, 0, stateSize);
                t++;
                accumulate();
            }
            lifetimeSum += t;
            float norm = 1f / (trajectories * Math.max(t, 1));
            for (int s = first; s < samples; s++) {
                weights[s] *= norm;
            }
            sigmaSum += meanStd(t + 1);
        }
        double loss = Double.NaN;
        for (int u = 0; u < parameters.updatesPerEpoch(); u++) {
            double l = agent.valueNetwork().lossAndGradient(sampleInputs, samples, targets, weights);
            if (u == 0) {
                loss = l;
            }
            agent.valueNetwork().adamStep(parameters.learningRate());
        }
        double validation = Double.NaN;
        if (parameters.validateEvery() > 0 && epochsRun % parameters.validateEvery() == 0) {
            validation = validate();
            // ties go to the later weights, fitted on more data
            if (bestEpoch < 0 || validation >= bestValidation) {
                copy(agent.valueNetwork().parameters(), bestWeights);
                bestValidation = validation;
                bestEpoch = epoch;
            }
        }
        return new EpochReport(epoch, lifetimeSum / trajectories, decisions == 0 ? 0 : entropySum / decisions,
                sigmaSum / trajectories, loss, epsilonAt(epoch), context, validation);
    }

    /** Mean lifetime of the validation episodes with the current weights (each in a random context, if any). */
    private double validate() {
        TerminalSet terminal = agent.terminalSet();
        int horizon = parameters.horizon();
        int episodes = parameters.validationEpisodes();
        long total = 0;
        for (int k = 0; k < episodes; k++) {
            agent.setContext(contexts > 0 ? validationRandom.nextInt(contexts) : -1);
            System.arraycopy(x0, 0, state, 0, stateSize);
            int t = 0;
            while (t < horizon && !terminal.isTerminal(state, 0)) {
                int a = agent.decide(state, validationRandom);
                System.arraycopy(agent.successors(), a * stateSize, state, 0, stateSize);
                t++;
            }
            total += t;
        }
        return (double) total / episodes;
    }

    private static void copy(float[][] from, float[][] to) {
        for (int p = 0; p < from.length; p++) {
            System.arraycopy(from[p], 0, to[p], 0, from[p].length);
        }
    }

    /**
     * Puts back the weights with the longest validation lifetime (a no-op without validation): call once
     * training is over, before testing or deploying the agent.
     *
     * @return the epoch (0-based) whose weights the agent now has; the last epoch without validation
     */
    public int keepBest() {
        if (bestEpoch < 0) {
            return epochsRun - 1;
        }
        copy(bestWeights, agent.valueNetwork().parameters());
        agent.valueNetwork().parametersChanged();
        return bestEpoch;
    }

    /** The longest validation lifetime so far (NaN before the first validation). */
    public double bestValidation() {
        return bestValidation;
    }

    private void accumulate() {
        for (int i = 0; i < stateSize; i++) {
            double v = state[i];
            sum[i] += v;
            sumSquares[i] += v * v;
        }
    }

    private double meanStd(int count) {
        double total = 0;
        for (int i = 0; i < stateSize; i++) {
            double mean = sum[i] / count;
            total += Math.sqrt(Math.max(0, sumSquares[i] / count - mean * mean));
        }
        return total / stateSize;
    }

    /**
     * Runs {@code count} test trajectories with the trained network (no training), in context
     * {@code context} (-1: none), the R network at its last training epsilon.
     */
    public Trajectory[] test(int count, int context) {
        agent.setContext(context);
        if (agent.kind() == ControllerKind.R) {
            agent.setEpsilon(epsilon.at(Math.max(0, epochsRun - 1)));
        }
        Trajectory[] out = new Trajectory[count];
        TerminalSet terminal = agent.terminalSet();
        SuccessorModel model = agent.model();
        int horizon = parameters.horizon();
        for (int k = 0; k < count; k++) {
            Trajectory tr = new Trajectory(stateSize, model.actionDimensions(), horizon);
            tr.start(x0);
            System.arraycopy(x0, 0, state, 0, stateSize);
            for (int t = 0; t < horizon; t++) {
                if (terminal.isTerminal(state, 0)) {
                    tr.terminate();
                    break;
                }
                double margin = terminal.margin(state, 0);
                int a = agent.decide(state, random);
                tr.record(model, a, agent.entropy(), margin, agent.successors(), a * stateSize);
                System.arraycopy(agent.successors(), a * stateSize, state, 0, stateSize);
            }
            if (!tr.terminated() && terminal.isTerminal(state, 0)) {
                tr.terminate();
            }
            out[k] = tr;
        }
        return out;
    }
}
