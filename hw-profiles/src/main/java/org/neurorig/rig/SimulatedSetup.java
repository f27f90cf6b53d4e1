package org.neurorig.rig;

import org.neurorig.device.Device;
import org.neurorig.device.Plant;
import org.neurorig.plant.CartPoleParameters;
import org.neurorig.plant.CartPolePlant;
import org.neurorig.plant.nonideal.NonIdealCartPole;
import org.neurorig.profile.DeviceSpec;
import org.neurorig.profile.RigProfile;

/**
 * The cart-pole in this process, Gymnasium's physics with the profile's non-idealities, one physics
 * step of the loop's period per tick.
 */
record SimulatedSetup(Plant plant, CartPoleParameters nominal, DeviceSpec.Simulated spec) implements DeviceSetup {

    static SimulatedSetup open(DeviceSpec.Simulated spec, RigProfile profile) {
        CartPoleParameters nominal = parameters(profile);
        CartPolePlant.ForceMode mode = spec.plant().equals("cartpole") ? CartPolePlant.ForceMode.BANG_BANG
                : CartPolePlant.ForceMode.CONTINUOUS;
        Plant plant = NonIdealCartPole.create(nominal, mode, spec.nonIdealities(), spec.seed());
        return new SimulatedSetup(plant, nominal, spec);
    }

    /**
     * Gymnasium's cart-pole with the profile's timing: one Euler step per loop period, the motor's full
     * scale from the actuator's limits (10 N in the shipped profiles, Gymnasium's), and the reset spread
     * of {@code [episodes]}.
     */
    static CartPoleParameters parameters(RigProfile profile) {
        CartPoleParameters g = CartPoleParameters.gym();
        return new CartPoleParameters(g.gravity(), g.massCart(), g.massPole(), g.halfLength(), DeviceSetup.fullScale(profile),
                1.0 / profile.rateHz(), g.xThreshold(), g.thetaThreshold(), g.xDotLimit(), g.thetaDotLimit(),
                profile.episodes().initialSpread());
    }

    @Override
    public Device device() {
        return plant;
    }

    @Override
    public boolean resetsIntoAState() {
        return true;
    }

    @Override
    public String describe() {
        return "simulated " + plant.name() + (spec.nonIdealities().isIdeal() ? " (ideal)"
                : " with " + spec.nonIdealities().describe());
    }
}
