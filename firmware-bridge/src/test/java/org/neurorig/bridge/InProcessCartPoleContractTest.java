package org.neurorig.bridge;

import org.junit.jupiter.api.BeforeAll;
import org.neurorig.device.Plant;
import org.neurorig.plant.CartPoleParameters;
import org.neurorig.plant.CartPolePlant;

/** The cart-pole contract over the in-process cart-pole (Gymnasium's equations in float64, continuous force). */
class InProcessCartPoleContractTest extends CartPoleContract {

    private static CartPolePlant plant;

    @BeforeAll
    static void create() {
        plant = new CartPolePlant(CartPoleParameters.gym(), CartPolePlant.ForceMode.CONTINUOUS);
        plant.configure();
    }

    @Override
    protected Plant plant() {
        return plant;
    }

    @Override
    protected double[] resolution() {
        return new double[4];
    }
}
