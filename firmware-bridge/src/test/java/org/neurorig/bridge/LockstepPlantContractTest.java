package org.neurorig.bridge;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.neurorig.device.Device;

/**
 * The plant contract over {@link FirmwarePlant} in lockstep on QEMU's Uno: a reset's state and a
 * command's step are read once they have come, as on a plant with a clock of its own.
 */
@Tag("emulator")
class LockstepPlantContractTest extends FirmwarePlantContract {

    private static EmulatedUno uno;

    @BeforeAll
    static void start() {
        uno = Emulators.start();
    }

    @AfterAll
    static void stop() {
        if (uno != null) {
            uno.close();
        }
    }

    @Override
    protected Device open() throws Exception {
        FirmwarePlant plant = new FirmwarePlant(Emulators.settings(uno.port()).withLockstep(true));
        try {
            plant.configure();
        } catch (Exception e) {
            plant.close();
            throw e;
        }
        return plant;
    }
}
