package org.neurorig.plant;

import org.junit.jupiter.api.Nested;
import org.neurorig.device.Device;
import org.neurorig.plant.CartPolePlant.ForceMode;
import org.neurorig.testing.SimulatedCartPoleContract;

/** The plant contract over the in-process cart-pole, in both force modes, ideal and with friction and jitter. */
class CartPolePlantContractTest {

    @Nested
    class Continuous extends SimulatedCartPoleContract {
        @Override
        protected Device open() {
            CartPolePlant p = new CartPolePlant(CartPoleParameters.gym(), ForceMode.CONTINUOUS);
            p.configure();
            return p;
        }
    }

    @Nested
    class BangBangWithFrictionAndJitter extends SimulatedCartPoleContract {
        @Override
        protected Device open() {
            CartPolePlant p = new CartPolePlant(CartPoleParameters.gym(), ForceMode.BANG_BANG, new Friction(0.1, 0.05, 0.002),
                    new TickJitter(0.1, 7));
            p.configure();
            return p;
        }
    }
}
