package org.neurorig.bridge;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.neurorig.device.Device;

/** The plant contract over {@link FirmwarePlant} on QEMU's Uno: one emulator for the class, a link (a handshake) per test. */
@Tag("emulator")
class FirmwarePlantContractTest extends FirmwarePlantContract {

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
        FirmwarePlant plant = new FirmwarePlant(Emulators.settings(uno.port()));
        try {
            plant.configure();
        } catch (Exception e) {
            plant.close();
            throw e;
        }
        return plant;
    }
}
