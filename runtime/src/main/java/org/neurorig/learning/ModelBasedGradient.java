package org.neurorig.learning;

import java.util.Set;
import org.neurorig.plant.DifferentiablePlant;

/**
 * Learning in software: the exact gradient of a cost through a differentiable model of the network
 * and the plant, by backpropagation through time with hand-derived adjoints ({@link NetworkModel},
 * {@link DifferentiablePlant}). It is the comparator the perturbation rules are judged against: the
 * fastest learner on the model, and as wrong as the model is on the real plant.
 *
 * <p>The closed loop it differentiates, one tick k (as the control loop runs it):
 * <pre>
 *   u_k = sensorGain * s_k                 sensors (the plant state) scaled into the network's inputs
 *   z_{k+1} = network(u_k)                 one network tick
 *   a_k = commandGain * z_{k+1}            the readout as actuator command (the plant model limits it)
 *   s_{k+1} = f(s_k, a_k)                  the plant model
 *   L = (1 / K) sum over K initial states of sum_k c(s_{k+1}, a_k)
 * </pre>
 * Backward, per tick from the last: the cost's gradient joins the adjoint of s_{k+1}; the plant's
 * vector-Jacobian product sends it to s_k and a_k; {@code commandGain} takes a_k's adjoint to the
 * readout; the network's adjoint takes it through the tick to the weights and to u_k, and
 * {@code sensorGain} from u_k to s_k.
 *
 * <p>A rollout stops at a terminal state when {@code stopAtTerminal} is set: past it the real episode
 * is over, and a falling pole's cost would dominate the gradient. The gradient is then exact for the
 * truncated rollout.
 */
public final class ModelBasedGradient {

    private final NetworkModel network;
    private final DifferentiablePlant plant;
    private final double[] sensorGain;
    private final double commandGain;
    private final StageCost cost;
    private final boolean stopAtTerminal;
    private final int horizon;
    private final int stateSize;
    private final int actions;

    private final double[][] states;   // s_0 .. s_T
    private final double[][] commands; // a_0 .. a_{T-1}
    private final double[] input;
    private final double[] adjState;
    private final double[] adjNext;
    private final double[] adjAction;
    private final double[] costStateGrad;
    private final double[] costActionGrad;
    private final double[] adjReadout;
    private final double[] adjInput;
    private final double[] sumJ;
    private final double[] sumB;
    private final double[] sumW;
    private int ticks;

    /**
     * @param network        the network model (its horizon is the rollout's length)
     * @param plant          the plant model
     * @param sensorGain     per sensor, the factor from plant state to network input (length = network inputs = plant state size)
     * @param commandGain    the factor from readout to command (network outputs = plant actions)
     * @param cost           the per-tick cost
     * @param stopAtTerminal end a rollout at the first terminal state
     */
    public ModelBasedGradient(NetworkModel network, DifferentiablePlant plant, double[] sensorGain, double commandGain,
            StageCost cost, boolean stopAtTerminal) {
        if (network.inputs() != plant.stateSize() || sensorGain.length != plant.stateSize()) {
            throw new IllegalArgumentException("the network has " + network.inputs() + " inputs and " + sensorGain.length
                    + " sensor gains; the plant has " + plant.stateSize() + " state variables: they must agree");
        }
        if (network.outputs() != plant.actionSize()) {
            throw new IllegalArgumentException("the network has " + network.outputs() + " outputs; the plant takes "
                    + plant.actionSize() + " commands: they must agree");
        }
        this.network = network;
        this.plant = plant;
        this.sensorGain = sensorGain.clone();
        this.commandGain = commandGain;
        this.cost = cost;
        this.stopAtTerminal = stopAtTerminal;
        this.horizon = network.horizon();
        this.stateSize = plant.stateSize();
        this.actions = plant.actionSize();
        this.states = new double[horizon + 1][stateSize];
        this.commands = new double[horizon][actions];
        this.input = new double[stateSize];
        this.adjState = new double[stateSize];
        this.adjNext = new double[stateSize];
        this.adjAction = new double[actions];
        this.costStateGrad = new double[stateSize];
        this.costActionGrad = new double[actions];
        this.adjReadout = new double[actions];
        this.adjInput = new double[stateSize];
        this.sumJ = new double[network.recurrentWeights().length];
        this.sumB = new double[network.inputWeights().length];
        this.sumW = new double[network.readoutWeights().length];
    }

    public NetworkModel network() {
        return network;
    }

    /** Runs the closed loop from {@code initialState}; returns the summed cost. */
    public double rollout(double[] initialState) {
        network.reset();
        System.arraycopy(initialState, 0, states[0], 0, stateSize);
        double total = 0;
        ticks = 0;
        for (int k = 0; k < horizon; k++) {
            double[] s = states[k];
            for (int i = 0; i < stateSize; i++) {
                input[i] = sensorGain[i] * s[i];
            }
            double[] z = network.forwardStep(input);
            for (int o = 0; o < actions; o++) {
                commands[k][o] = commandGain * z[o];
            }
            plant.step(s, commands[k], states[k + 1]);
            total += cost.evaluate(states[k + 1], commands[k], costStateGrad, costActionGrad);
            ticks = k + 1;
            if (stopAtTerminal && plant.terminal(states[k + 1])) {
                break;
            }
        }
        return total;
    }

    /** The number of ticks the last rollout ran (less than the horizon when it stopped at a terminal state). */
    public int ticks() {
        return ticks;
    }

    /** The plant state after tick {@code k} of the last rollout ({@code k = -1}: the initial state). */
    public double[] plantState(int k) {
        return states[k + 1];
    }

    /** Backpropagates the last rollout; the gradients are then in the network model's gradient arrays. */
    public void backward() {
        network.beginBackward();
        java.util.Arrays.fill(adjNext, 0);
        for (int k = ticks - 1; k >= 0; k--) {
            cost.evaluate(states[k + 1], commands[k], costStateGrad, costActionGrad);
            for (int i = 0; i < stateSize; i++) {
                adjNext[i] += costStateGrad[i];
            }
            plant.vectorJacobianProduct(states[k], commands[k], adjNext, adjState, adjAction);
            for (int o = 0; o < actions; o++) {
                adjReadout[o] = commandGain * (adjAction[o] + costActionGrad[o]);
            }
            network.backwardStep(k, adjReadout, adjInput);
            for (int i = 0; i < stateSize; i++) {
                adjNext[i] = adjState[i] + sensorGain[i] * adjInput[i];
            }
        }
    }

    /**
     * The mean cost over {@code initialStates} and its gradient, left in {@link #recurrentGradient()},
     * {@link #inputGradient()} and {@link #readoutGradient()}.
     */
    public double lossAndGradient(double[][] initialStates) {
        java.util.Arrays.fill(sumJ, 0);
        java.util.Arrays.fill(sumB, 0);
        java.util.Arrays.fill(sumW, 0);
        double total = 0;
        for (double[] s0 : initialStates) {
            total += rollout(s0);
            backward();
            add(network.recurrentGradient(), sumJ);
            add(network.inputGradient(), sumB);
            add(network.readoutGradient(), sumW);
        }
        double inv = 1.0 / initialStates.length;
        scale(sumJ, inv);
        scale(sumB, inv);
        scale(sumW, inv);
        return total * inv;
    }

    private static void add(double[] from, double[] to) {
        for (int i = 0; i < to.length; i++) {
            to[i] += from[i];
        }
    }

    private static void scale(double[] a, double f) {
        for (int i = 0; i < a.length; i++) {
            a[i] *= f;
        }
    }

    /** dL/dJ of the last {@link #lossAndGradient}. */
    public double[] recurrentGradient() {
        return sumJ;
    }

    public double[] inputGradient() {
        return sumB;
    }

    public double[] readoutGradient() {
        return sumW;
    }

    /** The gradient of one weight group of the last {@link #lossAndGradient}. */
    public double[] gradient(WeightGroup group) {
        return switch (group) {
            case RECURRENT -> sumJ;
            case INPUT -> sumB;
            case READOUT -> sumW;
            case BIAS -> throw new IllegalArgumentException("a rate network has no biases");
        };
    }

    /** The model's weights of one group (live). */
    public double[] weights(WeightGroup group) {
        return switch (group) {
            case RECURRENT -> network.recurrentWeights();
            case INPUT -> network.inputWeights();
            case READOUT -> network.readoutWeights();
            case BIAS -> throw new IllegalArgumentException("a rate network has no biases");
        };
    }

    /** The plastic groups' gradient norm (for clipping and reports). */
    public double gradientNorm(Set<WeightGroup> plastic) {
        double s = 0;
        for (WeightGroup g : plastic) {
            for (double v : gradient(g)) {
                s += v * v;
            }
        }
        return Math.sqrt(s);
    }
}
