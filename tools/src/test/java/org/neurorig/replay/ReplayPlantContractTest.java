package org.neurorig.replay;

import org.junit.jupiter.api.Nested;
import org.neurorig.device.Device;
import org.neurorig.device.Plant;
import org.neurorig.plant.nonideal.NonIdealities;
import org.neurorig.testing.SimulatedCartPoleContract;

/** The plant contract over the plants a log is replayed on, as {@code neurorig plant replay} makes them. */
class ReplayPlantContractTest {

    private abstract static class Replayed extends SimulatedCartPoleContract {
        abstract ReplayPlant kind();

        NonIdealities nonIdealities() {
            return NonIdealities.none();
        }

        @Override
        protected Device open() throws Exception {
            Plant plant = kind().create(nonIdealities(), 5);
            plant.configure();
            return plant;
        }
    }

    @Nested
    class CartpoleGym extends Replayed {
        @Override
        ReplayPlant kind() {
            return ReplayPlant.CARTPOLE_GYM;
        }
    }

    @Nested
    class CartpoleContinuous extends Replayed {
        @Override
        ReplayPlant kind() {
            return ReplayPlant.CARTPOLE_CONTINUOUS;
        }
    }

    @Nested
    class CartpoleContinuousWithEveryNonIdeality extends Replayed {
        @Override
        ReplayPlant kind() {
            return ReplayPlant.CARTPOLE_CONTINUOUS;
        }

        @Override
        NonIdealities nonIdealities() {
            return NonIdealities.preset("strong");
        }
    }
}
