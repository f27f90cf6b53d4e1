package org.neurorig.plant;

/**
 * A plant model that a gradient can flow through: a deterministic step {@code s' = f(s, a)} and its
 * vector-Jacobian product, so backpropagation through time can carry the adjoint of the next state
 * back to the state and the action. This is the "model" of model-based learning: a nominal description
 * of the plant, never the plant itself.
 */
public interface DifferentiablePlant {

    /** The number of state variables. */
    int stateSize();

    /** The number of action (command) values. */
    int actionSize();

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
