package org.neurorig.plant;

import org.junit.jupiter.api.Nested;
import org.neurorig.device.Device;
import org.neurorig.plant.CartPolePlant.ForceMode;
import org.neurorig.testing.PlantContract;

/** The plant contract over the in-process cart-pole, in both force modes, ideal and with friction and jitter. */
class CartPolePlantContractTest {

    /** Past Gymnasium's 2.4 m track limit, pole upright. */
    private static final double[] OFF_THE_TRACK = {2.5, 0, 0, 0};

    private abstract static class InProcess extends PlantContract {
        @Override
        protected boolean lockstep() {
            return true;
        }

        @Override
        protected double[] terminalState() {
            return OFF_THE_TRACK.clone();
        }
    }

    @Nested
    class Continuous extends InProcess {
        @Override
        protected Device open() {
            CartPolePlant p = new CartPolePlant(CartPoleParameters.gym(), ForceMode.CONTINUOUS);
            p.configure();
            return p;
        }
    }

    @Nested
    class BangBangWithFrictionAndJitter extends InProcess {
        @Override
        protected Device open() {
            CartPolePlant p = new CartPolePlant(CartPoleParameters.gym(), ForceMode.BANG_BANG, new Friction(0.1, 0.05, 0.002),
                    new TickJitter(0.1, 7));
            p.configure();
            return p;
        }
    }
}
