package org.neurorig.compare;

import org.neurorig.device.Plant;
import org.neurorig.plant.CartPolePlant;
import org.neurorig.plant.DifferentiablePlant;
import org.neurorig.plant.nonideal.ModelledCartPole;
import org.neurorig.plant.nonideal.NonIdealCartPole;
import org.neurorig.plant.nonideal.NonIdealities;

/**
 * One "hardware": a point on an axis of the sweep, the cart-pole with that axis's non-ideality at that
 * value. Two points with the same non-idealities are the same hardware (every axis passes through the
 * ideal cart-pole, which is measured once and shown on each).
 *
 * @param axis          the axis
 * @param value         the axis's value, in its unit
 * @param nonIdealities the rig's non-idealities there
 */
record Condition(Axis axis, double value, NonIdealities nonIdealities) {

    static Condition on(Axis axis, double value) {
        return new Condition(axis, value, axis.hardware().apply(value));
    }

    /** Short name for files, tables and seeds, e.g. {@code delay 2}; {@code ideal} on every axis's ideal point. */
    String name() {
        return ideal() ? "ideal" : axis.point(value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Condition c && c.nonIdealities.equals(nonIdealities);
    }

    @Override
    public int hashCode() {
        return nonIdealities.hashCode();
    }

    /** Whether this point is the ideal cart-pole (the model itself). */
    boolean ideal() {
        return nonIdealities.isIdeal();
    }

    /** Whether a differentiable model can know this hardware exactly ({@link ModelledCartPole}): S on the true model. */
    boolean modelled() {
        return ModelledCartPole.canModel(nonIdealities);
    }

    /** The model that knows this hardware's effects, for S on the true model. */
    DifferentiablePlant trueModel() {
        return new ModelledCartPole(ControllerDesign.PLANT, nonIdealities);
    }

    /** A new instance of this hardware, its sensor noise and tick jitter seeded with {@code seed}. */
    Plant hardware(long seed) {
        return NonIdealCartPole.create(ControllerDesign.PLANT, CartPolePlant.ForceMode.CONTINUOUS, nonIdealities, seed);
    }

    /** The nominal model as a plant: the ideal cart-pole. */
    static Plant model() {
        return new CartPolePlant(ControllerDesign.PLANT, CartPolePlant.ForceMode.CONTINUOUS);
    }
}
