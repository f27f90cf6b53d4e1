package org.neurorig.plant;

import java.util.Arrays;

/**
 * A plant model that a gradient can flow through: a deterministic step {@code s' = f(s, a)} and its
 * vector-Jacobian product, so backpropagation through time can carry the adjoint of the next state
 * back to the state and the action. This is the "model" of model-based learning: a description of the
 * plant, never the plant itself.
 *
 * <p>What the controller senses is the first {@link #sensorCount()} state variables, each plus a
 * constant offset ({@link #sense}): so d sensors / d state is the identity on those variables and zero
 * on the rest, and a gradient needs nothing more from the sensors. A plant with memory the controller
 * cannot see (a delay line, a held command) carries it in the state variables after the sensed ones,
 * and its {@link #stateSize()} is larger than its {@link #sensorCount()}.
 */
public interface DifferentiablePlant {

    /** The number of state variables. */
    int stateSize();

    /** The number of action (command) values. */
    int actionSize();

    /** The number of sensor values: the first this many state variables. */
    default int sensorCount() {
        return stateSize();
    }

    /**
     * What the controller reads in {@code state}: the first {@link #sensorCount()} state variables,
     * each plus the plant's constant sensor offset (none unless the plant says so).
     */
    default void sense(double[] state, double[] sensors) {
        System.arraycopy(state, 0, sensors, 0, sensorCount());
    }

    /**
     * The state an episode starts in from {@code start}, its first {@code start.length} variables (for
     * a cart-pole: x, x_dot, theta, theta_dot); the rest are zero, which is how a plant with memory
     * starts (an empty delay line, no command held).
     *
     * @throws IllegalArgumentException when {@code start} has more values than the state
     */
    default void initialState(double[] start, double[] state) {
        if (start.length > stateSize()) {
            throw new IllegalArgumentException("an initial state of " + start.length + " values for a plant model of "
                    + stateSize() + " state variables: give at most " + stateSize());
        }
        System.arraycopy(start, 0, state, 0, start.length);
        Arrays.fill(state, start.length, stateSize(), 0.0);
    }

    /** {@code next = f(state, action)}; {@code next} may not alias the inputs. */
    void step(double[] state, double[] action, double[] next);

    /**
     * The vector-Jacobian product at {@code (state, action)}: given the adjoint {@code g} of the next
     * state, writes {@code (df/ds)^T g} into {@code stateAdjoint} and {@code (df/da)^T g} into
     * {@code actionAdjoint} (both overwritten, not accumulated).
     */
    void vectorJacobianProduct(double[] state, double[] action, double[] nextAdjoint, double[] stateAdjoint,
            double[] actionAdjoint);

    /** Whether {@code state} ends an episode (the gradient does not see this; rollouts may stop there). */
    boolean terminal(double[] state);
}
