package org.neurorig.plant.nonideal;

import org.neurorig.device.Plant;

/**
 * Gymnasium's discrete cart-pole action turned into a force before the actuator's effects act on it:
 * a positive command pushes with {@code +force}, anything else with {@code -force}, as
 * {@code CartPolePlant.ForceMode.BANG_BANG} does. Outermost in a chain whose inner plant takes newtons.
 */
public final class DiscreteForce extends CommandShaper {

    private final double force;

    /** @param force the force of either push, N (the cart-pole's forceMag) */
    public DiscreteForce(Plant inner, double force) {
        super(inner);
        this.force = checkedFullScale(force);
    }

    @Override
    double shape(double command) {
        return command > 0 ? force : -force;
    }
}
