package org.neurorig.compare;

import org.neurorig.device.Plant;
import org.neurorig.loop.ActuatorLimits;
import org.neurorig.loop.EpisodeRunner;
import org.neurorig.plant.CartPolePlant;
import org.neurorig.plant.DifferentiablePlant;
import org.neurorig.plant.nonideal.ModelledCartPole;
import org.neurorig.plant.nonideal.NonIdealCartPole;
import org.neurorig.plant.nonideal.NonIdealities;

/**
 * One "hardware": a point on an axis of the sweep, the cart-pole with that axis's non-ideality at that
 * value; or a rig profile's cart-pole ({@code --hardware}). Two points with the same non-idealities are
 * the same hardware (every axis passes through the ideal cart-pole, which is measured once and shown on
 * each).
 *
 * @param axis          the axis (for a profile, its single point)
 * @param value         the axis's value, in its unit
 * @param nonIdealities the rig's non-idealities there (for a profile: unknown, left at none)
 * @param profile       the profile's hardware, or null for a point of the simulated sweep
 */
record Condition(Axis axis, double value, NonIdealities nonIdealities, ProfileHardware profile) {

    static Condition on(Axis axis, double value) {
        return new Condition(axis, value, axis.hardware().apply(value), null);
    }

    static Condition of(ProfileHardware profile) {
        return new Condition(Axis.profile(profile.name()), 0, NonIdealities.none(), profile);
    }

    /** Short name for files, tables and seeds, e.g. {@code delay 2}; {@code ideal} on every axis's ideal point. */
    String name() {
        return profile != null ? profile.name() : ideal() ? "ideal" : axis.point(value);
    }

    /** Whether this is the ideal cart-pole (the model itself). */
    boolean ideal() {
        return profile == null && nonIdealities.isIdeal();
    }

    /** Whether a differentiable model can know this hardware exactly ({@link ModelledCartPole}): S on the true model. */
    boolean modelled() {
        return profile == null && ModelledCartPole.canModel(nonIdealities);
    }

    /** The model that knows this hardware's effects, for S on the true model. */
    DifferentiablePlant trueModel() {
        return new ModelledCartPole(ControllerDesign.PLANT, nonIdealities);
    }

    /**
     * This hardware for one loop: a new simulated instance, its sensor noise and tick jitter seeded with
     * {@code seed}; or the profile's device, borrowed.
     */
    Plant hardware(long seed) {
        return profile != null ? profile.borrow()
                : NonIdealCartPole.create(ControllerDesign.PLANT, CartPolePlant.ForceMode.CONTINUOUS, nonIdealities, seed);
    }

    /** How a loop on this hardware is paced: lockstep, or the profile's real time. */
    EpisodeRunner.Pace pace() {
        return profile != null ? profile.pace() : EpisodeRunner.Pace.LOCKSTEP;
    }

    /** The limits every command to this hardware passes: the profile's, or the cart-pole's full scale. */
    ActuatorLimits[] limits() {
        return profile != null ? profile.limits() : new ActuatorLimits[] {ActuatorLimits.symmetric(ControllerDesign.COMMAND_SCALE)};
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Condition c && c.nonIdealities.equals(nonIdealities) && c.profile == profile;
    }

    @Override
    public int hashCode() {
        return nonIdealities.hashCode() + (profile == null ? 0 : profile.hashCode());
    }

    /** The nominal model as a plant: the ideal cart-pole. */
    static Plant model() {
        return new CartPolePlant(ControllerDesign.PLANT, CartPolePlant.ForceMode.CONTINUOUS);
    }
}
