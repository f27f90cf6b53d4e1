package org.neurorig.learning;

import java.util.Arrays;
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
 *   y_k = sense(s_k)                       the sensors: the plant's first sensorCount() state variables
 *                                          plus a constant offset (all of the state for the ideal plant)
 *   u_k = sensorGain * y_k                 sensors scaled into the network's inputs
 *   z_{k+1} = network(u_k)                 one network tick
 *   a_k = commandGain * z_{k+1}            the readout as actuator command (the plant model limits it)
 *   s_{k+1} = f(s_k, a_k)                  the plant model
 *   L = (1 / K) sum over K initial states of sum_k c(y_{k+1}, a_k)
 * </pre>
 * The cost is the sensors' (what a reward on the hardware sees), so an offset the model knows of is
 * in it too. Backward, per tick from the last: the cost's gradient joins the adjoint of the sensed
 * part of s_{k+1} (d y / d s is the identity there); the plant's vector-Jacobian product sends it to
 * s_k and a_k; {@code commandGain} takes a_k's adjoint to the readout; the network's adjoint takes it
 * through the tick to the weights and to u_k, and {@code sensorGain} from u_k to the sensed part of s_k.
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
    private final int sensorCount;
    private final int actions;

    private final double[][] states;   // s_0 .. s_T
    private final double[][] sensors;  // y_0 .. y_T
    private final double[][] commands; // a_0 .. a_{T-1}
    private final double[] input;
    private final double[] adjState;
    private final double[] adjNext;
    private final double[] adjAction;
    private final double[] costSensorGrad;
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
     * @param sensorGain     per sensor, the factor from sensor value to network input (length = network inputs = plant sensors)
     * @param commandGain    the factor from readout to command (network outputs = plant actions)
     * @param cost           the per-tick cost
     * @param stopAtTerminal end a rollout at the first terminal state
     */
    public ModelBasedGradient(NetworkModel network, DifferentiablePlant plant, double[] sensorGain, double commandGain,
            StageCost cost, boolean stopAtTerminal) {
        if (network.inputs() != plant.sensorCount() || sensorGain.length != plant.sensorCount()) {
            throw new IllegalArgumentException("the network has " + network.inputs() + " inputs and " + sensorGain.length
                    + " sensor gains; the plant model has " + plant.sensorCount() + " sensors: they must agree");
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
        this.sensorCount = plant.sensorCount();
        this.actions = plant.actionSize();
        this.states = new double[horizon + 1][stateSize];
        this.sensors = new double[horizon + 1][sensorCount];
        this.commands = new double[horizon][actions];
        this.input = new double[sensorCount];
        this.adjState = new double[stateSize];
        this.adjNext = new double[stateSize];
        this.adjAction = new double[actions];
        this.costSensorGrad = new double[sensorCount];
        this.costActionGrad = new double[actions];
        this.adjReadout = new double[actions];
        this.adjInput = new double[sensorCount];
        this.sumJ = new double[network.recurrentWeights().length];
        this.sumB = new double[network.inputWeights().length];
        this.sumW = new double[network.readoutWeights().length];
    }

    public NetworkModel network() {
        return network;
    }

    /**
     * Runs the closed loop from {@code initialState}; returns the summed cost. The start may be the
     * plant model's whole state or its first variables (a cart-pole's four), the rest as
     * {@link DifferentiablePlant#initialState} fills it.
     */
    public double rollout(double[] initialState) {
        network.reset();
        plant.initialState(initialState, states[0]);
        plant.sense(states[0], sensors[0]);
        double total = 0;
        ticks = 0;
        for (int k = 0; k < horizon; k++) {
            double[] y = sensors[k];
            for (int i = 0; i < sensorCount; i++) {
                input[i] = sensorGain[i] * y[i];
            }
            double[] z = network.forwardStep(input);
            for (int o = 0; o < actions; o++) {
                commands[k][o] = commandGain * z[o];
            }
            plant.step(states[k], commands[k], states[k + 1]);
            plant.sense(states[k + 1], sensors[k + 1]);
            total += cost.evaluate(sensors[k + 1], commands[k], costSensorGrad, costActionGrad);
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

    /** The sensors after tick {@code k} of the last rollout ({@code k = -1}: at the initial state). */
    public double[] sensors(int k) {
        return sensors[k + 1];
    }

    /** Backpropagates the last rollout; the gradients are then in the network model's gradient arrays. */
    public void backward() {
        network.beginBackward();
        Arrays.fill(adjNext, 0);
        for (int k = ticks - 1; k >= 0; k--) {
            cost.evaluate(sensors[k + 1], commands[k], costSensorGrad, costActionGrad);
            for (int i = 0; i < sensorCount; i++) {
                adjNext[i] += costSensorGrad[i];
            }
            plant.vectorJacobianProduct(states[k], commands[k], adjNext, adjState, adjAction);
            for (int o = 0; o < actions; o++) {
                adjReadout[o] = commandGain * (adjAction[o] + costActionGrad[o]);
            }
            network.backwardStep(k, adjReadout, adjInput);
            for (int i = 0; i < sensorCount; i++) {
                adjNext[i] = adjState[i] + sensorGain[i] * adjInput[i];
            }
            System.arraycopy(adjState, sensorCount, adjNext, sensorCount, stateSize - sensorCount);
        }
    }

    /**
     * The mean cost over {@code initialStates} and its gradient, left in {@link #recurrentGradient()},
     * {@link #inputGradient()} and {@link #readoutGradient()}.
     */
    public double lossAndGradient(double[][] initialStates) {
        Arrays.fill(sumJ, 0);
        Arrays.fill(sumB, 0);
        Arrays.fill(sumW, 0);
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
