package org.neurorig.plant.nonideal;

import org.junit.jupiter.api.Nested;
import org.neurorig.device.Device;
import org.neurorig.device.DeviceException;
import org.neurorig.plant.CartPoleParameters;
import org.neurorig.plant.CartPolePlant.ForceMode;
import org.neurorig.testing.SimulatedCartPoleContract;

/**
 * The plant contract over the cart-pole with every non-ideality at once (the "strong" preset: each
 * effect a decorator with calls of its own, stacked), in both force modes.
 */
class NonIdealCartPoleContractTest {

    private abstract static class WithEffects extends SimulatedCartPoleContract {
        abstract NonIdealities effects();

        ForceMode mode() {
            return ForceMode.CONTINUOUS;
        }

        @Override
        protected Device open() throws DeviceException {
            var plant = NonIdealCartPole.create(CartPoleParameters.gym(), mode(), effects(), 11);
            plant.configure();
            return plant;
        }
    }

    @Nested
    class EveryEffect extends WithEffects {
        @Override
        NonIdealities effects() {
            return NonIdealities.preset("strong");
        }
    }

    @Nested
    class EveryEffectBangBang extends WithEffects {
        @Override
        NonIdealities effects() {
            return NonIdealities.preset("strong");
        }

        @Override
        ForceMode mode() {
            return ForceMode.BANG_BANG;
        }
    }
}
