package org.neurorig.bridge;

import org.neurorig.device.Device;
import org.neurorig.plant.CartPoleParameters;
import org.neurorig.plant.CartPolePlant;

/** The cart-pole contract over the in-process cart-pole (Gymnasium's equations in float64, continuous force). */
class InProcessPlantContractTest extends CartPoleContract {

    @Override
    protected Device open() {
        CartPolePlant plant = new CartPolePlant(CartPoleParameters.gym(), CartPolePlant.ForceMode.CONTINUOUS);
        plant.configure();
        return plant;
    }

    @Override
    protected boolean lockstep() {
        return true;
    }

    @Override
    protected double[] resolution() {
        return new double[4];
    }
}
